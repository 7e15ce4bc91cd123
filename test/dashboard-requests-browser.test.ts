import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from '../scripts/build-ui.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { CORP, LIVE, OTHER_CORP, SECRETS, baseScenario } from './support/scenarios.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken, startTestServer, type TestServer, watchStat } from './support/test-server.js';
import { NEEDS_CHROMIUM, chromiumMissing, missingDependency } from './support/requirements.js';
import { STORES } from './support/stores.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
// Throws (failing this file) when LIVESTAT_REQUIRE_CHROMIUM=1 and Chromium is missing.
const notice = missingDependency(NEEDS_CHROMIUM, chromiumMissing(CHROMIUM_PATH));
if (notice) console.log(`dashboard requests browser: ${notice}`);

for (const backend of STORES) describe(backend.name, () => {
  describe.skipIf(notice !== undefined)('the Requests view in headless Chromium', () => {
    let server: TestServer;
    let browser: Browser | undefined;
    let page: Page;
    let removeUi: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const ui = await tempDir('livestat-ui-');
      removeUi = ui.remove;
      await buildUi(ui.dir);
      server = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY, uiDir: ui.dir });
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } })).newPage();
    });
    afterAll(async () => {
      try {
        await browser?.close();
        await server.close();
      } finally {
        await removeUi?.();
      }
    });

    const rows = () => page.$$eval('[data-testid=requests] tbody tr', (trs) => trs.map((tr) => ({ seq: Number(tr.getAttribute('data-seq')), api: tr.getAttribute('data-api'), errcode: tr.getAttribute('data-errcode'), error: tr.classList.contains('request-error') })));

    it('stays closed without the admin key', async () => {
      await page.goto(`${server.url}/ui/#/${CORP}/~requests`);
      await page.locator('[data-testid=sign-in]').waitFor();
      expect(await page.locator('[data-testid=requests]').count()).toBe(0);
      expect((await call(`${server.url}/livestat/admin/requests`)).status).toBe(401);
    });

    it('shows the calls as they happen, newest first, errors highlighted, and a redacted body on click', async () => {
      await page.fill('#admin-key', ADMIN_KEY);
      await page.click('[data-testid=sign-in] button[type=submit]');
      await page.locator('[data-testid=nav-requests]').click();
      await page.getByText('No calls recorded yet').waitFor();

      // The developer's code calls livestat; the open page picks the calls up without a reload.
      const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
      expect((await watchStat(server.url, token, { livingid: LIVE })).body.errcode).toBe(0);
      expect((await watchStat(server.url, token, { livingid: 'lvNoSuchLive00000000000000000000' })).body.errcode).toBe(92008);
      await getToken(server.url, OTHER_CORP, SECRETS.other);
      await page.locator('[data-testid=requests] tbody tr[data-errcode="92008"]').waitFor();
      const shown = await rows();
      // The view starts filtered to the corp picked in the header: the other corp's gettoken is not there.
      expect(shown.map((r) => r.api)).toEqual(['get_watch_stat', 'get_watch_stat', 'gettoken']);
      expect(shown.map((r) => r.seq)).toEqual([...shown.map((r) => r.seq)].sort((a, b) => b - a));
      expect(shown.map((r) => r.error)).toEqual([true, false, false]);
      expect(await page.locator('tr[data-errcode="92008"] .errcode-bad').textContent()).toBe('92008');

      // Filters: every corp, then one API, then errors only.
      await page.fill('[data-testid=requests-corp]', '');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=requests] tbody tr').length === 4);
      await page.fill('[data-testid=requests-api]', 'gettoken');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=requests] tbody tr').length === 2);
      expect((await rows()).every((r) => r.api === 'gettoken')).toBe(true);
      await page.fill('[data-testid=requests-api]', '');
      await page.check('[data-testid=requests-errors]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=requests] tbody tr').length === 1);
      expect((await rows())[0]!.errcode).toBe('92008');

      // A call's redacted query and body on click.
      await page.locator('tr[data-errcode="92008"]').click();
      const body = await page.locator('[data-testid=request-body]').textContent();
      expect(JSON.parse(body!)).toEqual({ livingid: 'lvNoSuchLive00000000000000000000' });
      expect(JSON.parse((await page.locator('[data-testid=request-query]').textContent())!)).toEqual({ access_token: '[REDACTED]' });
      await page.uncheck('[data-testid=requests-errors]');
      await page.locator('tr[data-api="gettoken"]').first().click();
      expect(JSON.parse((await page.locator('[data-testid=request-query]').textContent())!)).toMatchObject({ corpsecret: '[REDACTED]' });
      const html = await page.content();
      for (const secret of [SECRETS.selfBuilt, SECRETS.other, token]) expect(html.includes(secret)).toBe(false);
    });
  });
});

// The callbacks above run in the browser; the test's own program has no DOM types.
declare const document: { querySelectorAll(selector: string): ArrayLike<unknown> };
