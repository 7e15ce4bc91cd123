import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from '../scripts/build-ui.js';
import { ADMIN_KEY, admin } from './support/dashboard.js';
import { ingest, livingScenario } from './support/living-scenario.js';
import { CORP, EMPTY_LIVE, LIVE } from './support/scenarios.js';
import { tempDir } from './support/temp-dir.js';
import { startTestServer, TEST_NOW, type TestServer } from './support/test-server.js';
import { NEEDS_CHROMIUM, chromiumMissing, missingDependency } from './support/requirements.js';
import { STORES } from './support/stores.js';
import { readSheets } from './support/xlsx-read.js';

// The page callback below runs in the browser; the test's own program has no DOM types.
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

const CHROMIUM_PATH = '/usr/bin/chromium';
const notice = missingDependency(NEEDS_CHROMIUM, chromiumMissing(CHROMIUM_PATH));
if (notice) console.log(`dashboard live page browser: ${notice}`);
const MIN = 60_000;

/** Three viewers in EMPTY_LIVE's first minutes (it starts at TEST_NOW): two online at the peak. */
const EVENTS = [
  { id: 'p1', livingid: EMPTY_LIVE, at: TEST_NOW, kind: 'enter', viewer: { userid: 'lisi' } },
  { id: 'p2', livingid: EMPTY_LIVE, at: TEST_NOW + 2 * MIN, kind: 'leave', viewer: { userid: 'lisi' } },
  { id: 'p3', livingid: EMPTY_LIVE, at: TEST_NOW + 30_000, kind: 'enter', viewer: { userid: 'wangwu' } },
  { id: 'p4', livingid: EMPTY_LIVE, at: TEST_NOW + 40_000, kind: 'comment', viewer: { userid: 'wangwu' } },
  { id: 'p5', livingid: EMPTY_LIVE, at: TEST_NOW + 5 * MIN, kind: 'leave', viewer: { userid: 'wangwu' } },
  { id: 'p6', livingid: EMPTY_LIVE, at: TEST_NOW + 10 * MIN, kind: 'enter', viewer: { external_userid: 'wm0000000000000000000000000000ab', type: 1, name: '<b>访客</b>' } },
];

