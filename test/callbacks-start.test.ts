import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackReceiver } from '../src/client/index.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { type TestReceiver, startReceiver } from './support/callback-receiver.js';
import { createLiving, livingScenario, SUITE } from './support/living-scenario.js';
import { CORP, SECRETS } from './support/scenarios.js';
import { call, getToken, startTestServer, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const SUITE_PATH = '/cgi-bin/service/get_suite_token';

function admin(server: TestServer, method: string, path: string, body?: unknown) {
  return call(`${server.url}/livestat/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const flush = (server: TestServer) => admin(server, 'POST', '/callbacks/flush');

for (const backend of STORES) describe(backend.name, () => {
  describe('callbacks declared in the scenario: checked at start; suite tickets every 10 minutes', () => {
    let server: TestServer;
    let app: TestReceiver;
    let suite: TestReceiver;
    const lines: string[] = [];
    beforeAll(async () => {
      app = await startReceiver(CORP);
      suite = await startReceiver(SUITE.id, { token: 'suiteToken7', path: '/suite' });
      // The app's receiver answers its first check wrongly: livestat must say so and push nothing.
      app.plan = [{ text: 'not the echostr\n' }];
      const s = livingScenario();
      s.corps[0]!.apps.find((a) => a.agentid === 1000002)!.callback = app.config;
      s.suites![0]!.callback = suite.config;
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          done();
        },
      });
      server = await startTestServer(backend, s, { adminKey: ADMIN_KEY, callbackTickMs: 0, logger: pino({ level: 'warn' }, sink) });
    });
    afterAll(async () => {
      await server.close();
      await app.close();
      await suite.close();
    });

    it('says in one line that a URL check failed at start, and keeps that app off until a check succeeds', async () => {
      await flush(server);
      const failed = lines.filter((l) => l.includes('callback URL check failed'));
      expect(failed).toHaveLength(1);
      expect(JSON.parse(failed[0]!).msg).toBe(
        `callback URL check failed for app 1000002 of ${CORP} (${app.url}): answered "not the echostr\\n", not the decrypted echostr (no quotes, no newline); its callbacks stay off until a check succeeds`,
      );
      expect((await admin(server, 'GET', `/corps/${CORP}/apps/1000002/callback`)).body).toEqual({ url: app.url, verified: false });
      const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
      await createLiving(server, token);
      await flush(server);
      expect(app.pushes).toHaveLength(0);
      // Set again through the control API, the check passes: later changes are pushed.
      expect((await admin(server, 'PUT', `/corps/${CORP}/apps/1000002/callback`, app.config)).body).toEqual({ url: app.url, verified: true });
      const livingid = await createLiving(server, token);
      const [push] = await app.waitForPushes(1);
      expect(push!.fields).toMatchObject({ LivingId: livingid, Status: '0' });
    });

    it('pushes a suite_ticket to the 指令回调 URL, which answers "success"; get_suite_token takes it', async () => {
      const [first] = await suite.waitForPushes(1);
      expect(first!.signatureOk).toBe(true);
      expect(first!.receiveid).toBe(SUITE.id);
      expect(first!.envelope).toEqual({ ToUserName: SUITE.id, Encrypt: first!.envelope.Encrypt, AgentID: '' });
      expect(first!.fields).toMatchObject({ SuiteId: SUITE.id, InfoType: 'suite_ticket', TimeStamp: String(Math.floor(server.clock.now() / 1000)) });
      const ticket = first!.fields.SuiteTicket!;
      const sdk = new CallbackReceiver({ token: suite.config.token, encodingAesKey: suite.config.encoding_aes_key, receiveid: SUITE.id });
      expect(sdk.openPush(first!.query, first!.body).event).toEqual({ type: 'suite_ticket', suiteId: SUITE.id, timeStamp: Number(first!.fields.TimeStamp), suiteTicket: ticket });
      const good = { suite_id: SUITE.id, suite_secret: SUITE.secret };
      const reply = await call(`${server.url}${SUITE_PATH}`, { method: 'POST', body: JSON.stringify({ ...good, suite_ticket: ticket }) });
      expect(reply.body.suite_access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const journal = (await admin(server, 'GET', '/outbound?api=suite_ticket')).body.requests as Record<string, unknown>[];
      expect(journal.at(-1)).toMatchObject({ kind: 'suite_ticket', status: 200, attempt: 1, url: suite.url });
      expect(JSON.stringify(journal)).not.toContain(ticket);
    });

    it('pushes a new ticket every 10 minutes of the clock; a ticket expires after 30', async () => {
      const t0 = server.clock.now();
      const good = { suite_id: SUITE.id, suite_secret: SUITE.secret };
      const suiteToken = async (ticket: string) => (await call(`${server.url}${SUITE_PATH}`, { method: 'POST', body: JSON.stringify({ ...good, suite_ticket: ticket }) })).body;
      const before = suite.pushes.length;
      const first = suite.pushes[0]!.fields.SuiteTicket!;
      await flush(server);
      expect(suite.pushes.length).toBe(before);
      server.clock.advance(10 * 60_000);
      await flush(server);
      const pushes = await suite.waitForPushes(before + 1);
      const second = pushes.at(-1)!.fields;
      expect(second.TimeStamp).toBe(String(Math.floor(t0 / 1000) + 600));
      expect(second.SuiteTicket).not.toBe(first);
      server.clock.advance(20 * 60_000);
      // 30 minutes after the first push: it is expired, the later one is not.
      expect((await suiteToken(first)).errcode).toBe(40085);
      expect((await suiteToken(second.SuiteTicket!)).suite_access_token).toBeDefined();
      // The scenario's own ticket never expires.
      expect((await suiteToken(SUITE.ticket)).suite_access_token).toBeDefined();
      server.clock.set(t0);
    });
  });
});
