import { randomBytes } from 'node:crypto';
import type { Sql } from '../sql/sql.js';
import type { DashboardStore, LivingStore, RateLimitStore, Store, SuiteStore, TokenStore, ViewerStore } from '../store.js';

/** The role objects a SQL store is made of. */
export interface StoreRoles {
  tokens: TokenStore;
  livings: LivingStore;
  viewers: ViewerStore;
  limits: RateLimitStore;
  dashboard: DashboardStore;
  suites: SuiteStore;
}

// Every method of every role, checked both ways by the compiler: a method added to a role
// interface must be listed here, so no store can forget to expose it.
const ROLE_METHODS: { [R in keyof StoreRoles]: Record<keyof StoreRoles[R], true> } = {
  tokens: { upsertCorp: true, getCorp: true, upsertApp: true, getApp: true, listAppSecrets: true, findToken: true, currentToken: true, saveToken: true, revokeTokens: true, purgeTokens: true },
  livings: { upsertLiving: true, getLiving: true, createLiving: true, getLivingRecord: true, updateLiving: true, setLivingState: true, listAnchorLivings: true, livingCounts: true },
  viewers: { setDeclaredViewers: true, setSyntheticViewers: true, pageViewers: true, countViewers: true, pageWire: true, saveIngestKey: true, findIngestKey: true, ingestEvents: true },
  limits: { bumpCounters: true, blockedUntil: true, block: true },
  dashboard: { listCorps: true, listLivings: true, audienceCounts: true, watchTimeCounts: true, inviterLeaderboard: true, openViewers: true, pageAudience: true },
  suites: { upsertSuite: true, getSuite: true, setSuiteAuthorizations: true, listSuiteAuthorizations: true, findSuiteToken: true, currentSuiteToken: true, saveSuiteToken: true },
};

// The methods are bound onto the instance in the constructor (see bindRoles).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface SqlStore extends TokenStore, LivingStore, ViewerStore, RateLimitStore, DashboardStore, SuiteStore {}

/**
 * A Store made of role objects: each role's methods are bound onto the store once, so the
 * store is one object for callers while each role lives in its own file, and no backend
 * repeats a list of forwarding methods.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class SqlStore implements Store {
  private secret: Buffer | undefined;

  protected constructor(
    protected readonly sql: Sql,
    roles: StoreRoles,
  ) {
    for (const role of Object.keys(ROLE_METHODS) as Array<keyof StoreRoles>) {
      const target = roles[role] as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const method of Object.keys(ROLE_METHODS[role])) {
        const fn = target[method];
        if (typeof fn !== 'function') throw new Error(`store role ${role} lacks ${method}`);
        (this as unknown as Record<string, unknown>)[method] = fn.bind(target);
      }
    }
  }

  abstract close(): Promise<void>;

  async serverSecret(): Promise<Buffer> {
    if (!this.secret) {
      // Whoever inserts first wins; every process reads back the same key.
      await this.sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', ['cursor_secret', randomBytes(32)]);
      this.secret = (await this.sql.get<{ value: Buffer }>('SELECT value FROM meta WHERE key = ?', ['cursor_secret']))!.value;
    }
    return this.secret;
  }
}
