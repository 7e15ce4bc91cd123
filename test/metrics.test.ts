import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { parsePrometheus, valueOf } from './support/prometheus.js';
import { call, getToken, startTestServer, TEST_NOW, type TestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  const CORP = 'wwmetr1c5c0rp00001';
  const SECRET = 'metrics-test-secret-0123456789abcdef';
  const KEY = 'metrics-ingest-key-0123456789abcdef';
  const LIVE = 'lvMetricsLive0000000000000000000';
  const START_S = TEST_NOW / 1000 - 7200;

  function scenario(): Scenario {
    return {
      corps: [
        {
          corpid: CORP,
          ingest_keys: [KEY],
          apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
          livings: [{ livingid: LIVE, anchor_userid: 'zhangsan', theme: 'metrics', creator_agentid: 1000002, living_start: START_S, living_duration: 3600 }],
        },
      ],
    };
  }

  async function scrape(url: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${url}/metrics`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheus(await res.text());
  }

  describe('GET /metrics', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, scenario(), { rateLimits: { corpPerMinute: 5 } });
    });
    afterAll(() => server.close());

    it('counts calls per API and errcode, latency, ingest outcomes and rate-limit refusals, exactly as made', async () => {
      const before = await scrape(server.url);
      const token = await getToken(server.url, CORP, SECRET);
      const wrong = [await call(`${server.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=wrong`), await call(`${server.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=wrong2`)];
      expect(wrong.map((r) => r.body.errcode)).toEqual([40001, 40001]);
      const badToken = await watchStat(server.url, 'not-a-token', { livingid: LIVE });
      // Eight calls against a limit of five a minute: some succeed, the rest are refused with 45009.
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) codes.push((await watchStat(server.url, token, { livingid: LIVE })).body.errcode as number);
      const ok = codes.filter((c) => c === 0).length;
      const limited = codes.filter((c) => c === 45009).length;
      expect(ok + limited).toBe(8);
      expect(limited).toBeGreaterThan(0);

      const ev = (id: string, over: Record<string, unknown> = {}) => ({ id, livingid: LIVE, at: START_S * 1000 + 1000, kind: 'enter', viewer: { userid: 'lisi' }, ...over });
      const ingest = await call(`${server.url}/livestat/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: [ev('m-1'), ev('m-2', { viewer: { userid: 'wangwu' } }), ev('m-1'), { id: 'm-3', kind: 'dance' }] }),
      });
      expect(ingest.body).toMatchObject({ accepted: 2, duplicates: 1 });
      expect(ingest.body.rejected).toHaveLength(1);

      const after = await scrape(server.url);
      const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(delta('livestat_calls_total', { api: 'gettoken', errcode: '0' })).toBe(1);
      expect(delta('livestat_calls_total', { api: 'gettoken', errcode: '40001' })).toBe(2);
      expect(delta('livestat_calls_total', { api: 'living/get_watch_stat', errcode: String(badToken.body.errcode) })).toBe(1);
      expect(delta('livestat_calls_total', { api: 'living/get_watch_stat', errcode: '0' })).toBe(ok);
      expect(delta('livestat_calls_total', { api: 'living/get_watch_stat', errcode: '45009' })).toBe(limited);
      expect(delta('livestat_rate_limit_refusals_total', { api: 'living/get_watch_stat', errcode: '45009' })).toBe(limited);
      expect(delta('livestat_call_duration_seconds_count', { api: 'living/get_watch_stat' })).toBe(9);
      expect(delta('livestat_call_duration_seconds_count', { api: 'gettoken' })).toBe(3);
      expect(delta('livestat_call_duration_seconds_bucket', { api: 'gettoken', le: '+Inf' })).toBe(3);
      expect(delta('livestat_ingest_events_total', { outcome: 'accepted' })).toBe(2);
      expect(delta('livestat_ingest_events_total', { outcome: 'duplicate' })).toBe(1);
      expect(delta('livestat_ingest_events_total', { outcome: 'rejected' })).toBe(1);
      expect(delta('livestat_http_requests_total', { route: '/livestat/v1/events', status: '200' })).toBe(1);
      expect(delta('livestat_database_errors_total', { operation: 'pageWire' })).toBe(0);
      // Process metrics under their standard names; pool gauges on PostgreSQL only.
      expect(after.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
      expect(after.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
      expect(after.some((s) => s.name.startsWith('livestat_pg_pool'))).toBe(backend.name === 'PostgreSQL');
    });

    it('counts 45033 refusals of the concurrency limit', async () => {
      const slow = await startTestServer(backend, scenario(), { maxConcurrentPerCorp: 1, faults: [{ api: 'get_watch_stat', kind: 'latency', ms: 300 }] });
      try {
        const token = await getToken(slow.url, CORP, SECRET);
        const codes = await Promise.all(Array.from({ length: 3 }, () => watchStat(slow.url, token, { livingid: LIVE }).then((r) => r.body.errcode)));
        const refused = codes.filter((c) => c === 45033).length;
        expect(refused).toBeGreaterThan(0);
        const after = await scrape(slow.url);
        expect(valueOf(after, 'livestat_rate_limit_refusals_total', { api: 'living/get_watch_stat', errcode: '45033' })).toBe(refused);
        expect(valueOf(after, 'livestat_calls_total', { api: 'living/get_watch_stat', errcode: '45033' })).toBe(refused);
      } finally {
        await slow.close();
      }
    });

    it('counts database errors by store operation, and the caller gets -1', async () => {
      const broken = await startTestServer(backend, scenario());
      try {
        const token = await getToken(broken.url, CORP, SECRET);
        await broken.store.close();
        const reply = await watchStat(broken.url, token, { livingid: LIVE });
        expect(reply.body.errcode).toBe(-1);
        const after = await scrape(broken.url);
        const failures = after.filter((s) => s.name === 'livestat_database_errors_total');
        expect(failures.reduce((n, s) => n + s.value, 0)).toBe(1);
        expect(valueOf(after, 'livestat_calls_total', { api: 'living/get_watch_stat', errcode: '-1' })).toBe(1);
      } finally {
        await broken.close();
      }
    });
  });

  describe('who may read /metrics', () => {
    it('by default: this machine, not through a proxy', async () => {
      const server = await startTestServer(backend, scenario());
      try {
        await scrape(server.url);
        const proxied = await call(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
        expect(proxied.status).toBe(403);
        expect(proxied.body.error).toBe('forbidden');
      } finally {
        await server.close();
      }
    });

    it('by default: refused to another machine (over a non-loopback address of this host)', async (ctx) => {
      const external = Object.values(networkInterfaces())
        .flat()
        .find((a) => a?.family === 'IPv4' && !a.internal);
      if (!external) {
        process.stdout.write('skipped: this host has no non-loopback IPv4 address to call itself from\n');
        ctx.skip();
        return;
      }
      const { buildServer } = await import('../src/server/app.js');
      const { SqliteStore } = await import('../src/store/sqlite/sqlite-store.js');
      const store = new SqliteStore({ path: ':memory:' });
      const app = await buildServer({ store });
      await app.listen({ host: '0.0.0.0', port: 0 });
      try {
        const port = (app.server.address() as { port: number }).port;
        expect((await call(`http://${external.address}:${port}/metrics`)).status).toBe(403);
        expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
      } finally {
        await app.close();
        await store.close();
      }
    });

    it('with a token: from anywhere, only with Authorization: Bearer <token>', async () => {
      const token = 'metrics-token-0123456789abcdef';
      const server = await startTestServer(backend, scenario(), { metrics: { exposure: 'all', token } });
      try {
        expect((await call(`${server.url}/metrics`)).status).toBe(401);
        expect((await call(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
        expect((await call(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
        await scrape(server.url, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' });
      } finally {
        await server.close();
      }
    });

    it('off: no endpoint at all', async () => {
      const server = await startTestServer(backend, scenario(), { metrics: { exposure: 'off' } });
      try {
        const res = await call(`${server.url}/metrics`);
        expect(res.status).toBe(404);
      } finally {
        await server.close();
      }
    });
  });
});
