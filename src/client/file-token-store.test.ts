import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from './file-token-store.js';
import { clientFor } from '../../test/support/client/client-for.js';
import { startFakeWeCom, type FakeWeCom } from '../../test/support/client/fake-wecom.js';
import { tokenCacheKey } from './token-store.js';

const run = promisify(execFile);
const childScript = fileURLToPath(new URL('../../test/support/client/token-child.ts', import.meta.url));

let fake: FakeWeCom;
let dir: string;
beforeEach(async () => {
  fake = await startFakeWeCom();
  dir = await mkdtemp(join(tmpdir(), 'livestat-tokens-'));
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('FileTokenStore', () => {
  it('round-trips a token in a 0600 file that names neither secret nor corpid', async () => {
    const store = new FileTokenStore(join(dir, 'nested'));
    await store.set('k', { accessToken: 'tok', expiresAt: 5, refreshAt: 4 });
    expect(await store.get('k')).toEqual({ accessToken: 'tok', expiresAt: 5, refreshAt: 4 });
    expect((await stat(store.pathFor('k'))).mode & 0o777).toBe(0o600);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
    expect(await store.get('missing')).toBeUndefined();
  });

  it('lets two clients with separate store instances call gettoken once', async () => {
    const a = clientFor(fake, { tokenStore: new FileTokenStore(dir) });
    const b = clientFor(fake, { tokenStore: new FileTokenStore(dir) });
    const tokens = await Promise.all([a.getAccessToken(), b.getAccessToken(), a.getAccessToken(), b.getAccessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(fake.counts.gettoken).toBe(1);
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(files.join(' ')).not.toContain(fake.corpsecret);
  });

  it('lets two processes call gettoken once between them', async () => {
    const args = [childScript, fake.baseUrl, fake.corpid, fake.corpsecret, dir];
    const [one, two] = await Promise.all([
      run(process.execPath, ['--import', 'tsx', ...args]),
      run(process.execPath, ['--import', 'tsx', ...args]),
    ]);
    expect(one.stdout).toHaveLength(54);
    expect(one.stdout).toBe(two.stdout);
    expect(fake.counts.gettoken).toBe(1);
    const stored = await new FileTokenStore(dir).get(tokenCacheKey(fake.baseUrl, fake.corpid, fake.corpsecret));
    expect(stored?.accessToken).toBe(one.stdout);
  });

  it('refreshes once after a token is invalidated', async () => {
    const store = new FileTokenStore(dir);
    const client = clientFor(fake, { tokenStore: store });
    await client.getAccessToken();
    fake.expireTokens();
    await client.living.getWatchStat({ livingid: fake.livingid });
    expect(fake.counts.gettoken).toBe(2);
  });
});
