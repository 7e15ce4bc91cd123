import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { ingest, livingScenario } from './support/living-scenario.js';
import { BIG_LIVE, CORP, EMPTY_LIVE, SECRETS } from './support/scenarios.js';
import { startTestServer, TEST_NOW, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';
import { readSheets, sheetXml } from './support/xlsx-read.js';

const HOSTILE = '=HYPERLINK("http://evil.example","click")';

for (const backend of STORES) describe(backend.name, () => {
  describe('GET /livestat/admin/corps/:corpid/livings/:livingid/audience.xlsx', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario(), { adminKey: ADMIN_KEY });
      server.clock.set(TEST_NOW + 10 * 60_000);
      await ingest(server, [
        { id: 'x1', livingid: EMPTY_LIVE, at: TEST_NOW, kind: 'enter', viewer: { external_userid: 'wm0000000000000000000000000000ab', type: 1, name: HOSTILE } },
        { id: 'x2', livingid: EMPTY_LIVE, at: TEST_NOW + 300_000, kind: 'leave', viewer: { external_userid: 'wm0000000000000000000000000000ab', type: 1, name: HOSTILE } },
        { id: 'x3', livingid: EMPTY_LIVE, at: TEST_NOW + 60_000, kind: 'enter', viewer: { userid: 'lisi' } },
      ]);
      server.clock.set(TEST_NOW + 2 * 3600_000);
    });
    afterAll(() => server.close());

    const download = (livingid: string, query = '', key: string | null = ADMIN_KEY) =>
      fetch(`${server.url}/livestat/admin/corps/${CORP}/livings/${livingid}/audience.xlsx${query}`, key === null ? {} : { headers: { authorization: `Bearer ${key}` } });

    /** Saves a download and the workbook `livestat pull --format xlsx` writes for the same live. */
    async function bothWorkbooks(livingid: string, lang: 'en' | 'zh') {
      const res = await download(livingid, `?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${livingid}.xlsx"`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const downloaded = join(server.dir, `${livingid}-${lang}-download.xlsx`);
      await writeFile(downloaded, Buffer.from(await res.arrayBuffer()));
      const pulled = join(server.dir, `${livingid}-${lang}-pull.xlsx`);
      const pull = await runCli(['pull', '--base-url', server.url, '--corpid', CORP, '--secret', SECRETS.selfBuilt, '--livingid', livingid, '--format', 'xlsx', '--lang', lang, '--out', pulled]);
      expect(pull.code, pull.stderr).toBe(0);
      return { downloaded, pulled };
    }

    it('is the workbook livestat pull writes, over more than one page of the store', async () => {
      const { downloaded, pulled } = await bothWorkbooks(BIG_LIVE, 'en');
      const got = await readSheets(downloaded);
      const rows = got.get('viewers')!;
      expect(rows).toHaveLength(1 + 1500);
      expect(rows[0]![1]).toBe('id');
      expect(got).toEqual(await readSheets(pulled));
    });

    it('follows the language, keeps the frozen header and never makes an outsider’s name a formula', async () => {
      const { downloaded, pulled } = await bothWorkbooks(EMPTY_LIVE, 'zh');
      const rows = (await readSheets(downloaded)).get('viewers')!;
      expect(rows[0]![1]).toBe('用户ID');
      expect(rows.map((r) => r[3])).toContain(HOSTILE);
      expect(await readSheets(downloaded)).toEqual(await readSheets(pulled));
      const [xml] = await sheetXml(downloaded);
      expect(xml).toContain('state="frozen"');
      expect(xml).not.toContain('<f>');
    });

    it('refuses an unknown language, a missing key and a live of nobody', async () => {
      const bad = await download(BIG_LIVE, '?lang=fr');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: 'bad_request' });
      expect((await download(BIG_LIVE, '', null)).status).toBe(401);
      expect((await download('lvNoSuchLive000000000000000000000')).status).toBe(404);
    });
  });
});
