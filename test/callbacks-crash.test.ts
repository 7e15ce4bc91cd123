import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { type TestReceiver, startReceiver } from './support/callback-receiver.js';
import { type RunningServer, startCliServer } from './support/cli.js';
import { STORES, type TestDatabase } from './support/stores.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken } from './support/test-server.js';

const CORP = 'wwcbcrash000000001';
const SECRET = 'callback-crash-secret-0123456789abcdef';
const KEY = 'callback-crash-admin-key-0123456789';

function admin(server: RunningServer, method: string, path: string, body?: unknown) {
  return call(`${server.url}/livestat/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

for (const backend of STORES) describe(backend.name, () => {
  describe('a push survives SIGKILL of the server before it was delivered', () => {
    let receiver: TestReceiver;
    let database: TestDatabase;
    let dir: string;
    let remove: () => Promise<void>;
    let server: RunningServer | undefined;
    beforeAll(async () => {
      ({ dir, remove } = await tempDir());
      database = await backend.create();
      receiver = await startReceiver(CORP);
    });
    afterAll(async () => {
      await server?.stop('SIGKILL');
      await receiver.close();
      await database.remove();
      await remove();
    });

    it('goes out after the restart, with the CreateTime of the change', async () => {
      const scenario: Scenario = { corps: [{ corpid: CORP, apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true, callback: receiver.config }] }] };
      const file = join(dir, 'scenario.json');
      await writeFile(file, JSON.stringify(scenario));
      const args = [...database.cliArgs, '--scenario', file, '--admin-key', KEY, '--log-level', 'warn'];
      // The URL check passes; the first push is never answered: the server dies meanwhile.
      receiver.plan = ['ok', 'hang'];
      server = await startCliServer(args);
      const token = await getToken(server.url, CORP, SECRET);
      const start = Math.floor(Date.now() / 1000) + 3600;
      const created = await call(`${server.url}/cgi-bin/living/create?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ anchor_userid: 'zhangsan', theme: 'crash', living_start: start, living_duration: 600 }),
      });
      const livingid = created.body.livingid as string;
      const [first] = await receiver.waitForPushes(1);
      expect(first!.fields).toMatchObject({ LivingId: livingid, Status: '0' });
      await server.stop('SIGKILL');

      server = await startCliServer(args);
      // The unanswered attempt is due again after the first backoff: move the clock past it.
      await admin(server, 'POST', '/clock/advance', { seconds: 60 });
      await admin(server, 'POST', '/callbacks/flush');
      const pushes = await receiver.waitForPushes(2);
      expect(pushes[1]!.fields).toEqual(first!.fields);
      expect(pushes[1]!.signatureOk).toBe(true);
      const journal = (await admin(server, 'GET', '/outbound?api=living_status_change')).body.requests as Record<string, unknown>[];
      expect(journal.map((r) => [r.attempt, r.status])).toEqual([[2, 200]]);
      // The server checks no URL again: the stored check stands.
      expect(receiver.checks).toBe(1);
    }, 60_000);
  });
});
