import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from '../scripts/build-ui.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { LIVE_A, LIVE_B, reportFrom, trainingScenario, writeRoster } from './support/report-run.js';
import { CORP } from './support/scenarios.js';
import { tempDir } from './support/temp-dir.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { NEEDS_CHROMIUM, chromiumMissing, missingDependency } from './support/requirements.js';
import { STORES } from './support/stores.js';
import { readSheets } from './support/xlsx-read.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const notice = missingDependency(NEEDS_CHROMIUM, chromiumMissing(CHROMIUM_PATH));
if (notice) console.log(`dashboard attendance browser: ${notice}`);
const SHOTS = new URL('../test-artifacts/screenshots/', import.meta.url).pathname;
/** A name that would be markup if the page parsed it as HTML. */
const MARKUP = '<img src=x onerror="document.title=1">';

/** The report's roster plus members a live of the training corp never saw, one named with markup. */
const roster = (base: string) => `${base}u5,"${MARKUP.replaceAll('"', '""')}",Sales\r\nu6,周七,\r\n`;

for (const backend of STORES) describe(backend.name, () => {
  describe.skipIf(notice !== undefined)('attendance against a roster in headless Chromium', () => {
    let server: TestServer;
    let browser: Browser;
    let removeUi: () => Promise<void>;
    let rosterCsv: string;
    const shots = join(SHOTS, backend.name.toLowerCase());

    beforeAll(async () => {
      const ui = await tempDir('livestat-ui-');
      removeUi = ui.remove;
      await buildUi(ui.dir);
      server = await startTestServer(backend, trainingScenario(), { adminKey: ADMIN_KEY, uiDir: ui.dir });
      rosterCsv = roster(await readFile(await writeRoster(server.dir), 'utf8'));
      await mkdir(shots, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });
    afterAll(async () => {
      await browser.close();
      await server.close();
      await removeUi();
    });

    async function checked(locale: string, livingid: string, minutes?: string): Promise<Page> {
      const page = await (await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1400, height: 1000 } })).newPage();
      await page.goto(`${server.url}/ui/`);
      await page.fill('#admin-key', ADMIN_KEY);
      await page.click('[data-testid=sign-in] button[type=submit]');
      await page.locator('[data-testid=lives]').waitFor();
      await page.goto(`${server.url}/ui/#/${CORP}/${livingid}`);
      await page.locator('[data-testid=attendance-card]').waitFor();
      await page.setInputFiles('[data-testid=roster-file]', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(rosterCsv) });
      if (minutes !== undefined) await page.fill('[data-testid=roster-min-watch]', minutes);
      await page.click('[data-testid=roster-form] button[type=submit]');
      // Rows, or the page's own words for what failed (which then fail the test with them).
      await page.locator('[data-testid=attendance-members] tbody tr, [data-testid=roster-error]:not(:empty)').first().waitFor();
      expect(await page.locator('[data-testid=roster-error]').textContent()).toBe('');
      return page;
    }
    const verdicts = (page: Page) => page.$$eval('[data-testid=attendance-members] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-userid'), tr.getAttribute('data-attendance')]));

    it('shows each member attended, partial or absent with department totals, names as text', async () => {
      const page = await checked('en-US', LIVE_A);
      expect(await verdicts(page)).toEqual([['u1', 'attended'], ['u2', 'partial'], ['u3', 'absent'], ['u4', 'absent'], ['u5', 'absent'], ['u6', 'absent']]);
      const totals = await page.$$eval('[data-testid=attendance-totals] .stat', (els) => els.map((e) => [e.getAttribute('data-stat'), e.querySelector('.value')?.textContent]));
      expect(totals).toEqual([['roster', '6'], ['attended', '1'], ['partial', '1'], ['absent', '4']]);
      const departments = await page.$$eval('[data-testid=attendance-departments] tbody tr', (trs) => (trs as unknown as { children: ArrayLike<{ textContent: string | null }> }[]).map((tr) => Array.from(tr.children, (td) => td.textContent)));
      expect(departments).toEqual([['(no department)', '1', '0', '0', '1'], ['HR', '2', '0', '0', '2'], ['Sales', '3', '1', '1', '1']]);
      // The markup is a name on the page, not an element.
      expect(await page.locator('[data-testid=attendance-members] tr[data-userid=u5] td').nth(1).textContent()).toBe(MARKUP);
      expect(await page.locator('[data-testid=attendance-card] img').count()).toBe(0);
      await page.selectOption('[data-testid=attendance-filter]', 'absent');
      expect((await verdicts(page)).map((v) => v[0])).toEqual(['u3', 'u4', 'u5', 'u6']);
      await page.selectOption('[data-testid=attendance-filter]', '');
      await page.locator('[data-testid=attendance-card]').screenshot({ path: join(shots, 'attendance.png') });
      if (process.env.LIVESTAT_UPDATE_SCREENSHOT) await copyFile(join(shots, 'attendance.png'), new URL('../docs/dashboard-attendance.png', import.meta.url).pathname);
      // A lower bar is the report's --min-watch: 10 minutes make u2 attend.
      await page.fill('[data-testid=roster-min-watch]', '10');
      await page.click('[data-testid=roster-form] button[type=submit]');
      await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document.querySelector('[data-testid=attendance-members] tr[data-userid=u2]')?.getAttribute('data-attendance') === 'attended');
    });

    it("downloads in Chinese the sheets livestat report --roster --lang zh writes", async () => {
      const page = await checked('zh-CN', LIVE_B);
      expect(await page.locator('[data-testid=attendance-card] h3').textContent()).toBe('按名单统计出勤');
      expect(await page.locator('[data-testid=attendance-totals] [data-stat=absent] .label').textContent()).toBe('缺席');
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=attendance-xlsx]')]);
      expect(xlsx.suggestedFilename()).toBe(`${LIVE_B}-attendance.xlsx`);
      const downloaded = join(server.dir, 'attendance-download.xlsx');
      await xlsx.saveAs(downloaded);
      const rosterPath = join(server.dir, 'browser-roster.csv');
      await writeFile(rosterPath, rosterCsv);
      const out = join(server.dir, 'attendance-report.xlsx');
      const run = await reportFrom(server, server.dir, { livingid: [LIVE_B], roster: rosterPath, lang: 'zh', out });
      expect(run.code, run.stderr).toBe(0);
      const [got, report] = [await readSheets(downloaded), await readSheets(out)];
      expect(got.get('attendance')?.[0]?.[7]).toBe('出勤');
      expect(got.get('attendance')).toEqual(report.get('attendance'));
      expect(got.get('departments')).toEqual(report.get('departments'));

      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=attendance-csv]')]);
      const csvPath = join(server.dir, 'attendance-download.csv');
      await csv.saveAs(csvPath);
      const rows = parse(await readFile(csvPath, 'utf8'), { bom: true });
      expect(rows[0]?.[7]).toBe('出勤');
      expect(rows.slice(1).map((r) => [r[2], r[7]])).toEqual([['u1', '出席'], ['u2', '缺席'], ['u3', '部分观看'], ['u4', '缺席'], ['u5', '缺席'], ['u6', '缺席']]);
      // The hostile roster name is text in the CSV.
      expect(rows.find((r) => r[2] === 'u4')?.[3]).toBe("'-1+1");
      await page.screenshot({ path: join(shots, 'attendance-zh.png'), fullPage: true });
    });

    it("checks the roster over a period's lives on the lives page and downloads the report's sheets", async () => {
      const page = await (await browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1400, height: 1000 } })).newPage();
      await page.goto(`${server.url}/ui/`);
      await page.fill('#admin-key', ADMIN_KEY);
      await page.click('[data-testid=sign-in] button[type=submit]');
      await page.locator('[data-testid=period-card]').waitFor();
      await page.fill('[data-testid=period-since]', '2025-11-25');
      await page.fill('[data-testid=period-until]', '2025-11-26');
      await page.fill('[data-testid=period-anchor]', 'zhangsan');
      await page.setInputFiles('[data-testid=period-roster-file]', { name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(rosterCsv) });
      await page.click('[data-testid=period-roster-form] button[type=submit]');
      await page.locator('[data-testid=period-attendance] tbody tr').first().waitFor();
      const rows = await page.$$eval('[data-testid=period-attendance] tbody tr', (trs) =>
        (trs as unknown as { getAttribute(n: string): string | null; children: ArrayLike<{ textContent: string | null }> }[]).map((tr) => [tr.getAttribute('data-livingid'), ...Array.from(tr.children, (td) => td.textContent).slice(3)]),
      );
      expect(rows).toEqual([[LIVE_B, '6', '1', '1', '4'], [LIVE_A, '6', '1', '1', '4']]);
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=period-attendance-xlsx]')]);
      const downloaded = join(server.dir, 'period-attendance-download.xlsx');
      await xlsx.saveAs(downloaded);
      const rosterPath = join(server.dir, 'period-roster.csv');
      await writeFile(rosterPath, rosterCsv);
      const out = join(server.dir, 'period-attendance-report.xlsx');
      const run = await reportFrom(server, server.dir, { userid: ['zhangsan'], since: '2025-11-25', until: '2025-11-26', roster: rosterPath, out });
      expect(run.code, run.stderr).toBe(0);
      const byLive = (r: unknown[][] | undefined) => [...(r ?? [])].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      const [got, report] = [await readSheets(downloaded), await readSheets(out)];
      expect(byLive(got.get('attendance'))).toEqual(byLive(report.get('attendance')));
      expect(byLive(got.get('departments'))).toEqual(byLive(report.get('departments')));
    });

    it('says what is wrong with a file it cannot read, in the page', async () => {
      const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } })).newPage();
      await page.goto(`${server.url}/ui/`);
      await page.fill('#admin-key', ADMIN_KEY);
      await page.click('[data-testid=sign-in] button[type=submit]');
      await page.locator('[data-testid=lives]').waitFor();
      await page.goto(`${server.url}/ui/#/${CORP}/${LIVE_A}`);
      await page.click('[data-testid=roster-form] button[type=submit]');
      await page.getByText('Choose a roster file first.').waitFor();
      await page.setInputFiles('[data-testid=roster-file]', { name: 'roster.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
      await page.click('[data-testid=roster-form] button[type=submit]');
      await page.locator('[data-testid=roster-error]').filter({ hasText: 'save it as .xlsx or as CSV' }).waitFor();
    });
  });
});
