import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { SeededRandom } from '../src/domain/random.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { BIG_LIVE, CORP, SECRETS, baseScenario } from './support/scenarios.js';
import { call, startTestServer, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  /** The same calls, in the same order, returning every reply's bytes. */
  async function script(base: string): Promise<string[]> {
    const texts: string[] = [];
    const post = async (path: string, token: string, body: unknown) => {
      const r = await call(`${base}${path}?access_token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify(body) });
      texts.push(r.text);
      return r.body;
    };
    const tokenReply = await call(`${base}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${encodeURIComponent(SECRETS.selfBuilt)}`);
    texts.push(tokenReply.text);
    const token = tokenReply.body.access_token as string;
    const created = await post('/cgi-bin/living/create', token, { anchor_userid: 'zhangsan', theme: 'seeded', living_start: 1764300000, living_duration: 600 });
    expect(created.errcode).toBe(0);
    const page = await post('/cgi-bin/living/get_watch_stat', token, { livingid: BIG_LIVE });
    await post('/cgi-bin/living/get_watch_stat', token, { livingid: BIG_LIVE, next_key: page.next_key });
    // Errors carry random hint digits: with a seed, those repeat too.
    await post('/cgi-bin/living/get_watch_stat', token, { livingid: BIG_LIVE, next_key: 'forged' });
    await post('/cgi-bin/living/get_watch_stat', 'no-such-token', { livingid: BIG_LIVE });
    return texts;
  }

  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  async function server(options: { seed?: number } = {}): Promise<TestServer> {
    const s = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY, pageSize: 100, ...options });
    servers.push(s);
    return s;
  }

  describe('--seed', () => {
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      [a, b] = await Promise.all([server({ seed: 42 }), server({ seed: 42 })]);
    });

    it('gives two servers with the same seed and the same calls byte-identical replies', async () => {
      const first = await script(a.url);
      const second = await script(b.url);
      expect(second).toEqual(first);
      expect(first.join('\n')).toMatch(/"livingid":"lv[A-Za-z0-9_-]{30}"/);
      expect(first.join('\n')).toMatch(/hint: \[\d{25}\]/);
    });

    it('differs without a seed, or with another seed, and POST /seed restarts the stream', async () => {
      const unseeded = await server();
      const other = await server({ seed: 43 });
      const [x, y, z] = [await script(unseeded.url), await script(other.url), await script(a.url)];
      // Another seed: another token (the reply to gettoken) and other hints.
      expect(y[0]).not.toBe(z[0]);
      expect(x[0]).not.toBe(z[0]);
      // Seeding both servers again at run time lines them up again.
      const admins = [a, unseeded].map((s) => new LivestatAdmin({ baseUrl: s.url, adminKey: ADMIN_KEY }));
      for (const admin of admins) expect(await admin.seed(7)).toEqual({ seed: 7 });
      // The token from before is still valid for the same 7200 s; the stream restarted.
      const [p, q] = [await script(a.url), await script(unseeded.url)];
      expect(p.slice(1)).toEqual(q.slice(1));
      await expect(admins[0]!.seed(-1 as never)).rejects.toMatchObject({ status: 400 });
    });

    it('hands out next_keys of the new seed at once, also for a page it served just before', async () => {
      const s = await server({ seed: 42 });
      const token = (await call(`${s.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${encodeURIComponent(SECRETS.selfBuilt)}`)).body.access_token as string;
      const page = async (next_key?: string) =>
        (await call(`${s.url}/cgi-bin/living/get_watch_stat?access_token=${token}`, { method: 'POST', body: JSON.stringify({ livingid: BIG_LIVE, next_key }) })).body;
      const before = await page();
      expect((await page()).next_key).toBe(before.next_key);
      // Nothing written in between: only the secret changed.
      await new LivestatAdmin({ baseUrl: s.url, adminKey: ADMIN_KEY }).seed(43);
      const after = await page();
      expect(after.next_key).not.toBe(before.next_key);
      expect((await page(after.next_key as string)).errcode).toBe(0);
      expect((await page(before.next_key as string)).errcode).toBe(40058);
    });

    it('derives the DRBG stream from the seed alone', () => {
      expect(new SeededRandom(5).bytes(40).equals(new SeededRandom(5).bytes(40))).toBe(true);
      expect(new SeededRandom(5).bytes(40).equals(new SeededRandom(6).bytes(40))).toBe(false);
      const r = new SeededRandom(1);
      const ints = Array.from({ length: 2000 }, () => r.int(10));
      expect(new Set(ints).size).toBe(10);
      expect(Math.min(...ints)).toBe(0);
    });
  });
});
