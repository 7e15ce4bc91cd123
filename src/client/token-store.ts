import { createHash } from 'node:crypto';

/** A cached access token. Times are ms since the epoch. */
export interface StoredToken {
  accessToken: string;
  /** When WeCom stops accepting the token. */
  expiresAt: number;
  /** When to fetch a new one, a little before `expiresAt`; `expiresAt - 5 min` when absent. */
  refreshAt?: number;
}

/**
 * Where tokens are cached between calls, keyed by {@link tokenCacheKey}. Implement it to
 * share tokens through Redis, a database, etc.
 *
 * @example
 * const store: TokenStore = new MemoryTokenStore();
 * const client = new WeComClient({ corpid, corpsecret, tokenStore: store });
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, token: StoredToken): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Runs `fn` while holding a lock on `key`, so that only one holder refreshes the token.
   * Optional: without it, one process still refreshes once, but processes do not coordinate.
   */
  withLock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * An in-process token store (the default; one shared by all clients in the process).
 *
 * @example
 * const client = new WeComClient({ corpid, corpsecret, tokenStore: new MemoryTokenStore() });
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredToken>();

  async get(key: string): Promise<StoredToken | undefined> {
    return this.#tokens.get(key);
  }

  async set(key: string, token: StoredToken): Promise<void> {
    this.#tokens.set(key, { ...token });
  }

  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }
}

/** The store clients use when none is given, so clients of one app in one process share a token. */
export const defaultTokenStore: TokenStore = new MemoryTokenStore();

/**
 * The cache key of an app's token: base URL, corpid and a SHA-256 of the secret — never the
 * secret itself. The base URL is part of it because a livestat token is useless at WeCom.
 *
 * @example
 * tokenCacheKey('https://qyapi.weixin.qq.com', 'ww123', 's3cret') // 'https://qyapi.weixin.qq.com ww123 9f…'
 */
export function tokenCacheKey(baseUrl: string, corpid: string, corpsecret: string): string {
  const secretHash = createHash('sha256').update(corpsecret, 'utf8').digest('hex');
  return `${baseUrl.replace(/\/+$/, '')} ${corpid} ${secretHash}`;
}
