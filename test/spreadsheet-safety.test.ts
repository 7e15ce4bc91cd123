import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../src/export/spreadsheet-safety.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { ADMIN_KEY, admin } from './support/dashboard.js';
import { HOSTILE_NAMES } from './support/hostile-names.js';
import { CORP, baseScenario } from './support/scenarios.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  const LIVE = 'lvHostileDownload000000000000000';

  function scenario(): Scenario {
    const s = baseScenario();
    s.corps[0]?.livings?.push({
      livingid: LIVE,
      creator_agentid: 1000002,
      anchor_userid: 'zhangsan',
      theme: 'names',
      living_start: 1764230400 - 86_400,
      living_duration: 3600,
      viewers: [
        { userid: '@member', watch_time: 5, is_comment: 0, is_mic: 0, invitor_userid: '-inviter' },
        ...HOSTILE_NAMES.map((name, i) => ({ external_userid: `wm-h${String(i).padStart(2, '0')}`, type: 1 as const, name, watch_time: i, is_comment: 0 as const, is_mic: 0 as const })),
      ],
    });
    return s;
  }

  describe("the dashboard's CSV download", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, scenario(), { adminKey: ADMIN_KEY });
    });
    afterAll(() => server.close());

    it('writes no cell an outsider chose in a form a spreadsheet would run', async () => {
      const r = await admin(server.url, `/corps/${CORP}/livings/${LIVE}/audience.csv`);
      expect(r.status).toBe(200);
      const rows = parse<Record<string, string>>(r.text, { columns: true });
      expect(rows.filter((row) => row.kind === 'external').map((row) => row.name)).toEqual(HOSTILE_NAMES.map((n) => `'${n}`));
      expect(rows[0]).toMatchObject({ id: "'@member", invitor_userid: "'-inviter", watch_time: '5' });
      // Reading the apostrophe off gives back exactly what the outsider typed.
      for (const row of rows) for (const cell of Object.values(row)) expect(cell.startsWith("'") ? cell : neutralizeFormula(cell)).toBe(cell);
    });
  });
});
