import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORP, SECRETS } from './support/scenarios.js';
import { createLiving, livingScenario, OLD_CORP, OLD_SECRETS, post } from './support/living-scenario.js';
import { type TestServer, getToken, startTestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const PATH = '/cgi-bin/living/get_user_all_livingid';

for (const backend of STORES) describe(backend.name, () => {
  describe('POST /cgi-bin/living/get_user_all_livingid', () => {
    let server: TestServer;
    let token: string;
    const mine: string[] = [];
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario());
      token = await getToken(server.url, CORP, SECRETS.selfBuilt);
      const base = Math.floor(server.clock.now() / 1000);
      // Five lives of one anchor at distinct starts (newest first is the order), one of another anchor.
      for (let i = 0; i < 5; i++) mine.unshift(await createLiving(server, token, { anchor_userid: 'anchor1', living_start: base + 100 * (i + 1) }));
      await createLiving(server, token, { anchor_userid: 'anchor2' });
    });
    afterAll(() => server.close());

    const page = (body: unknown, t = token) => post(server, PATH, t, body);
    const all = async (limit: number | undefined) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const { body } = await page({ userid: 'anchor1', ...(cursor === undefined ? {} : { cursor }), ...(limit === undefined ? {} : { limit }) });
        expect(body.errcode).toBe(0);
        ids.push(...(body.livingid_list as string[]));
        if (body.next_cursor === '') return { ids, pages: pages + 1 };
        cursor = body.next_cursor as string;
      }
      throw new Error('no last page');
    };

    it.each([
      [1, 5],
      [2, 3],
      [100, 1],
      [undefined, 1],
      [0, 1],
    ])('limit %s: every live once, newest first, in %s pages', async (limit, pages) => {
      expect(await all(limit)).toEqual({ ids: mine, pages });
    });

    it("answers wire-exact, next_cursor \"\" on the last page; an unknown member's list is empty", async () => {
      const last = await page({ userid: 'anchor2' });
      expect(last.text).toMatch(/^\{"errcode":0,"errmsg":"ok","next_cursor":"","livingid_list":\["lv[A-Za-z0-9_-]{30}"\]\}$/);
      expect((await page({ userid: 'nobody' })).text).toBe('{"errcode":0,"errmsg":"ok","next_cursor":"","livingid_list":[]}');
    });

    it("lists only the calling app's lives; the system app sees all of its corp's", async () => {
      const agency = await getToken(server.url, CORP, SECRETS.agency);
      expect((await page({ userid: 'anchor1' }, agency)).body.livingid_list).toEqual([]);
      const oldApp = await getToken(server.url, OLD_CORP, OLD_SECRETS.selfBuilt);
      const oldSystem = await getToken(server.url, OLD_CORP, OLD_SECRETS.system);
      const id = await createLiving(server, oldApp, { anchor_userid: 'anchor1' });
      expect((await page({ userid: 'anchor1' }, oldSystem)).body.livingid_list).toEqual([id]);
    });

    it('40058 for a tampered, truncated or foreign cursor, and for bad fields', async () => {
      const { body } = await page({ userid: 'anchor1', limit: 2 });
      const cursor = body.next_cursor as string;
      const flipped = `${cursor.slice(0, 3)}${cursor[3] === 'A' ? 'B' : 'A'}${cursor.slice(4)}`;
      const agency = await getToken(server.url, CORP, SECRETS.agency);
      for (const [req, t] of [
        [{ userid: 'anchor1', cursor: flipped }, token],
        [{ userid: 'anchor1', cursor: cursor.slice(0, -2) }, token],
        [{ userid: 'anchor1', cursor: '%%%' }, token],
        [{ userid: 'anchor2', cursor }, token],
        [{ userid: 'anchor1', cursor }, agency],
      ] as const) {
        const res = await page(req, t);
        expect(res.body.errcode).toBe(40058);
        expect(res.body.errmsg).toMatch(/^invalid cursor\. invalid Request Parameter/);
      }
      for (const [req, detail] of [
        [{}, 'userid missing'],
        [{ userid: 7 }, 'userid must be a string'],
        [{ userid: 'a b' }, 'invalid userid'],
        [{ userid: 'anchor1', limit: 101 }, 'limit exceeds 100'],
        [{ userid: 'anchor1', limit: -1 }, 'invalid limit'],
        [{ userid: 'anchor1', limit: '10' }, 'limit must be an integer'],
        [{ userid: 'anchor1', cursor: 5 }, 'cursor must be a string'],
      ] as const) {
        const res = await page(req);
        expect(res.body.errcode).toBe(40058);
        expect(res.body.errmsg).toMatch(new RegExp(`^${detail}\\. invalid Request Parameter`));
      }
    });
  });
});
