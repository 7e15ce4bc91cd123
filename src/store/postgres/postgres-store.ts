import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { ViewerKey } from '../../domain/cursor.js';
import type { App, Corp, Living, ViewerStat } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { assertMigrated } from '../migration-outcome.js';
import { type AppRow, type CorpRow, type LivingRow, type TokenRow, toApp, toCorp, toLiving, toToken, toViewer } from '../sql-rows.js';
import type { IngestOutcome, Store, SyntheticSpec, TokenRecord, ViewerFold, WireRow } from '../store.js';
import type { AudienceCounts, AudienceQuery, InviterStanding, WatchTimeCount } from '../audience-queries.js';
import { PostgresAudience } from './postgres-audience.js';
import { PostgresLivings } from './postgres-livings.js';
import type { AnchorListKey, LivingChanges, LivingCounts, LivingRecord } from '../../domain/living-record.js';
import { toLivingRecord } from '../sql-living-rows.js';
import type { Suite, SuiteAuthorization, SuiteTokenRecord } from '../../domain/suite.js';
import { ingestPostgres } from './postgres-ingest.js';
import { migratePostgres } from './postgres-migrations.js';
import { inTransaction, openPool, type PostgresPoolOptions } from './postgres-pool.js';
import { PostgresRateLimits } from './postgres-rate-limits.js';
import { LIVING_COLUMNS } from './postgres-sql.js';
import { pageRows, pageWireRows, setDeclared, setSynthetic } from './postgres-viewers.js';

const TOKEN_COLUMNS = 'hash, corpid, agentid, expires_at, nonce';

/**
 * Everything in PostgreSQL, so that any number of `livestat serve` processes can share one
 * database and any of them can serve any request: tokens, cursors (the server secret),
 * idempotency ids, open sessions and rate-limit counters included. Replies are sent after
 * COMMIT.
 *
 * @example
 * const store = await PostgresStore.open('postgres://livestat:secret@db:5432/livestat');
 * // throws DatabaseUrlError (bad URL), DatabaseConnectError (unreachable), MigrationError
 */
