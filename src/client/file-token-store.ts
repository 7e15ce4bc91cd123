import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import type { StoredToken, TokenStore } from './token-store.js';

// Waits up to about a minute for another process's refresh (a gettoken call with retries).
const LOCK_RETRIES = { retries: 600, factor: 1, minTimeout: 25, maxTimeout: 100 };

/**
 * Keeps tokens in files (mode 0600) under `dir` and locks around refresh with
 * proper-lockfile, so several processes on one machine share one token and call gettoken
 * once between them.
 *
 * @example
 * const store = new FileTokenStore(join(homedir(), '.cache/livestat/tokens'));
 * const client = new WeComClient({ corpid, corpsecret, tokenStore: store });
 */
export class FileTokenStore implements TokenStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The file holding the token of `key`; named by a hash so no corpid or URL shows in it. */
  pathFor(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  async get(key: string): Promise<StoredToken | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathFor(key), 'utf8');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    return parseStoredToken(text);
  }

  async set(key: string, token: StoredToken): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.pathFor(key);
    // Write then rename: a reader in another process never sees half a file.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(token), { mode: 0o600 });
    await rename(tmp, file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // realpath: false lets us lock a token file that does not exist yet.
    const release = await lock(this.pathFor(key), {
      realpath: false,
      retries: LOCK_RETRIES,
      stale: 30_000,
      // A compromised lock only risks one extra gettoken call; not worth crashing for.
      onCompromised: () => undefined,
    });
    try {
      return await fn();
    } finally {
      await release().catch(() => undefined);
    }
  }
}

function parseStoredToken(text: string): StoredToken | undefined {
  try {
    const v = JSON.parse(text) as Partial<StoredToken>;
    if (typeof v.accessToken !== 'string' || typeof v.expiresAt !== 'number') return undefined;
    const token: StoredToken = { accessToken: v.accessToken, expiresAt: v.expiresAt };
    if (typeof v.refreshAt === 'number') token.refreshAt = v.refreshAt;
    return token;
  } catch {
    // A corrupt file is just a cache miss.
    return undefined;
  }
}

function isNotFound(err: unknown): boolean {
  return (err as { code?: unknown }).code === 'ENOENT';
}
