import { readFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { syntheticRows } from '../src/scenario/synthetic-rows.js';
import { loadScenario } from '../src/scenario/scenario-load.js';
import { scenarioJsonSchema } from '../src/scenario/scenario-schema.js';
import { validateScenario } from '../src/scenario/scenario-validate.js';
import { CORP, LIVE, SECRETS, THIRD_PARTY_TOKEN, baseScenario } from './support/scenarios.js';
import { STORES, sqliteOnly } from './support/stores.js';
import { TEST_NOW, getToken, startTestServer, watchStat } from './support/test-server.js';

/** Every row of every table, for comparing whole databases. */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
  } finally {
    db.close();
  }
}

for (const backend of STORES) describe(backend.name, () => {
  describe('scenario loading', () => {
    it('applies a changed scenario: a reset secret invalidates the old secret and its tokens', async () => {
      const server = await startTestServer(backend, baseScenario());
      try {
        const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const changed = baseScenario();
        changed.corps[0]!.apps[0]!.secret = 'a-brand-new-secret-0123456789';
        changed.corps[0]!.livings![0]!.viewers = [{ userid: 'only', watch_time: 1, is_comment: 0, is_mic: 0 }];
        expect((await loadScenario(server.store, changed, { synthetic: syntheticRows, nowMs: TEST_NOW })).changed).toBe(true);
        expect((await watchStat(server.url, token, { livingid: LIVE })).body.errcode).toBe(40014);
        await expect(getToken(server.url, CORP, SECRETS.selfBuilt)).rejects.toThrow(/40001/);
        const fresh = await getToken(server.url, CORP, 'a-brand-new-secret-0123456789');
        const { body } = await watchStat(server.url, fresh, { livingid: LIVE });
        expect(body.stat_info).toEqual({ users: [{ userid: 'only', watch_time: 1, is_comment: 0, is_mic: 0 }], external_users: [] });
      } finally {
        await server.close();
      }
    });
  });
});

for (const backend of sqliteOnly('scenario-files')) describe(backend.name, () => {
  describe('scenario loading', () => {
    it('is idempotent: loading the same scenario twice changes nothing', async () => {
      const database = await backend.create();
      try {
        const path = database.location.db!;
        const store = await database.open();
        const first = await loadScenario(store, baseScenario(), { synthetic: syntheticRows, nowMs: TEST_NOW });
        expect(first.changed).toBe(true);
        const before = dump(path);
        const second = await loadScenario(store, baseScenario(), { synthetic: syntheticRows, nowMs: TEST_NOW });
        expect(second.changed).toBe(false);
        await store.close();
        // And across a restart, as `livestat serve --scenario` twice would.
        const again = await database.open();
        expect((await loadScenario(again, baseScenario(), { synthetic: syntheticRows, nowMs: TEST_NOW })).changed).toBe(false);
        await again.close();
        expect(dump(path)).toEqual(before);
      } finally {
        await database.remove();
      }
    });

    it('keeps secrets and tokens only as hashes: the database files hold none in plaintext', async () => {
      const server = await startTestServer(backend, baseScenario());
      const issued = await getToken(server.url, CORP, SECRETS.selfBuilt);
      const files = [server.database.location.db!, `${server.database.location.db!}-wal`];
      const bytes = Buffer.concat(await Promise.all(files.map((f) => readFile(f).catch(() => Buffer.alloc(0)))));
      try {
        for (const plain of [...Object.values(SECRETS), THIRD_PARTY_TOKEN, issued]) {
          expect(bytes.includes(Buffer.from(plain)), plain).toBe(false);
        }
      } finally {
        await server.close();
      }
    });
  });
});

describe('scenario validation', () => {
  it('accepts the base scenario and the demo file', async () => {
    expect(validateScenario(baseScenario()).ok).toBe(true);
    const demo = JSON.parse(await readFile(new URL('../scenarios/demo.json', import.meta.url), 'utf8')) as unknown;
    expect(validateScenario(demo)).toMatchObject({ ok: true });
  });

  it.each([
    ['a wrong app kind', (s: any) => (s.corps[0].apps[0].kind = 'bot'), '/corps/0/apps/0/kind: must be one of "self_built", "agency", "third_party", "system"'],
    ['a watch_time string', (s: any) => (s.corps[0].livings[0].viewers[0].watch_time = '10'), '/corps/0/livings/0/viewers/0/watch_time: must be integer'],
    ['an external viewer without type', (s: any) => delete s.corps[0].livings[0].viewers[2].type, '/corps/0/livings/0/viewers/2: must have required properties type'],
    ['an unknown field', (s: any) => (s.corps[0].apps[0].colour = 'red'), '/corps/0/apps/0/colour: is not allowed here'],
    ['a creator that is not an app', (s: any) => (s.corps[0].livings[0].creator_agentid = 42), '/corps/0/livings/0/creator_agentid: no app 42 in this corp'],
    ['a duplicate agentid', (s: any) => (s.corps[0].apps[1].agentid = 1000002), '/corps/0/apps/1/agentid: duplicate agentid 1000002'],
    ['a duplicate viewer', (s: any) => s.corps[0].livings[0].viewers.push(s.corps[0].livings[0].viewers[0]), '/corps/0/livings/0/viewers/3: viewer lisi is declared twice'],
    ['a bad trusted IP', (s: any) => (s.corps[0].apps[0].trusted_ips = ['10.0.0.300']), '/corps/0/apps/0/trusted_ips/0: not an IP address or CIDR block'],
    ['a bad fault', (s: any) => (s.faults = ['get_watch_stat:12345:0.1']), '/faults/0: invalid fault'],
    ['a theme over 20 characters', (s: any) => (s.corps[0].livings[0].theme = '一二三四五六七八九十一二三四五六七八九十一'), '/corps/0/livings/0/theme: must not have more than 20 characters'],
  ])('names the bad path for %s', (_name, mutate, message) => {
    const s = baseScenario();
    mutate(s);
    const result = validateScenario(s);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(message);
  });

  it('ships scenario.schema.json generated from the schema in code', async () => {
    const shipped = JSON.parse(await readFile(new URL('../scenario.schema.json', import.meta.url), 'utf8')) as unknown;
    // `npm run schema` regenerates it.
    expect(shipped).toEqual(scenarioJsonSchema());
  });
});