export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly limits: PostgresRateLimits;
  private readonly audience: PostgresAudience;
  private readonly livings: PostgresLivings;
  /** livingid → pk of lives already checked to be the corp's (a live never changes corp). */
  private readonly livingPks = new Map<string, { corpid: string; pk: number }>();
  private secret: Buffer | undefined;

  private constructor(private readonly pool: pg.Pool) {
    this.limits = new PostgresRateLimits(pool);
    this.audience = new PostgresAudience(pool);
    this.livings = new PostgresLivings(pool);
  }

  /** Connects, applies pending migrations (under an advisory lock) and returns the store. */
  static async open(url: string, options: PostgresPoolOptions = {}): Promise<PostgresStore> {
    const pool = await openPool(url, options);
    try {
      assertMigrated(await migratePostgres(pool));
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PostgresStore(pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** This process's connections (for /metrics): open, idle, and queries waiting for one. */
  poolUse(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async serverSecret(): Promise<Buffer> {
    if (!this.secret) {
      // Whoever inserts first wins; everyone reads back the same key.
      await this.pool.query("INSERT INTO meta (key, value) VALUES ('cursor_secret', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(32)]);
      const res = await this.pool.query<{ value: Buffer }>("SELECT value FROM meta WHERE key = 'cursor_secret'");
      this.secret = res.rows[0]!.value;
    }
    return this.secret;
  }

  async upsertCorp(corp: Corp): Promise<boolean> {
    const res = await this.pool.query(
      `INSERT INTO corps AS c (corpid, name, grandfathered_system_app) VALUES ($1, $2, $3)
       ON CONFLICT (corpid) DO UPDATE SET name = excluded.name, grandfathered_system_app = excluded.grandfathered_system_app
       WHERE c.name IS DISTINCT FROM excluded.name OR c.grandfathered_system_app IS DISTINCT FROM excluded.grandfathered_system_app`,
      [corp.corpid, corp.name, corp.grandfatheredSystemApp ? 1 : 0],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async getCorp(corpid: string): Promise<Corp | undefined> {
    const res = await this.pool.query<CorpRow>({ name: 'livestat_get_corp', text: 'SELECT corpid, name, grandfathered_system_app FROM corps WHERE corpid = $1', values: [corpid] });
    return res.rows[0] && toCorp(res.rows[0]);
  }

  async upsertApp(app: App, secretHash?: string | null): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const res = await client.query(
        `INSERT INTO apps AS a (corpid, agentid, kind, living_api, trusted_ips) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (corpid, agentid) DO UPDATE SET kind = excluded.kind, living_api = excluded.living_api, trusted_ips = excluded.trusted_ips
         WHERE a.kind IS DISTINCT FROM excluded.kind OR a.living_api IS DISTINCT FROM excluded.living_api OR a.trusted_ips IS DISTINCT FROM excluded.trusted_ips`,
        [app.corpid, app.agentid, app.kind, app.livingApi ? 1 : 0, JSON.stringify(app.trustedIps)],
      );
      let changes = res.rowCount ?? 0;
      if (secretHash !== undefined) {
        const set = await client.query('UPDATE apps SET secret_hash = $1 WHERE corpid = $2 AND agentid = $3 AND secret_hash IS DISTINCT FROM $1', [
          secretHash,
          app.corpid,
          app.agentid,
        ]);
        changes += set.rowCount ?? 0;
      }
      return changes > 0;
    });
  }

  async getApp(corpid: string, agentid: number): Promise<App | undefined> {
    const res = await this.pool.query<AppRow>({
      name: 'livestat_get_app',
      text: 'SELECT corpid, agentid, kind, living_api, trusted_ips FROM apps WHERE corpid = $1 AND agentid = $2',
      values: [corpid, agentid],
    });
    return res.rows[0] && toApp(res.rows[0]);
  }

  async listAppSecrets(corpid: string): Promise<Array<{ agentid: number; secretHash: string }>> {
    const res = await this.pool.query<{ agentid: number; secret_hash: string }>(
      'SELECT agentid, secret_hash FROM apps WHERE corpid = $1 AND secret_hash IS NOT NULL ORDER BY agentid',
      [corpid],
    );
    return res.rows.map((r) => ({ agentid: r.agentid, secretHash: r.secret_hash }));
  }

  async findToken(hash: Buffer): Promise<TokenRecord | undefined> {
    const res = await this.pool.query<TokenRow>({ name: 'livestat_find_token', text: `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = $1`, values: [hash] });
    return res.rows[0] && toToken(res.rows[0]);
  }

  async currentToken(corpid: string, agentid: number, nowMs: number): Promise<TokenRecord | undefined> {
    const res = await this.pool.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE corpid = $1 AND agentid = $2 AND nonce IS NOT NULL AND expires_at > $3 ORDER BY expires_at DESC LIMIT 1`,
      [corpid, agentid, nowMs],
    );
    return res.rows[0] && toToken(res.rows[0]);
  }

  async saveToken(t: TokenRecord): Promise<boolean> {
    const res = await this.pool.query(
      `INSERT INTO tokens AS t (${TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (hash) DO UPDATE SET expires_at = excluded.expires_at WHERE t.expires_at IS DISTINCT FROM excluded.expires_at`,
      [t.hash, t.corpid, t.agentid, t.expiresAt ?? null, t.nonce ?? null],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async revokeTokens(corpid: string, agentid: number): Promise<void> {
    await this.pool.query('DELETE FROM tokens WHERE corpid = $1 AND agentid = $2', [corpid, agentid]);
  }

  async purgeTokens(beforeMs: number): Promise<number> {
    const res = await this.pool.query('DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at < $1', [beforeMs]);
    return res.rowCount ?? 0;
  }

  async upsertLiving(l: Living): Promise<boolean> {
    const existing = await this.livingRow(l.livingid);
    if (existing && existing.corpid !== l.corpid) throw new Error(`livingid ${l.livingid} already belongs to another corp`);
    const res = await this.pool.query(
      `INSERT INTO livings AS l (livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (livingid) DO UPDATE SET creator_agentid = excluded.creator_agentid, anchor_userid = excluded.anchor_userid,
         theme = excluded.theme, type = excluded.type, living_start = excluded.living_start,
         living_duration = excluded.living_duration, description = excluded.description
       WHERE l.corpid = excluded.corpid AND (l.creator_agentid IS DISTINCT FROM excluded.creator_agentid OR l.anchor_userid IS DISTINCT FROM excluded.anchor_userid
         OR l.theme IS DISTINCT FROM excluded.theme OR l.type IS DISTINCT FROM excluded.type OR l.living_start IS DISTINCT FROM excluded.living_start
         OR l.living_duration IS DISTINCT FROM excluded.living_duration OR l.description IS DISTINCT FROM excluded.description)`,
      [l.livingid, l.corpid, l.creatorAgentid ?? null, l.anchorUserid, l.theme, l.type, l.livingStart, l.livingDuration, l.description],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async getLiving(corpid: string, livingid: string): Promise<Living | undefined> {
    const row = await this.livingRow(livingid);
    if (!row || row.corpid !== corpid) return undefined;
    this.livingPks.set(livingid, { corpid, pk: row.pk });
    return toLiving(row);
  }

  private async livingRow(livingid: string): Promise<LivingRow | undefined> {
    const res = await this.pool.query<LivingRow>({ name: 'livestat_living_row', text: `SELECT ${LIVING_COLUMNS} FROM livings WHERE livingid = $1`, values: [livingid] });
    return res.rows[0];
  }

  /** The live's internal key, or undefined when it is not this corp's. */
  private async livingPk(corpid: string, livingid: string): Promise<number | undefined> {
    const cached = this.livingPks.get(livingid);
    if (cached) return cached.corpid === corpid ? cached.pk : undefined;
    const row = await this.livingRow(livingid);
    if (!row) return undefined;
    this.livingPks.set(livingid, { corpid: row.corpid, pk: row.pk });
    return row.corpid === corpid ? row.pk : undefined;
  }

  private async requireLivingPk(corpid: string, livingid: string): Promise<number> {
    const pk = await this.livingPk(corpid, livingid);
    if (pk === undefined) throw new Error(`unknown living ${livingid}`);
    return pk;
  }

  async setDeclaredViewers(corpid: string, livingid: string, viewers: readonly ViewerStat[]): Promise<boolean> {
    return setDeclared(this.pool, await this.requireLivingPk(corpid, livingid), viewers);
  }

  async setSyntheticViewers(corpid: string, livingid: string, spec: SyntheticSpec, rows: () => Iterable<ViewerStat>): Promise<boolean> {
    return setSynthetic(this.pool, await this.requireLivingPk(corpid, livingid), spec, rows);
  }

  async pageViewers(corpid: string, livingid: string, after: ViewerKey | undefined, limit: number): Promise<ViewerStat[]> {
    const pk = await this.livingPk(corpid, livingid);
    return pk === undefined ? [] : pageRows(this.pool, pk, after, limit);
  }

  async pageWire(corpid: string, livingid: string, after: ViewerKey | undefined, limit: number): Promise<WireRow[]> {
    const pk = await this.livingPk(corpid, livingid);
    return pk === undefined ? [] : pageWireRows(this.pool, pk, after, limit);
  }

  async countViewers(corpid: string, livingid: string): Promise<number> {
    const pk = await this.livingPk(corpid, livingid);
    if (pk === undefined) return 0;
    const res = await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM viewer_stats WHERE living_pk = $1', [pk]);
    return res.rows[0]!.n;
  }

  async saveIngestKey(hash: Buffer, corpid: string): Promise<boolean> {
    const res = await this.pool.query('INSERT INTO ingest_keys (hash, corpid) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING', [hash, corpid]);
    return (res.rowCount ?? 0) > 0;
  }

  async findIngestKey(hash: Buffer): Promise<string | undefined> {
    const res = await this.pool.query<{ corpid: string }>('SELECT corpid FROM ingest_keys WHERE hash = $1', [hash]);
    return res.rows[0]?.corpid;
  }

  async ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
    return ingestPostgres(this.pool, corpid, events, fold);
  }

  async bumpCounters(counters: ReadonlyArray<{ key: string; expiresAt: number }>, nowMs: number): Promise<number[]> {
    return this.limits.bump(counters, nowMs);
  }

  async blockedUntil(keys: readonly string[], nowMs: number): Promise<number | undefined> {
    return this.limits.blockedUntil(keys, nowMs);
  }

  async block(key: string, untilMs: number): Promise<void> {
    return this.limits.block(key, untilMs);
  }

  async listCorps(): Promise<Corp[]> {
    return (await this.audience.corps()).map(toCorp);
  }

  async listLivings(corpid: string): Promise<LivingRecord[]> {
    return (await this.audience.livings(corpid)).map(toLivingRecord);
  }

  async audienceCounts(corpid: string, livingid: string): Promise<AudienceCounts> {
    const pk = await this.livingPk(corpid, livingid);
    return pk === undefined ? { viewers: 0, members: 0, external: 0, wechat: 0, wecom: 0, commenters: 0, micTakers: 0 } : this.audience.counts(pk);
  }

  async watchTimeCounts(corpid: string, livingid: string): Promise<WatchTimeCount[]> {
    const pk = await this.livingPk(corpid, livingid);
    return pk === undefined ? [] : this.audience.watchTimes(pk);
  }

  async inviterLeaderboard(corpid: string, livingid: string, limit: number): Promise<InviterStanding[]> {
    const pk = await this.livingPk(corpid, livingid);
    return pk === undefined ? [] : this.audience.inviters(pk, limit);
  }

  async openViewers(corpid: string, livingid: string): Promise<ViewerStat[]> {
    const pk = await this.livingPk(corpid, livingid);
    return pk === undefined ? [] : (await this.audience.open(pk)).map(toViewer);
  }

  async pageAudience(corpid: string, livingid: string, query: AudienceQuery): Promise<ViewerStat[]> {
    const pk = await this.livingPk(corpid, livingid);
    return pk === undefined ? [] : (await this.audience.page(pk, query)).map(toViewer);
  }

  // The rest of the live-stream family and suites: see postgres-livings.ts.
  async createLiving(living: Living, remindTime: number | undefined): Promise<void> {
    await this.livings.create(living, remindTime);
  }

  async getLivingRecord(corpid: string, livingid: string): Promise<LivingRecord | undefined> {
    return this.livings.record(corpid, livingid);
  }

  async updateLiving(corpid: string, livingid: string, changes: LivingChanges): Promise<boolean> {
    return this.livings.update(corpid, livingid, changes);
  }

  async setLivingState(corpid: string, livingid: string, state: 'cancelled' | 'replay_deleted', nowMs: number): Promise<boolean> {
    return this.livings.setState(corpid, livingid, state, nowMs);
  }

  async listAnchorLivings(corpid: string, anchorUserid: string, creatorAgentid: number | undefined, after: AnchorListKey | undefined, limit: number): Promise<AnchorListKey[]> {
    return this.livings.anchorLivings(corpid, anchorUserid, creatorAgentid, after, limit);
  }

  async livingCounts(corpid: string, livingid: string): Promise<LivingCounts> {
    const pk = await this.livingPk(corpid, livingid);
    return pk === undefined ? { viewers: 0, commenters: 0, micTakers: 0, open: [] } : this.livings.counts(pk);
  }

  async upsertSuite(suite: Suite): Promise<boolean> {
    return this.livings.upsertSuite(suite);
  }

  async getSuite(suiteId: string): Promise<Suite | undefined> {
    return this.livings.suite(suiteId);
  }

  async setSuiteAuthorizations(suiteId: string, auths: readonly SuiteAuthorization[]): Promise<boolean> {
    return this.livings.setAuthorizations(suiteId, auths);
  }

  async listSuiteAuthorizations(suiteId: string, corpid?: string): Promise<SuiteAuthorization[]> {
    return this.livings.authorizations(suiteId, corpid);
  }

  async findSuiteToken(hash: Buffer): Promise<SuiteTokenRecord | undefined> {
    return this.livings.findSuiteToken(hash);
  }

  async currentSuiteToken(suiteId: string, nowMs: number): Promise<SuiteTokenRecord | undefined> {
    return this.livings.currentSuiteToken(suiteId, nowMs);
  }

  async saveSuiteToken(token: SuiteTokenRecord): Promise<boolean> {
    return this.livings.saveSuiteToken(token);
  }
}
