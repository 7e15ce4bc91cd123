import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_LIVE, CORP, LIVE, OTHER_CORP, OTHER_LIVE, PERSON_LIVE, SECRETS, EMPTY_LIVE } from './support/scenarios.js';
import { createLiving, ingest, livingInfo, livingScenario, OLD_CORP, OLD_SECRETS, post } from './support/living-scenario.js';
import { type TestServer, getToken, startTestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const MODIFY = '/cgi-bin/living/modify';
const CANCEL = '/cgi-bin/living/cancel';
const DELETE_REPLAY = '/cgi-bin/living/delete_replay_data';

for (const backend of STORES) describe(backend.name, () => {
  describe('modify, cancel, delete_replay_data and status over time', () => {
    let server: TestServer;
    let token: string;
    let agency: string;
    let n = 0;
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario());
      token = await getToken(server.url, CORP, SECRETS.selfBuilt);
      agency = await getToken(server.url, CORP, SECRETS.agency);
    });
    afterAll(() => server.close());

    const statusOf = async (livingid: string, t = token) => ((await livingInfo(server, t, livingid)).body.living_info as { status: number }).status;
    const enter = (livingid: string, atMs: number, userid = 'lisi') => ({ id: `m-${++n}`, livingid, at: atMs, kind: 'enter', viewer: { userid } });

    it('reserved → live → ended as the clock moves and viewers arrive; replay deleted once', async () => {
      const t0 = server.clock.now();
      const livingid = await createLiving(server, token, { living_start: t0 / 1000 + 600, living_duration: 1200 });
      expect(await statusOf(livingid)).toBe(0);
      server.clock.advance(700_000);
      // Nobody has watched yet: the anchor is late, the live is still reserved.
      expect(await statusOf(livingid)).toBe(0);
      await ingest(server, [enter(livingid, t0 + 650_000)]);
      expect(await statusOf(livingid)).toBe(1);
      expect((await post(server, MODIFY, token, { livingid, theme: 'x' })).body.errcode).toBe(92006);
      expect((await post(server, CANCEL, token, { livingid })).body.errcode).toBe(92006);
      expect((await post(server, DELETE_REPLAY, token, { livingid })).body.errcode).toBe(92007);
      server.clock.advance(1200_000);
      expect(await statusOf(livingid)).toBe(2);
      const info = (await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>;
      expect(info).toMatchObject({ open_replay: 1, replay_status: 0 });
      const del = await post(server, DELETE_REPLAY, token, { livingid });
      expect(del.text).toBe('{"errcode":0,"errmsg":"ok"}');
      expect(((await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>).replay_status).toBe(2);
      const again = await post(server, DELETE_REPLAY, token, { livingid });
      expect(again.body.errcode).toBe(92007);
      expect(again.body.errmsg).toMatch(/^replay data can not be deleted, hint: /);
      server.clock.set(t0);
    });

    it('expired: the scheduled end passed and nobody ever watched', async () => {
      const t0 = server.clock.now();
      const livingid = await createLiving(server, token, { living_start: t0 / 1000 + 60, living_duration: 60 });
      server.clock.advance(119_000);
      expect(await statusOf(livingid)).toBe(0);
      server.clock.advance(1000);
      expect(await statusOf(livingid)).toBe(3);
      const info = (await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>;
      // open_replay is the live's setting (on by default), not "has ended"; an expired live has no replay.
      expect(info.open_replay).toBe(1);
      expect(info).not.toHaveProperty('replay_status');
      expect((await post(server, MODIFY, token, { livingid, theme: 'late' })).body.errcode).toBe(92006);
      expect((await post(server, DELETE_REPLAY, token, { livingid })).body.errcode).toBe(92007);
      server.clock.set(t0);
    });

    it('modify changes only the named fields of a reserved live', async () => {
      const livingid = await createLiving(server, token, { theme: 'before', description: 'keep me', type: 1 });
      const res = await post(server, MODIFY, token, { livingid, theme: 'after', living_duration: 900, type: 2 });
      expect(res.text).toBe('{"errcode":0,"errmsg":"ok"}');
      const info = (await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>;
      expect(info).toMatchObject({ theme: 'after', living_duration: 900, reserve_living_duration: 900, type: 2, description: 'keep me', status: 0 });
      const moved = Math.floor(server.clock.now() / 1000) + 7200;
      expect((await post(server, MODIFY, token, { livingid, living_start: moved })).body.errcode).toBe(0);
      expect(((await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>).living_start).toBe(moved);
    });

    it("modify validates like create, but theme and description in bytes (doc 93640: 60 and 300)", async () => {
      const livingid = await createLiving(server, token);
      for (const [body, detail] of [
        [{ theme: 'x' }, 'livingid missing'],
        // 21 Chinese characters are 63 bytes of UTF-8.
        [{ livingid, theme: '长'.repeat(21) }, 'theme exceeds 60 bytes'],
        [{ livingid, theme: 't'.repeat(61) }, 'theme exceeds 60 bytes'],
        [{ livingid, theme: '' }, 'theme missing'],
        [{ livingid, type: 9 }, 'invalid type'],
        [{ livingid, living_duration: 'long' }, 'living_duration must be an integer'],
        [{ livingid, description: 'd'.repeat(301) }, 'description exceeds 300 bytes'],
        [{ livingid, description: '述'.repeat(101) }, 'description exceeds 300 bytes'],
        // The first bad field in the schema's order is named, a byte limit included.
        [{ livingid, theme: '长'.repeat(21), living_duration: 'long' }, 'theme exceeds 60 bytes'],
      ] as const) {
        const res = await post(server, MODIFY, token, body);
        expect(res.body.errcode).toBe(40058);
        expect(res.body.errmsg).toMatch(new RegExp(`^${detail}\\. invalid Request Parameter`));
      }
    });

    it('modify takes a theme of exactly 60 bytes and a description of 300, beyond create\'s 20 and 100 characters', async () => {
      const livingid = await createLiving(server, token);
      const theme = '长'.repeat(20);
      const description = 'd'.repeat(300);
      expect((await post(server, MODIFY, token, { livingid, theme, description })).text).toBe('{"errcode":0,"errmsg":"ok"}');
      expect((await livingInfo(server, token, livingid)).body.living_info).toMatchObject({ theme, description });
      const ascii = 't'.repeat(60);
      expect((await post(server, MODIFY, token, { livingid, theme: ascii })).body.errcode).toBe(0);
      expect(((await livingInfo(server, token, livingid)).body.living_info as { theme: string }).theme).toBe(ascii);
      // create keeps its limits in characters.
      const created = await post(server, '/cgi-bin/living/create', token, { anchor_userid: 'zhangsan', theme: ascii, living_start: 1764230400 + 3600, living_duration: 60 });
      expect(created.body.errmsg).toMatch(/^theme exceeds 20 characters\. invalid Request Parameter/);
    });

    it('cancel: status 4, then neither modify nor cancel again', async () => {
      const livingid = await createLiving(server, token);
      expect((await post(server, CANCEL, token, { livingid })).text).toBe('{"errcode":0,"errmsg":"ok"}');
      expect(await statusOf(livingid)).toBe(4);
      const again = await post(server, CANCEL, token, { livingid });
      expect(again.body.errcode).toBe(92006);
      expect(again.body.errmsg).toMatch(/^living status not allowed, hint: \[\d{25}\]/);
      expect(again.headers.get('error-code')).toBe('92006');
      expect((await post(server, MODIFY, token, { livingid, theme: 'x' })).body.errcode).toBe(92006);
      // Even when its time comes, a cancelled live stays cancelled.
      // (past its scheduled end, yet within the token's 7200 s)
      const t0 = server.clock.now();
      server.clock.advance(6000_000);
      expect(await statusOf(livingid)).toBe(4);
      server.clock.set(t0);
    });

    it("92008 for another app's live, a person's live, another corp's and one that does not exist", async () => {
      const mine = await createLiving(server, token);
      for (const path of [MODIFY, CANCEL, DELETE_REPLAY]) {
        expect((await post(server, path, agency, { livingid: mine, theme: 'x' })).body.errcode, path).toBe(92008);
        expect((await post(server, path, token, { livingid: AGENCY_LIVE })).body.errcode, path).toBe(92008);
        expect((await post(server, path, token, { livingid: PERSON_LIVE })).body.errcode, path).toBe(92008);
        expect((await post(server, path, token, { livingid: OTHER_LIVE })).body.errcode, path).toBe(92008);
        expect((await post(server, path, token, { livingid: 'lvDoesNotExist000000000000000000' })).body.errcode, path).toBe(92008);
      }
      const other = await getToken(server.url, OTHER_CORP, SECRETS.other);
      expect((await livingInfo(server, other, mine)).body.errcode).toBe(92008);
      // The live is untouched.
      expect(await statusOf(mine)).toBe(0);
    });

    it('the system app (grandfathered corp) cancels every live of its corp, but modifies only its own; others still may not', async () => {
      const selfBuilt = await getToken(server.url, OLD_CORP, OLD_SECRETS.selfBuilt);
      const system = await getToken(server.url, OLD_CORP, OLD_SECRETS.system);
      const livingid = await createLiving(server, selfBuilt);
      // Only the creating app may modify (doc 93640).
      expect((await post(server, MODIFY, system, { livingid, theme: '系统改' })).body.errcode).toBe(92008);
      const own = await createLiving(server, system);
      expect((await post(server, MODIFY, system, { livingid: own, theme: '系统改' })).body.errcode).toBe(0);
      expect((await post(server, CANCEL, system, { livingid })).body.errcode).toBe(0);
      expect(await statusOf(livingid, selfBuilt)).toBe(4);
      expect((await post(server, CANCEL, token, { livingid })).body.errcode).toBe(92008);
    });

    it('48002 before anything about the live; token errors before that', async () => {
      const noLiving = await getToken(server.url, CORP, SECRETS.noLiving);
      for (const path of [MODIFY, CANCEL, DELETE_REPLAY]) {
        expect((await post(server, path, noLiving, { livingid: LIVE })).body.errcode).toBe(48002);
        expect((await post(server, path, 'bogus', { livingid: LIVE })).body.errcode).toBe(40014);
      }
    });

    it('scenario lives: with viewers live then ended (replay may go); without, reserved then expired', async () => {
      expect(await statusOf(LIVE)).toBe(1);
      expect(await statusOf(EMPTY_LIVE)).toBe(0);
      const t0 = server.clock.now();
      server.clock.advance(3600_000);
      expect(await statusOf(LIVE)).toBe(2);
      expect(await statusOf(EMPTY_LIVE)).toBe(3);
      expect((await post(server, DELETE_REPLAY, token, { livingid: EMPTY_LIVE })).body.errcode).toBe(92007);
      expect((await post(server, DELETE_REPLAY, token, { livingid: LIVE })).body.errcode).toBe(0);
      server.clock.set(t0);
    });
  });
});