for (const backend of STORES) describe(backend.name, () => {
  describe.skipIf(notice !== undefined)('a live’s timeline and downloads in headless Chromium', () => {
    let server: TestServer;
    let browser: Browser;
    let removeUi: () => Promise<void>;

    beforeAll(async () => {
      const ui = await tempDir('livestat-ui-');
      removeUi = ui.remove;
      await buildUi(ui.dir);
      server = await startTestServer(backend, livingScenario(), { adminKey: ADMIN_KEY, uiDir: ui.dir });
      server.clock.set(TEST_NOW + 20 * MIN);
      await ingest(server, EVENTS);
      // Ended: the page draws the whole hour and stops polling.
      server.clock.set(TEST_NOW + 2 * 60 * MIN);
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });
    afterAll(async () => {
      await browser.close();
      await server.close();
      await removeUi();
    });

    /** A signed-in tab of a browser speaking `locale`. */
    async function signedIn(locale: string): Promise<Page> {
      const page = await (await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1400, height: 1000 } })).newPage();
      await page.goto(`${server.url}/ui/`);
      await page.fill('#admin-key', ADMIN_KEY);
      await page.click('[data-testid=sign-in] button[type=submit]');
      await page.locator('[data-testid=lives]').waitFor();
      return page;
    }
    const openLive = (page: Page, livingid: string) => page.goto(`${server.url}/ui/#/${CORP}/${livingid}`);

    it('draws viewers online per minute and names the peak the API computed', async () => {
      const api = (await admin(server.url, `/corps/${CORP}/livings/${EMPTY_LIVE}/timeline`)).body as { minutes: { at: number; online: number }[] };
      const peak = Math.max(...api.minutes.map((m) => m.online));
      expect(peak).toBe(2);
      const page = await signedIn('en-US');
      await openLive(page, EMPTY_LIVE);
      const caption = page.locator('[data-testid=timeline-peak]');
      await caption.waitFor();
      expect(await caption.getAttribute('data-peak')).toBe(String(peak));
      expect(await caption.textContent()).toMatch(/^Peak: 2 online at \d\d:\d\d/);
      const painted = await page.$eval('canvas[data-testid=timeline]', (c) => {
        const canvas = c as unknown as PageCanvas;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) n++;
        return n;
      });
      expect(painted).toBeGreaterThan(1000);
      expect(await page.locator('[data-testid=no-timeline]').count()).toBe(0);
      await page.context().close();
    });

    it('says a scenario-only live has no timeline, in English and in Chinese', async () => {
      const en = await signedIn('en-US');
      await openLive(en, LIVE);
      await en.locator('[data-testid=no-timeline]').waitFor();
      expect(await en.locator('[data-testid=no-timeline]').textContent()).toContain('No timeline: this live has no activity events.');
      expect(await en.locator('canvas[data-testid=timeline]').count()).toBe(0);
      await en.context().close();

      const zh = await signedIn('zh-CN');
      await openLive(zh, LIVE);
      await zh.locator('[data-testid=no-timeline]').waitFor();
      expect(await zh.locator('[data-testid=no-timeline]').textContent()).toContain('没有时间线');
      expect(await zh.locator('[data-testid=timeline-card] h3').textContent()).toBe('观众随时间变化');
      await zh.context().close();
    });

    it('downloads the workbook in the page’s language, the same as the API’s', async () => {
      const page = await signedIn('zh-CN');
      await openLive(page, EMPTY_LIVE);
      const button = page.locator('[data-testid=download-xlsx]');
      expect(await button.textContent()).toBe('下载 Excel');
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(`${EMPTY_LIVE}.xlsx`);
      const saved = join(server.dir, 'browser.xlsx');
      await download.saveAs(saved);
      const res = await fetch(`${server.url}/livestat/admin/corps/${CORP}/livings/${EMPTY_LIVE}/audience.xlsx?lang=zh`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      const direct = join(server.dir, 'direct.xlsx');
      await writeFile(direct, Buffer.from(await res.arrayBuffer()));
      const sheets = await readSheets(saved);
      expect(sheets.get('viewers')![0]![1]).toBe('用户ID');
      expect(sheets.get('viewers')!.map((r) => r[3])).toContain('<b>访客</b>');
      expect(sheets).toEqual(await readSheets(direct));
      await page.context().close();
    });

    it('shows the lives of a period for an anchor, as the period API lists them', async () => {
      const page = await signedIn('en-US');
      // The first corp by id is another one: open Acme's lives.
      await page.goto(`${server.url}/ui/#/${CORP}`);
      await page.locator(`[data-testid=lives] tr[data-livingid="${LIVE}"]`).waitFor();
      await page.fill('[data-testid=period-since]', '2025-11-27');
      await page.fill('[data-testid=period-until]', '2025-11-27');
      await page.fill('[data-testid=period-anchor]', 'zhangsan');
      await page.click('[data-testid=period-form] button[type=submit]');
      await page.locator('[data-testid=period] tbody tr').first().waitFor();
      const api = (await admin(server.url, `/corps/${CORP}/period?since=2025-11-27&until=2025-11-27&userid=zhangsan`)).body as { livings: { livingid: string }[]; totals: { lives: number } };
      expect(api.livings.length).toBeGreaterThan(1);
      const shown = await page.$$eval('[data-testid=period] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-livingid')));
      expect(shown).toEqual(api.livings.map((l) => l.livingid));
      expect(await page.locator('[data-testid=period-totals] th').first().textContent()).toBe(`Total of ${api.totals.lives} lives`);
      // A day with no live: an empty table, not an error.
      await page.fill('[data-testid=period-since]', '2025-11-28');
      await page.fill('[data-testid=period-until]', '2025-11-28');
      await page.click('[data-testid=period-form] button[type=submit]');
      await page.locator('[data-testid=period-totals] th').filter({ hasText: 'Total of 0 lives' }).waitFor();
      await page.context().close();
    });
  });
});
