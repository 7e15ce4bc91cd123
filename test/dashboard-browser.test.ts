import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from '../scripts/build-ui.js';
import { runCli } from './support/cli.js';
import { ADMIN_KEY, CROWD, CROWD_LIVE, admin, dashboardScenario } from './support/dashboard.js';
import { CORP, LIVE, SECRETS } from './support/scenarios.js';
import { tempDir } from './support/temp-dir.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { NEEDS_CHROMIUM, chromiumMissing, missingDependency } from './support/requirements.js';
import { STORES } from './support/stores.js';

// The page callbacks below run in the browser; the test's own program has no DOM types.
interface PageDocument {
  querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ children: ArrayLike<{ textContent: string | null }> }>;
}
declare const document: PageDocument;
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

const CHROMIUM_PATH = '/usr/bin/chromium';
// Throws (failing this file) when LIVESTAT_REQUIRE_CHROMIUM=1 and Chromium is missing.
const notice = missingDependency(NEEDS_CHROMIUM, chromiumMissing(CHROMIUM_PATH));
const hasChromium = notice === undefined;
const SHOTS = new URL('../test-artifacts/screenshots/', import.meta.url).pathname;
if (notice) console.log(`dashboard browser: ${notice}`);

for (const backend of STORES) describe(backend.name, () => {
  const shots = join(SHOTS, backend.name.toLowerCase());
  describe.skipIf(!hasChromium)('the dashboard in headless Chromium', () => {
    let server: TestServer;
    // Still unset in afterAll when beforeAll failed early; the temp bundle is removed even then.
    let browser: Browser | undefined;
    let page: Page;
    let removeUi: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      // A fresh bundle of the current source, in its own directory, so the test never reads a stale one.
      const ui = await tempDir('livestat-ui-');
      removeUi = ui.remove;
      await buildUi(ui.dir);
      server = await startTestServer(backend, dashboardScenario(), { adminKey: ADMIN_KEY, uiDir: ui.dir });
      await mkdir(shots, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
      page = await context.newPage();
    });
    afterAll(async () => {
      try {
        await browser?.close();
        await server.close();
      } finally {
        await removeUi?.();
      }
    });

    /** Waits until the audience table shows page `n` and is not loading. */
    const audiencePage = (n: number) =>
      page.waitForFunction(
        (n) => document.querySelector('[data-testid=audience-page]')?.textContent === `Page ${n}` && document.querySelector('[data-testid=audience]')?.getAttribute('aria-busy') === 'false',
        n,
      );
    const shownRows = () =>
      page.$$eval('[data-testid=audience] tbody tr', (trs) => trs.map((tr) => ({ id: tr.getAttribute('data-id')!, watchTime: Number(tr.getAttribute('data-watch-time')) })));

    it('refuses a wrong key and shows the lives with the right one', async () => {
      await page.goto(`${server.url}/ui/`);
      await page.fill('#admin-key', 'not-the-key-not-the-key');
      await page.click('[data-testid=sign-in] button[type=submit]');
      await page.getByText('That key was refused.').waitFor();
      expect(await page.locator('[data-testid=lives]').count()).toBe(0);
      await page.fill('#admin-key', ADMIN_KEY);
      await page.click('[data-testid=sign-in] button[type=submit]');
      await page.locator(`[data-testid=lives] tr[data-livingid="${LIVE}"]`).waitFor();
      // The key is in sessionStorage only, never in the address.
      expect(page.url()).not.toContain(ADMIN_KEY);
      // Each badge shows the status the API (get_living_info's rule) gives the live.
      const api = (await admin(server.url, `/corps/${CORP}/livings`)).body.livings as { livingid: string; status: number }[];
      const shown = await page.$$eval('[data-testid=lives] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-livingid'), Number(tr.querySelector('[data-status]')?.getAttribute('data-status'))]));
      expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(api.map((l) => [l.livingid, l.status])));
      expect(new Set(api.map((l) => l.status))).toEqual(new Set([0, 1]));
      await page.screenshot({ path: join(shots, 'lives.png'), fullPage: true });
    });

    it('sorts and searches the lives', async () => {
      await page.click('[data-testid=lives] th[data-sort=viewer_num]');
      await page.click('[data-testid=lives] th[data-sort=viewer_num]');
      const first = await page.locator('[data-testid=lives] tbody tr').first().getAttribute('data-livingid');
      expect(first).toBe(CROWD_LIVE);
      await page.fill('[data-testid=lives-search]', 'crowd');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=lives] tbody tr').length === 1);
    });

    it("shows a live's numbers and draws its charts", async () => {
      await page.click(`[data-testid=lives] tr[data-livingid="${CROWD_LIVE}"]`);
      await page.locator('[data-stat=viewers] .value').filter({ hasText: '20,000' }).waitFor();
      await audiencePage(1);
      for (const chart of ['histogram', 'share']) {
        const drawn = await page.$eval(`canvas[data-testid=${chart}]`, (c) => {
          const canvas = c as unknown as PageCanvas;
          const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
          return { painted, width: canvas.width };
        });
        expect(drawn.width).toBeGreaterThan(0);
        expect(drawn.painted, `${chart} has pixels`).toBeGreaterThan(1000);
      }
      expect(await page.locator('[data-testid=inviters] tbody tr').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(shots, 'living.png'), fullPage: true });
      // The README's picture is refreshed on purpose only (LIVESTAT_UPDATE_SCREENSHOT=1), so a
      // test run never edits a tracked file.
      if (process.env.LIVESTAT_UPDATE_SCREENSHOT) {
        await mkdir(new URL('../docs/', import.meta.url).pathname, { recursive: true });
        await copyFile(join(shots, 'living.png'), new URL('../docs/dashboard.png', import.meta.url).pathname);
      }
    });

    it('pages deep into 20,000 viewers: in order, nothing repeated, the same rows as the API', async () => {
      const seen: { id: string; watchTime: number }[] = [];
      const PAGES = 40;
      for (let n = 1; n <= PAGES; n++) {
        if (n > 1) await page.click('[data-testid=audience-next]');
        await audiencePage(n);
        const rows = await shownRows();
        expect(rows).toHaveLength(50);
        seen.push(...rows);
      }
      expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
      for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.watchTime).toBeGreaterThanOrEqual(seen[i]!.watchTime);
      const expected: string[] = [];
      let after = '';
      while (expected.length < seen.length) {
        const { body } = await admin(server.url, `/corps/${CORP}/livings/${CROWD_LIVE}/audience?sort=watch_time&order=desc&limit=500${after && `&after=${after}`}`);
        expected.push(...body.viewers.map((v: { userid?: string; external_userid?: string }) => v.userid ?? v.external_userid));
        after = encodeURIComponent(body.next);
      }
      expect(seen.map((r) => r.id)).toEqual(expected.slice(0, seen.length));
      // Back one page shows the page before again.
      await page.click('[data-testid=audience-prev]');
      await audiencePage(PAGES - 1);
      expect((await shownRows()).map((r) => r.id)).toEqual(seen.slice((PAGES - 2) * 50, (PAGES - 1) * 50).map((r) => r.id));
    });

    it('sorts and filters the audience', async () => {
      await page.click('[data-testid=audience] th[data-sort=watch_time]');
      await audiencePage(1);
      const ascending = await shownRows();
      for (let i = 1; i < ascending.length; i++) expect(ascending[i - 1]!.watchTime).toBeLessThanOrEqual(ascending[i]!.watchTime);
      await page.selectOption('[data-testid=audience-kind]', 'wecom');
      await page.check('[data-testid=audience-mic]');
      await page.waitForFunction(() => {
        const rows = Array.from(document.querySelectorAll('[data-testid=audience] tbody tr'));
        return rows.length > 0 && rows.every((tr) => tr.children[1]?.textContent === 'WeCom' && tr.children[5]?.textContent === 'yes');
      });
    });

    it('downloads the CSV that livestat pull writes', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv]')]);
      expect(download.suggestedFilename()).toBe(`${CROWD_LIVE}.csv`);
      const file = join(server.dir, 'download.csv');
      await download.saveAs(file);
      const out = join(server.dir, 'pull.csv');
      const pull = await runCli(['pull', '--base-url', server.url, '--corpid', CORP, '--secret', SECRETS.selfBuilt, '--livingid', CROWD_LIVE, '--format', 'csv', '--out', out]);
      expect(pull.code, pull.stderr).toBe(0);
      const downloaded = parse<Record<string, string>>(await readFile(file, 'utf8'), { columns: true });
      const pulled = parse<Record<string, string>>(await readFile(out, 'utf8'), { columns: true });
      expect(downloaded).toHaveLength(CROWD.members + CROWD.external);
      expect(downloaded).toEqual(pulled);
    });
  });
});
