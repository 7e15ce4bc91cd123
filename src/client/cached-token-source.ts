import type { AccessTokenSource } from './token-source.js';
import type { StoredToken, TokenStore } from './token-store.js';

const EARLY_REFRESH_MAX_MS = 5 * 60_000;

// In-flight refreshes per store and key, so clients sharing a store (as all do by default)
// share one refresh, not only calls of one client.
const inFlightByStore = new WeakMap<TokenStore, Map<string, Promise<string>>>();

function inFlightOf(store: TokenStore): Map<string, Promise<string>> {
  let map = inFlightByStore.get(store);
  if (!map) inFlightByStore.set(store, (map = new Map<string, Promise<string>>()));
  return map;
}

/** A freshly issued token, as gettoken announces it. */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/**
 * Caches gettoken's answer in a {@link TokenStore}, refreshes it early (5 minutes, or 10%
 * of its lifetime when that is shorter), and shares one in-flight refresh among
 * concurrent callers. With a store that locks, processes share one refresh too.
 */
export class CachedTokenSource implements AccessTokenSource {
  readonly #store: TokenStore;
  readonly #key: string;
  readonly #issue: () => Promise<IssuedToken>;
  readonly #now: () => number;
  /** The last token this source got: re-reading the store (a file, maybe) on every call is needless while it is fresh. */
  #memo: StoredToken | undefined;

  constructor(init: { store: TokenStore; key: string; issue: () => Promise<IssuedToken>; now: () => number }) {
    this.#store = init.store;
    this.#key = init.key;
    this.#issue = init.issue;
    this.#now = init.now;
  }

  async getToken(): Promise<string> {
    if (this.#memo && this.#isFresh(this.#memo)) return this.#memo.accessToken;
    const cached = await this.#store.get(this.#key);
    if (cached && this.#isFresh(cached)) {
      this.#memo = cached;
      return cached.accessToken;
    }
    // No await between this check and the set, so concurrent callers share one promise.
    const inFlight = inFlightOf(this.#store);
    let refresh = inFlight.get(this.#key);
    if (!refresh) {
      refresh = this.#refresh().finally(() => inFlight.delete(this.#key));
      inFlight.set(this.#key, refresh);
    }
    return refresh;
  }

  async invalidate(token: string): Promise<boolean> {
    if (this.#memo?.accessToken === token) this.#memo = undefined;
    const cached = await this.#store.get(this.#key);
    // Only drop the token that failed: another caller may already have stored a new one.
    if (cached?.accessToken === token) await this.#store.delete(this.#key);
    return true;
  }

  #isFresh(token: StoredToken): boolean {
    return this.#now() < (token.refreshAt ?? token.expiresAt - EARLY_REFRESH_MAX_MS);
  }

  async #refresh(): Promise<string> {
    const refresh = async (): Promise<string> => {
      // Re-read under the lock: another process (or an earlier refresh) may have just stored one.
      const again = await this.#store.get(this.#key);
      if (again && this.#isFresh(again)) {
        this.#memo = again;
        return again.accessToken;
      }
      const issued = await this.#issue();
      const now = this.#now();
      const ttlMs = issued.expiresInSeconds * 1000;
      const token = { accessToken: issued.accessToken, expiresAt: now + ttlMs, refreshAt: now + ttlMs - Math.min(EARLY_REFRESH_MAX_MS, ttlMs * 0.1) };
      await this.#store.set(this.#key, token);
      this.#memo = token;
      return issued.accessToken;
    };
    return this.#store.withLock ? this.#store.withLock(this.#key, refresh) : refresh();
  }
}
