import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SECRETS, CORP, LIVE, baseScenario } from './support/scenarios.js';
import { parsePrometheus, valueOf } from './support/prometheus.js';
import { call, getToken, startTestServer, type TestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  /**
   * Keeps this process's event loop (the server's: it runs in-process) behind: every turn of the
   * loop first spends `blockMs` in a busy loop, then lets timers and I/O run once.
   */
  function blockEventLoop(blockMs: number): { stop: () => void; spins: () => number } {
    let stopped = false;
    let spins = 0;
    const spin = () => {
      if (stopped) return;
      const end = performance.now() + blockMs;
      while (performance.now() < end) {
        // busy: this is the overload
      }
      spins++;
      setImmediate(spin);
    };
    setImmediate(spin);
    return {
      stop: () => {
        stopped = true;
      },
      spins: () => spins,
    };
  }

  /** Calls until the answer is not -1, as a client retrying on -1 does; returns the answer and the attempts. */
  async function retryingBusy<T extends { body: Record<string, unknown> }>(send: () => Promise<T>): Promise<{ reply: T; attempts: number }> {
    for (let attempts = 1; ; attempts++) {
      const reply = await send();
      if (reply.body.errcode !== -1 || attempts >= 200) return { reply, attempts };
    }
  }

  describe('overload: the event loop falls behind', () => {
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer(backend, baseScenario(), { overload: { maxEventLoopDelayMs: 50, sampleIntervalMs: 20 } });
      // A fresh process is busy loading code: the first samples may already be over the threshold.
      const { reply } = await retryingBusy(() => call(`${server.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`));
      token = reply.body.access_token as string;
    });
    afterAll(() => server.close());

    it('WeCom endpoints answer -1 system busy (HTTP 200, hint, headers); ingest gets 503; health still answers; then service resumes', async () => {
      const first = await retryingBusy(() => watchStat(server.url, token, { livingid: LIVE }));
      expect(first.reply.body.errcode).toBe(0);
      const before = parsePrometheus(await (await fetch(`${server.url}/metrics`)).text());
      const block = blockEventLoop(200);
      let busy;
      try {
        // The calls go out once the loop has been behind for two turns and the server says so: then
        // every sample the server takes before reading them covers a spin. (Pressure seen before the
        // first spin, from a CI machine's own load, would let a call arrive in a turn sampled as calm.)
        await vi.waitFor(() => expect(block.spins() >= 2 && server.app.isUnderPressure()).toBe(true), { timeout: 10_000, interval: 5 });
        busy = await Promise.all([
          watchStat(server.url, token, { livingid: LIVE }),
          call(`${server.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`),
          call(`${server.url}/livestat/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"events":[]}' }),
          call(`${server.url}/livestat/health`),
        ]);
      } finally {
        block.stop();
      }
      const [stat, gettoken, ingest, health] = busy;
      for (const reply of [stat, gettoken]) {
        expect(reply.status).toBe(200);
        expect(reply.body.errcode).toBe(-1);
        expect(reply.body.errmsg).toMatch(/^system busy, hint: \[\d+\]/);
        expect(reply.headers.get('error-code')).toBe('-1');
      }
      expect(ingest.status).toBe(503);
      expect(ingest.headers.get('retry-after')).toBe('1');
      expect(ingest.body.error).toBe('busy');
      expect(health.body).toEqual({ status: 'ok' });

      // Like a client retrying on -1: once the loop has caught up, the next sample lets calls in.
      const { reply, attempts } = await retryingBusy(() => watchStat(server.url, token, { livingid: LIVE }));
      expect(reply.body.errcode).toBe(0);

      const after = parsePrometheus(await (await fetch(`${server.url}/metrics`)).text());
      const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(delta('livestat_overload_refusals_total')).toBe(3 + (attempts - 1));
      expect(delta('livestat_calls_total', { api: 'living/get_watch_stat', errcode: '-1' })).toBe(1 + (attempts - 1));
    });

    it('never refuses when the threshold is 0 (the library default)', async () => {
      const plain = await startTestServer(backend, baseScenario());
      try {
        const t = await getToken(plain.url, CORP, SECRETS.selfBuilt);
        const block = blockEventLoop(200);
        let reply;
        try {
          reply = await watchStat(plain.url, t, { livingid: LIVE });
        } finally {
          block.stop();
        }
        expect(reply.body.errcode).toBe(0);
      } finally {
        await plain.close();
      }
    });
  });
});
