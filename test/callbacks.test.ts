import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackReceiver } from '../src/client/index.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { type TestReceiver, startReceiver } from './support/callback-receiver.js';
import { createLiving, ingest, livingScenario, post } from './support/living-scenario.js';
import { CORP, SECRETS } from './support/scenarios.js';
import { call, getToken, startTestServer, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const SELF_BUILT = 1000002;
const THIRD_PARTY = 1000004;

function admin(server: TestServer, method: string, path: string, body?: unknown) {
  return call(`${server.url}/livestat/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const flush = (server: TestServer) => admin(server, 'POST', '/callbacks/flush');
const outbound = async (server: TestServer, kind: string) => (await admin(server, 'GET', `/outbound?api=${kind}`)).body.requests as Record<string, unknown>[];

for (const backend of STORES) describe(backend.name, () => {
  describe('callbacks: URL check, living_status_change, retries', () => {
    let server: TestServer;
    let receiver: TestReceiver;
    let thirdParty: TestReceiver;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario(), { adminKey: ADMIN_KEY, callbackTickMs: 0 });
      receiver = await startReceiver(CORP);
      thirdParty = await startReceiver(CORP, { token: 'thirdParty42', path: '/third' });
      token = await getToken(server.url, CORP, SECRETS.selfBuilt);
    });
    afterAll(async () => {
      await server.close();
      await receiver.close();
      await thirdParty.close();
    });

    it('refuses a callback whose URL check fails, naming why, and stores nothing', async () => {
      receiver.plan = [{ text: '"quoted"' }];
      const quoted = await admin(server, 'PUT', `/corps/${CORP}/apps/${SELF_BUILT}/callback`, receiver.config);
      expect(quoted.status).toBe(400);
      expect(quoted.body).toMatchObject({ error: 'callback_check_failed' });
      expect(quoted.body.message).toMatch(/not the decrypted echostr/);
      receiver.plan = [{ status: 500 }];
      expect((await admin(server, 'PUT', `/corps/${CORP}/apps/${SELF_BUILT}/callback`, receiver.config)).body.message).toMatch(/HTTP 500/);
      // A receiver that checks with another key refuses livestat's signature (403).
      const other = { ...receiver.config, token: 'someOtherToken' };
      expect((await admin(server, 'PUT', `/corps/${CORP}/apps/${SELF_BUILT}/callback`, other)).status).toBe(400);
      expect((await admin(server, 'GET', `/corps/${CORP}/apps/${SELF_BUILT}/callback`)).status).toBe(404);
      const bad = await admin(server, 'PUT', `/corps/${CORP}/apps/${SELF_BUILT}/callback`, { ...receiver.config, encoding_aes_key: 'short' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('bad_request');
    });

    it('refuses an answer that comes after 1 s', async () => {
      receiver.plan = ['hang'];
      const late = await admin(server, 'PUT', `/corps/${CORP}/apps/${SELF_BUILT}/callback`, receiver.config);
      expect(late.body.message).toMatch(/no answer within 1000 ms/);
      const checks = await outbound(server, 'url_check');
      expect(checks.at(-1)).toMatchObject({ kind: 'url_check', method: 'GET', status: 0, attempt: 1, url: receiver.url, corpid: CORP, agentid: SELF_BUILT });
    });

    it('accepts a callback whose receiver answers the plaintext; the journal keeps no query or secret', async () => {
      const set = await admin(server, 'PUT', `/corps/${CORP}/apps/${SELF_BUILT}/callback`, receiver.config);
      expect(set.body).toEqual({ url: receiver.url, verified: true });
      expect((await admin(server, 'GET', `/corps/${CORP}/apps/${SELF_BUILT}/callback`)).body).toEqual({ url: receiver.url, verified: true });
      const text = JSON.stringify(await outbound(server, 'url_check'));
      expect(text).not.toContain(receiver.config.token);
      expect(text).not.toContain(receiver.config.encoding_aes_key);
      expect(text).not.toContain('msg_signature');
    });

    it('pushes 0 on create, 1 when it goes live, 2 when it ends; the SDK opens every push', async () => {
      const t0 = server.clock.now();
      const start = Math.floor(t0 / 1000) + 60;
      const before = receiver.pushes.length;
      const livingid = await createLiving(server, token, { living_start: start, living_duration: 600 });
      const [created] = (await receiver.waitForPushes(before + 1)).slice(before);
      expect(created!.signatureOk).toBe(true);
      expect(created!.receiveid).toBe(CORP);
      expect(created!.envelope).toMatchObject({ ToUserName: CORP, AgentID: String(SELF_BUILT) });
      expect(created!.fields).toEqual({
        ToUserName: CORP,
        FromUserName: 'zhangsan',
        CreateTime: String(Math.floor(t0 / 1000)),
        MsgType: 'event',
        Event: 'living_status_change',
        LivingId: livingid,
        Status: '0',
        AgentID: String(SELF_BUILT),
      });
      // A viewer arrives at the start: the live is on.
      await ingest(server, [{ id: 'e1', livingid, at: start * 1000 + 1000, kind: 'enter', viewer: { userid: 'lisi' } }]);
      server.clock.set(start * 1000 + 5000);
      await flush(server);
      server.clock.set((start + 700) * 1000);
      await flush(server);
      const pushes = (await receiver.waitForPushes(before + 3)).slice(before);
      expect(pushes.map((p) => p.fields.Status)).toEqual(['0', '1', '2']);
      expect(pushes.map((p) => p.fields.CreateTime)).toEqual([String(Math.floor(t0 / 1000)), String(start + 5), String(start + 700)]);
      // The SDK's receiver opens livestat's own pushes.
      const sdk = new CallbackReceiver({ token: receiver.config.token, encodingAesKey: receiver.config.encoding_aes_key, receiveid: CORP });
      expect(pushes.map((p) => sdk.openPush(p.query, p.body).event)).toEqual(
        pushes.map((p) => ({ type: 'living_status_change', corpid: CORP, fromUserName: 'zhangsan', createTime: Number(p.fields.CreateTime), livingid, status: Number(p.fields.Status), agentid: SELF_BUILT })),
      );
      server.clock.set(t0);
    });

    it("follows the anchor's own events: on air before the schedule pushes 1, off air 2, as get_living_info says", async () => {
      const t0 = server.clock.now();
      const before = receiver.pushes.length;
      // Scheduled an hour ahead, so only the anchor's signals can move it.
      const livingid = await createLiving(server, token);
      await receiver.waitForPushes(before + 1);
      const status = async () => ((await call(`${server.url}/cgi-bin/living/get_living_info?access_token=${token}&livingid=${livingid}`)).body.living_info as { status: number }).status;
      await ingest(server, [{ id: 'air1', livingid, at: t0 + 1000, kind: 'anchor_on_air', anchor: { userid: 'zhangsan' } }]);
      server.clock.set(t0 + 2000);
      await flush(server);
      expect(await status()).toBe(1);
      await ingest(server, [{ id: 'air2', livingid, at: t0 + 3000, kind: 'anchor_off_air', anchor: { userid: 'zhangsan' } }]);
      server.clock.set(t0 + 4000);
      await flush(server);
      expect(await status()).toBe(2);
      const pushes = (await receiver.waitForPushes(before + 3)).slice(before);
      expect(pushes.map((p) => p.fields.Status)).toEqual(['0', '1', '2']);
      expect(pushes.map((p) => p.fields.LivingId)).toEqual([livingid, livingid, livingid]);
      server.clock.set(t0);
    });

    it('pushes 4 on cancel; a self-built app hears nothing of an expired live', async () => {
      const t0 = server.clock.now();
      const before = receiver.pushes.length;
      const cancelled = await createLiving(server, token);
      expect((await post(server, '/cgi-bin/living/cancel', token, { livingid: cancelled })).body.errcode).toBe(0);
      const expiring = await createLiving(server, token, { living_start: Math.floor(t0 / 1000) + 10, living_duration: 60 });
      const pushes = (await receiver.waitForPushes(before + 3)).slice(before);
      const of = (id: string) => pushes.filter((p) => p.fields.LivingId === id).map((p) => p.fields.Status);
      expect(of(cancelled)).toEqual(['0', '4']);
      expect(of(expiring)).toEqual(['0']);
      server.clock.set(t0 + 3600_000);
      await flush(server);
      // (The scenario's lives of this app end meanwhile, and are pushed: they stand for lives it created.)
      expect(receiver.pushes.slice(before).filter((p) => p.fields.LivingId === expiring).map((p) => p.fields.Status)).toEqual(['0']);
      server.clock.set(t0);
    });

    it('a third-party app hears 3 for an expired live too (doc 94308)', async () => {
      const t0 = server.clock.now();
      expect((await admin(server, 'PUT', `/corps/${CORP}/apps/${THIRD_PARTY}/callback`, thirdParty.config)).body.verified).toBe(true);
      const tpToken = 'T4-third-party-token-0123456789abcdef';
      const livingid = await createLiving(server, tpToken, { living_start: Math.floor(t0 / 1000) + 10, living_duration: 60 });
      await thirdParty.waitForPushes(1);
      server.clock.set(t0 + 3600_000);
      await flush(server);
      const pushes = await thirdParty.waitForPushes(2);
      expect(pushes.map((p) => [p.fields.LivingId, p.fields.Status, p.envelope.AgentID])).toEqual([
        [livingid, '0', String(THIRD_PARTY)],
        [livingid, '3', String(THIRD_PARTY)],
      ]);
      server.clock.set(t0);
    });

    it('retries a failed push three times with the same CreateTime, driven by the clock, each attempt journaled', async () => {
      const t0 = server.clock.now();
      const before = receiver.pushes.length;
      receiver.plan = [{ status: 500 }, { status: 503 }, 'hang'];
      await admin(server, 'DELETE', '/outbound');
      const livingid = await createLiving(server, token);
      await receiver.waitForPushes(before + 1);
      await flush(server);
      // Not due yet: nothing more without the clock.
      expect(receiver.pushes.length).toBe(before + 1);
      server.clock.set(t0 + 10_000);
      await flush(server);
      server.clock.set(t0 + 40_000);
      await flush(server);
      server.clock.set(t0 + 100_000);
      await flush(server);
      const pushes = (await receiver.waitForPushes(before + 4)).slice(before);
      expect(pushes.every((p) => p.fields.LivingId === livingid && p.fields.CreateTime === String(Math.floor(t0 / 1000)))).toBe(true);
      const attempts = await outbound(server, 'living_status_change');
      expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
        [1, 500],
        [2, 503],
        [3, 0],
        [4, 200],
      ]);
      expect(attempts[2]!.error).toMatch(/no answer within 5000 ms/);
      // Delivered: no more attempts, whatever the clock does.
      server.clock.set(t0 + 3600_000);
      await flush(server);
      expect(receiver.pushes.length).toBe(before + 4);
      server.clock.set(t0);
    }, 20_000);

    it('checks the callbacks of a scenario loaded at run time before loading anything', async () => {
      const corpid = 'wwcbruntime0000001';
      const late = await startReceiver(corpid, { path: '/late' });
      try {
        const doc = { corps: [{ corpid, ingest_keys: ['runtime-ingest-key-0123456789abcdef'], apps: [{ agentid: 1000002, kind: 'self_built', secret: 'runtime-secret-0123456789abcdef', living_api: true, callback: late.config }] }] };
        late.plan = [{ status: 404 }];
        const refused = await admin(server, 'POST', '/scenario', doc);
        expect(refused.status).toBe(400);
        expect(refused.body).toEqual({ error: 'callback_check_failed', message: '/corps/0/apps/0/callback: the URL check failed: answered HTTP 404, not 200' });
        expect((await admin(server, 'GET', `/corps/${corpid}/apps/1000002/callback`)).status).toBe(404);
        expect((await call(`${server.url}/cgi-bin/gettoken?corpid=${corpid}&corpsecret=runtime-secret-0123456789abcdef`)).body.errcode).toBe(40013);
        const loaded = await admin(server, 'POST', '/scenario', doc);
        expect(loaded.status).toBe(200);
        expect((await admin(server, 'GET', `/corps/${corpid}/apps/1000002/callback`)).body).toEqual({ url: late.url, verified: true });
        // Moving the corp's clock through the control API is enough for a change to be seen (no flush, no tick).
        const runtimeToken = await getToken(server.url, corpid, 'runtime-secret-0123456789abcdef');
        const now = Math.floor(server.clock.now() / 1000);
        const { body } = await post(server, '/cgi-bin/living/create', runtimeToken, { anchor_userid: 'a', theme: 't', living_start: now + 10, living_duration: 600 });
        const livingid = body.livingid as string;
        await late.waitForPushes(1);
        const sent = await call(`${server.url}/livestat/v1/events`, {
          method: 'POST',
          headers: { authorization: 'Bearer runtime-ingest-key-0123456789abcdef', 'content-type': 'application/json' },
          body: JSON.stringify({ events: [{ id: 'r1', livingid, at: (now + 11) * 1000, kind: 'enter', viewer: { userid: 'lisi' } }] }),
        });
        expect(sent.status).toBe(200);
        expect((await admin(server, 'POST', `/corps/${corpid}/clock/advance`, { seconds: 30 })).status).toBe(200);
        const pushes = await late.waitForPushes(2);
        expect(pushes.map((p) => p.fields.Status)).toEqual(['0', '1']);
      } finally {
        await late.close();
      }
    });

    it("checks a suite's 指令回调 URL before storing it", async () => {
      const suiteReceiver = await startReceiver('wwsuite0000000001', { path: '/suite-cmd' });
      try {
        suiteReceiver.plan = [{ text: 'success' }];
        const refused = await admin(server, 'PUT', '/suites/wwsuite0000000001/callback', suiteReceiver.config);
        expect(refused.body.error).toBe('callback_check_failed');
        expect((await admin(server, 'PUT', '/suites/wwsuite0000000001/callback', suiteReceiver.config)).body).toEqual({ url: suiteReceiver.url, verified: true });
        expect((await admin(server, 'PUT', '/suites/wwsuiteunknown/callback', suiteReceiver.config)).status).toBe(404);
        expect((await admin(server, 'DELETE', '/suites/wwsuite0000000001/callback')).body).toEqual({ removed: 1 });
        expect((await admin(server, 'DELETE', '/suites/wwsuite0000000001/callback')).status).toBe(404);
      } finally {
        await suiteReceiver.close();
      }
    });

    it('gives up after the fourth failed attempt', async () => {
      const t0 = server.clock.now();
      const before = receiver.pushes.length;
      receiver.plan = [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }];
      await createLiving(server, token);
      await receiver.waitForPushes(before + 1);
      for (const at of [10_000, 40_000, 100_000, 200_000, 400_000]) {
        server.clock.set(t0 + at);
        await flush(server);
      }
      expect(receiver.pushes.length).toBe(before + 4);
      expect(receiver.plan).toEqual([]);
      server.clock.set(t0);
    });
  });
});
