import type { App, Corp } from '../../domain/model.js';
import { TOKEN_COLUMNS } from '../sql/columns.js';
import { type AppRow, type CorpRow, type TokenRow, toApp, toCorp, toToken } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';
import type { FoundCaller, TokenRecord, TokenStore } from '../store.js';

export const GET_CORP = 'SELECT corpid, name, grandfathered_system_app FROM corps WHERE corpid = ?';
export const GET_APP = 'SELECT corpid, agentid, kind, living_api, trusted_ips FROM apps WHERE corpid = ? AND agentid = ?';
export const FIND_TOKEN = `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = ?`;
// The token and whom it names, side by side; app_corpid and corp_corpid are null when those are gone.
const FIND_CALLER = `SELECT t.hash, t.corpid, t.agentid, t.expires_at, t.nonce, a.corpid AS app_corpid, a.kind, a.living_api, a.trusted_ips,
    c.corpid AS corp_corpid, c.name, c.grandfathered_system_app
  FROM tokens t LEFT JOIN apps a ON a.corpid = t.corpid AND a.agentid = t.agentid LEFT JOIN corps c ON c.corpid = t.corpid WHERE t.hash = ?`;
type CallerRow = TokenRow & Omit<AppRow, 'corpid'> & Omit<CorpRow, 'corpid'> & { app_corpid: string | null; corp_corpid: string | null };
const UPSERT_CORP = `INSERT INTO corps AS c (corpid, name, grandfathered_system_app) VALUES (?, ?, ?)
  ON CONFLICT (corpid) DO UPDATE SET name = excluded.name, grandfathered_system_app = excluded.grandfathered_system_app
  WHERE c.name IS DISTINCT FROM excluded.name OR c.grandfathered_system_app IS DISTINCT FROM excluded.grandfathered_system_app`;
const UPSERT_APP = `INSERT INTO apps AS a (corpid, agentid, kind, living_api, trusted_ips) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (corpid, agentid) DO UPDATE SET kind = excluded.kind, living_api = excluded.living_api, trusted_ips = excluded.trusted_ips
  WHERE a.kind IS DISTINCT FROM excluded.kind OR a.living_api IS DISTINCT FROM excluded.living_api OR a.trusted_ips IS DISTINCT FROM excluded.trusted_ips`;
const SET_SECRET = 'UPDATE apps SET secret_hash = ? WHERE corpid = ? AND agentid = ? AND secret_hash IS DISTINCT FROM ?';
const APP_SECRETS = 'SELECT agentid, secret_hash FROM apps WHERE corpid = ? AND secret_hash IS NOT NULL ORDER BY agentid';
const CURRENT_TOKEN = `SELECT ${TOKEN_COLUMNS} FROM tokens
  WHERE corpid = ? AND agentid = ? AND nonce IS NOT NULL AND expires_at > ? ORDER BY expires_at DESC LIMIT 1`;
/** Forgets tokens that expired before a time (purgeTokens, and retention's prune). */
export const PURGE_TOKENS = 'DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at < ?';
const SAVE_TOKEN = `INSERT INTO tokens AS t (${TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (hash) DO UPDATE SET expires_at = excluded.expires_at WHERE t.expires_at IS DISTINCT FROM excluded.expires_at`;

/** Corps, apps and tokens, the same SQL on both backends (SQLite adds its read cache on top). */
export class SqlTokens implements TokenStore {
  constructor(protected readonly sql: Sql) {}

  async upsertCorp(corp: Corp): Promise<boolean> {
    return (await this.sql.run(UPSERT_CORP, [corp.corpid, corp.name, corp.grandfatheredSystemApp ? 1 : 0])) > 0;
  }

  async getCorp(corpid: string): Promise<Corp | undefined> {
    const row = await this.sql.get<CorpRow>(GET_CORP, [corpid]);
    return row && toCorp(row);
  }

  async upsertApp(app: App, secretHash?: string | null): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      let changes = await tx.run(UPSERT_APP, [app.corpid, app.agentid, app.kind, app.livingApi ? 1 : 0, JSON.stringify(app.trustedIps)]);
      if (secretHash !== undefined) changes += await tx.run(SET_SECRET, [secretHash, app.corpid, app.agentid, secretHash]);
      return changes > 0;
    });
  }

  async getApp(corpid: string, agentid: number): Promise<App | undefined> {
    const row = await this.sql.get<AppRow>(GET_APP, [corpid, agentid]);
    return row && toApp(row);
  }

  async listAppSecrets(corpid: string): Promise<{ agentid: number; secretHash: string }[]> {
    const rows = await this.sql.all<{ agentid: number; secret_hash: string }>(APP_SECRETS, [corpid]);
    return rows.map((r) => ({ agentid: r.agentid, secretHash: r.secret_hash }));
  }

  async findToken(hash: Buffer): Promise<TokenRecord | undefined> {
    const row = await this.sql.get<TokenRow>(FIND_TOKEN, [hash]);
    return row && toToken(row);
  }

  async findCaller(hash: Buffer): Promise<FoundCaller | undefined> {
    const r = await this.sql.get<CallerRow>(FIND_CALLER, [hash]);
    if (!r) return undefined;
    return {
      token: toToken(r),
      app: r.app_corpid === null ? undefined : toApp({ ...r, corpid: r.app_corpid }),
      corp: r.corp_corpid === null ? undefined : toCorp({ ...r, corpid: r.corp_corpid }),
    };
  }

  async currentToken(corpid: string, agentid: number, nowMs: number): Promise<TokenRecord | undefined> {
    const row = await this.sql.get<TokenRow>(CURRENT_TOKEN, [corpid, agentid, nowMs]);
    return row && toToken(row);
  }

  async saveToken(t: TokenRecord): Promise<boolean> {
    return (await this.sql.run(SAVE_TOKEN, [t.hash, t.corpid, t.agentid, t.expiresAt ?? null, t.nonce ?? null])) > 0;
  }

  async revokeTokens(corpid: string, agentid: number): Promise<void> {
    await this.sql.run('DELETE FROM tokens WHERE corpid = ? AND agentid = ?', [corpid, agentid]);
  }

  async purgeTokens(beforeMs: number): Promise<number> {
    return this.sql.run(PURGE_TOKENS, [beforeMs]);
  }
}
