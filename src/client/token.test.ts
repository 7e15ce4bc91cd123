import { afterEach, describe, expect, it } from 'vitest';
import { WeComClient } from './client.js';
import { WeComTokenError } from './errors.js';
import { clientFor } from '../../test/support/client/client-for.js';
import { startFakeWeCom, type FakeWeCom } from '../../test/support/client/fake-wecom.js';
import { makeMembers } from '../../test/support/client/viewers.js';
import { MemoryTokenStore, tokenCacheKey } from './token-store.js';

let fake: FakeWeCom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('token cache', () => {
  it('shares one gettoken among concurrent callers', async () => {
    fake = await startFakeWeCom({ users: makeMembers(3) });
    const client = clientFor(fake);
    const pages = await Promise.all(Array.from({ length: 20 }, () => client.living.getWatchStat({ livingid: fake!.livingid })));
    expect(pages).toHaveLength(20);
    expect(fake.counts.gettoken).toBe(1);
  });

  it('shares the token between clients that share a store', async () => {
    fake = await startFakeWeCom({ users: makeMembers(3) });
    const tokenStore = new MemoryTokenStore();
    await Promise.all([clientFor(fake, { tokenStore }).getAccessToken(), clientFor(fake, { tokenStore }).getAccessToken()]);
    expect(fake.counts.gettoken).toBe(1);
  });

  it('keys the cache by a hash of the secret, never the secret', async () => {
    fake = await startFakeWeCom();
    const tokenStore = new MemoryTokenStore();
    await clientFor(fake, { tokenStore }).getAccessToken();
    const key = tokenCacheKey(fake.baseUrl, fake.corpid, fake.corpsecret);
    expect(key).not.toContain(fake.corpsecret);
    expect(key).toContain(fake.corpid);
    expect(await tokenStore.get(key)).toBeDefined();
  });

  it('refreshes early, before expires_in runs out', async () => {
    fake = await startFakeWeCom({ expiresIn: 7200 });
    let now = 1_000_000;
    const client = clientFor(fake, { now: () => now });
    await client.getAccessToken();
    now += (7200 - 301) * 1000;
    await client.getAccessToken();
    expect(fake.counts.gettoken).toBe(1);
    now += 2000; // now inside the last 5 minutes
    await client.getAccessToken();
    expect(fake.counts.gettoken).toBe(2);
  });

  it('invalidates the token and retries once on 42001', async () => {
    fake = await startFakeWeCom({ users: makeMembers(3) });
    const client = clientFor(fake);
    const before = await client.getAccessToken();
    fake.expireTokens();
    const page = await client.living.getWatchStat({ livingid: fake.livingid });
    expect(page.stat_info.users).toHaveLength(3);
    expect(fake.counts.gettoken).toBe(2);
    expect(await client.getAccessToken()).not.toBe(before);
  });

  it('throws WeComTokenError when the fresh token fails too (40014 twice)', async () => {
    fake = await startFakeWeCom({ users: makeMembers(3) });
    fake.failNext('get_watch_stat', { errcode: 40014 }, { errcode: 40014 }, { errcode: 40014 });
    const err = await clientFor(fake).living.getWatchStat({ livingid: fake.livingid }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComTokenError);
    expect((err as WeComTokenError).errcode).toBe(40014);
    expect(fake.counts.get_watch_stat).toBe(2);
    expect(fake.counts.gettoken).toBe(2);
  });

  it('does not retry a token error with a fixed accessToken', async () => {
    fake = await startFakeWeCom();
    const client = new WeComClient({ accessToken: 'not-a-real-token-123', baseUrl: fake.baseUrl });
    await expect(client.living.getWatchStat({ livingid: fake.livingid })).rejects.toBeInstanceOf(WeComTokenError);
    expect(fake.counts.get_watch_stat).toBe(1);
  });

  it('asks a tokenProvider again, naming the token that failed', async () => {
    fake = await startFakeWeCom({ users: makeMembers(1) });
    const issuer = clientFor(fake);
    const seen: (string | undefined)[] = [];
    const client = new WeComClient({
      baseUrl: fake.baseUrl,
      tokenProvider: async ({ invalidToken }) => {
        seen.push(invalidToken);
        return invalidToken ? issuer.getAccessToken() : 'stale-token-from-elsewhere';
      },
    });
    await client.living.getWatchStat({ livingid: fake.livingid });
    expect(seen).toEqual([undefined, 'stale-token-from-elsewhere']);
  });

  it('reports a wrong secret as WeComTokenError from gettoken', async () => {
    fake = await startFakeWeCom();
    const client = new WeComClient({ corpid: fake.corpid, corpsecret: 'wrong-secret-xyz', baseUrl: fake.baseUrl, tokenStore: new MemoryTokenStore() });
    const err = await client.getAccessToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComTokenError);
    expect((err as WeComTokenError).endpoint).toBe('/cgi-bin/gettoken');
    expect((err as Error).message).not.toContain('wrong-secret-xyz');
  });
});
