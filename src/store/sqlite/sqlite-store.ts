import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { ViewerKey } from '../../domain/cursor.js';
import type { App, Corp, Living, OpenWatch, ViewerStat } from '../../domain/model.js';
import type { ViewerFoldInput } from '../../domain/activity/fold-viewer.js';
import type { IngestEvent } from '../../protocol/events.js';
import type { AudienceCounts, AudienceQuery, InviterStanding, WatchTimeCount } from '../audience-queries.js';
import type { IngestOutcome, Store, SyntheticSpec, TokenRecord, ViewerFold, WireRow } from '../store.js';
import { SqliteReadCache } from './sqlite-read-cache.js';
import { type EventRow, eventParams, toViewerEvent } from '../sql-events.js';
import { assertMigrated } from '../migration-outcome.js';
import { SqliteAudience } from './sqlite-audience.js';
import { SqliteLivings } from './sqlite-livings.js';
import type { AnchorListKey, LivingChanges, LivingCounts, LivingRecord } from '../../domain/living-record.js';
import { toLivingRecord } from '../sql-living-rows.js';
import type { Suite, SuiteAuthorization, SuiteTokenRecord } from '../../domain/suite.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { limitJournal } from './sqlite-maintenance.js';
import { type AppRow, type CorpRow, type LivingRow, type TokenRow, type ViewerRow, compareViewers, livingParams, normalizeViewer, toApp, toCorp, toLiving, toToken, toViewer, viewerParams } from '../sql-rows.js';

const SOURCE_DECLARED = 0;
const SOURCE_SYNTHETIC = 1;
const SOURCE_EVENTS = 2;
const VIEWER_COLUMNS = 'kind, viewer_id, ext_type, name, watch_time, is_comment, is_mic, invitor_userid, invitor_external_userid, open_watch, wire_json';
const VIEWER_UPDATE = `ext_type = excluded.ext_type, name = excluded.name, watch_time = excluded.watch_time, is_comment = excluded.is_comment,
  is_mic = excluded.is_mic, invitor_userid = excluded.invitor_userid, invitor_external_userid = excluded.invitor_external_userid,
  open_watch = excluded.open_watch, wire_json = excluded.wire_json, source = excluded.source`;

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** get_watch_stat pages kept in memory (0 disables the cache); default 2048. */
  pageCacheSize?: number;
}

/**
 * The embedded default: one SQLite file in WAL mode with synchronous=FULL, so a reply
 * is sent only after what it acknowledges is on disk. A file is served by one process,
 * which is why rate-limit counters live in this object's memory rather than in a table.
 */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly audience: SqliteAudience;
  private readonly livings: SqliteLivings;
  /** livingid → its corp and pk: the corp is checked on every hit, so a foreign livingid stays invisible. */
  private readonly reads: SqliteReadCache;
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();
  private readonly blocks = new Map<string, number>();
  private secret: Buffer | undefined;
  private sweepAt = 0;

  constructor(options: SqliteStoreOptions) {
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (the default is 2 MiB): loading a million generated viewers and
    // paging a big live both touch far more than 2 MiB of B-tree.
    this.db.pragma('cache_size = -65536');
    limitJournal(this.db);
    try {
      assertMigrated(migrateSqlite(this.db));
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.reads = new SqliteReadCache(this.db, options.pageCacheSize ?? 2048);
    const db = this.db;
    this.audience = new SqliteAudience(db);
    this.livings = new SqliteLivings(db);
    this.stmt = {
      getCorp: db.prepare<[string], CorpRow>('SELECT corpid, name, grandfathered_system_app FROM corps WHERE corpid = ?'),
      upsertCorp: db.prepare(
        `INSERT INTO corps (corpid, name, grandfathered_system_app) VALUES (?, ?, ?)
         ON CONFLICT (corpid) DO UPDATE SET name = excluded.name, grandfathered_system_app = excluded.grandfathered_system_app
         WHERE name IS NOT excluded.name OR grandfathered_system_app IS NOT excluded.grandfathered_system_app`,
      ),
      getApp: db.prepare<[string, number], AppRow>('SELECT corpid, agentid, kind, living_api, trusted_ips FROM apps WHERE corpid = ? AND agentid = ?'),
      upsertApp: db.prepare(
        `INSERT INTO apps (corpid, agentid, kind, living_api, trusted_ips) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (corpid, agentid) DO UPDATE SET kind = excluded.kind, living_api = excluded.living_api, trusted_ips = excluded.trusted_ips
         WHERE kind IS NOT excluded.kind OR living_api IS NOT excluded.living_api OR trusted_ips IS NOT excluded.trusted_ips`,
      ),
      setSecret: db.prepare('UPDATE apps SET secret_hash = ? WHERE corpid = ? AND agentid = ? AND secret_hash IS NOT ?'),
      appSecrets: db.prepare<[string], { agentid: number; secret_hash: string }>(
        'SELECT agentid, secret_hash FROM apps WHERE corpid = ? AND secret_hash IS NOT NULL ORDER BY agentid',
      ),
      findToken: db.prepare<[Buffer], TokenRow>('SELECT hash, corpid, agentid, expires_at, nonce FROM tokens WHERE hash = ?'),
      currentToken: db.prepare<[string, number, number], TokenRow>(
        `SELECT hash, corpid, agentid, expires_at, nonce FROM tokens
         WHERE corpid = ? AND agentid = ? AND nonce IS NOT NULL AND expires_at > ? ORDER BY expires_at DESC LIMIT 1`,
      ),
      saveToken: db.prepare(
        `INSERT INTO tokens (hash, corpid, agentid, expires_at, nonce) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (hash) DO UPDATE SET expires_at = excluded.expires_at WHERE expires_at IS NOT excluded.expires_at`,
      ),
      revokeTokens: db.prepare('DELETE FROM tokens WHERE corpid = ? AND agentid = ?'),
      purgeTokens: db.prepare('DELETE FROM tokens WHERE expires_at IS NOT NULL AND expires_at < ?'),
      getLiving: db.prepare<[string], LivingRow>(
        `SELECT pk, livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description
         FROM livings WHERE livingid = ?`,
      ),
      upsertLiving: db.prepare(
        `INSERT INTO livings (livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description)
         VALUES (@livingid, @corpid, @creator_agentid, @anchor_userid, @theme, @type, @living_start, @living_duration, @description)
         ON CONFLICT (livingid) DO UPDATE SET creator_agentid = excluded.creator_agentid, anchor_userid = excluded.anchor_userid,
           theme = excluded.theme, type = excluded.type, living_start = excluded.living_start,
           living_duration = excluded.living_duration, description = excluded.description
         WHERE corpid = excluded.corpid AND (creator_agentid IS NOT excluded.creator_agentid OR anchor_userid IS NOT excluded.anchor_userid
           OR theme IS NOT excluded.theme OR type IS NOT excluded.type OR living_start IS NOT excluded.living_start
           OR living_duration IS NOT excluded.living_duration OR description IS NOT excluded.description)`,
      ),
      syntheticSpec: db.prepare<[number], { synthetic_spec: string | null }>('SELECT synthetic_spec FROM livings WHERE pk = ?'),
      setSyntheticSpec: db.prepare('UPDATE livings SET synthetic_spec = ? WHERE pk = ?'),
      deleteBySource: db.prepare('DELETE FROM viewer_stats WHERE living_pk = ? AND source = ?'),
      declaredViewers: db.prepare<[number], ViewerRow>(
        `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = ? AND source = ${SOURCE_DECLARED} ORDER BY kind, viewer_id`,
      ),
      // Declared and generated rows never replace a row of another source (events win).
      insertViewer: db.prepare(
        `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE} WHERE viewer_stats.source = excluded.source`,
      ),
      upsertEventViewer: db.prepare(
        `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source, fold_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${SOURCE_EVENTS}, ?)
         ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE}, fold_state = excluded.fold_state`,
      ),
      foldState: db.prepare<[number, number, string], { fold_state: string | null }>(
        'SELECT fold_state FROM viewer_stats WHERE living_pk = ? AND kind = ? AND viewer_id = ?',
      ),
      saveIngestKey: db.prepare('INSERT INTO ingest_keys (hash, corpid) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING'),
      findIngestKey: db.prepare<[Buffer], { corpid: string }>('SELECT corpid FROM ingest_keys WHERE hash = ?'),
      insertEvent: db.prepare(
        `INSERT INTO events (corpid, id, living_pk, viewer_kind, viewer_id, at, kind, session, ext_type, name, invitor_kind, invitor_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      viewerEvents: db.prepare<[number, number, string], EventRow>(
        'SELECT id, at, kind, session, viewer_kind, viewer_id, ext_type, name, invitor_kind, invitor_id FROM events WHERE living_pk = ? AND viewer_kind = ? AND viewer_id = ?',
      ),
      firstWire: db.prepare<[number, number], [number, string, string, string | null]>(
        'SELECT kind, viewer_id, wire_json, open_watch FROM viewer_stats WHERE living_pk = ? ORDER BY kind, viewer_id LIMIT ?',
      ).raw(true),
      nextWire: db.prepare<[number, number, string, number], [number, string, string, string | null]>(
        'SELECT kind, viewer_id, wire_json, open_watch FROM viewer_stats WHERE living_pk = ? AND (kind, viewer_id) > (?, ?) ORDER BY kind, viewer_id LIMIT ?',
      ).raw(true),
      firstPage: db.prepare<[number, number], ViewerRow>(`SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = ? ORDER BY kind, viewer_id LIMIT ?`),
      nextPage: db.prepare<[number, number, string, number], ViewerRow>(
        `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = ? AND (kind, viewer_id) > (?, ?) ORDER BY kind, viewer_id LIMIT ?`,
      ),
      countViewers: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM viewer_stats WHERE living_pk = ?'),
      getMeta: db.prepare<[string], { value: Buffer }>('SELECT value FROM meta WHERE key = ?'),
      insertMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async serverSecret(): Promise<Buffer> {
    if (!this.secret) {
      this.stmt.insertMeta.run('cursor_secret', randomBytes(32));
      this.secret = this.stmt.getMeta.get('cursor_secret')!.value;
    }
    return this.secret;
  }

  async upsertCorp(corp: Corp): Promise<boolean> {
    return this.stmt.upsertCorp.run(corp.corpid, corp.name, corp.grandfatheredSystemApp ? 1 : 0).changes > 0;
  }

  async getCorp(corpid: string): Promise<Corp | undefined> {
    return this.reads.lookup(`c:${corpid}`, () => {
      const row = this.stmt.getCorp.get(corpid);
      return row && toCorp(row);
    });
  }

  async upsertApp(app: App, secretHash?: string | null): Promise<boolean> {
    return this.db.transaction(() => {
      let changes = this.stmt.upsertApp.run(app.corpid, app.agentid, app.kind, app.livingApi ? 1 : 0, JSON.stringify(app.trustedIps)).changes;
      if (secretHash !== undefined) changes += this.stmt.setSecret.run(secretHash, app.corpid, app.agentid, secretHash).changes;
      return changes > 0;
    })();
  }

  async getApp(corpid: string, agentid: number): Promise<App | undefined> {
    return this.reads.lookup(`a:${agentid}:${corpid}`, () => {
      const row = this.stmt.getApp.get(corpid, agentid);
      return row && toApp(row);
    });
  }

  async listAppSecrets(corpid: string): Promise<Array<{ agentid: number; secretHash: string }>> {
    return this.stmt.appSecrets.all(corpid).map((r) => ({ agentid: r.agentid, secretHash: r.secret_hash }));
  }

  async findToken(hash: Buffer): Promise<TokenRecord | undefined> {
    return this.reads.lookup(`t:${hash.toString('base64')}`, () => {
      const row = this.stmt.findToken.get(hash);
      return row && toToken(row);
    });
  }

  async currentToken(corpid: string, agentid: number, nowMs: number): Promise<TokenRecord | undefined> {
    const row = this.stmt.currentToken.get(corpid, agentid, nowMs);
    return row && toToken(row);
  }

  async saveToken(t: TokenRecord): Promise<boolean> {
    return this.stmt.saveToken.run(t.hash, t.corpid, t.agentid, t.expiresAt ?? null, t.nonce ?? null).changes > 0;
  }

  async revokeTokens(corpid: string, agentid: number): Promise<void> {
    this.stmt.revokeTokens.run(corpid, agentid);
  }

  async purgeTokens(beforeMs: number): Promise<number> {
    return this.stmt.purgeTokens.run(beforeMs).changes;
  }

  async upsertLiving(l: Living): Promise<boolean> {
    const existing = this.stmt.getLiving.get(l.livingid);
    if (existing && existing.corpid !== l.corpid) throw new Error(`livingid ${l.livingid} already belongs to another corp`);
    return (
      this.stmt.upsertLiving.run(livingParams(l)).changes > 0
    );
  }

  async getLiving(corpid: string, livingid: string): Promise<Living | undefined> {
    return this.reads.lookup(`l:${corpid}:${livingid}`, () => {
      const row = this.stmt.getLiving.get(livingid);
      if (!row || row.corpid !== corpid) return undefined;
      return toLiving(row);
    });
  }

  /** The live's internal key, or undefined when it is not this corp's. */
  private livingPk(corpid: string, livingid: string): number | undefined {
    const row = this.stmt.getLiving.get(livingid);
    return row && row.corpid === corpid ? row.pk : undefined;
  }

  async setDeclaredViewers(corpid: string, livingid: string, viewers: readonly ViewerStat[]): Promise<boolean> {
    const pk = this.livingPk(corpid, livingid);
    if (pk === undefined) throw new Error(`unknown living ${livingid}`);
    const wanted = [...viewers].sort(compareViewers);
    const current = this.stmt.declaredViewers.all(pk).map(toViewer);
    if (JSON.stringify(current) === JSON.stringify(wanted.map(normalizeViewer))) return false;
    this.db.transaction(() => {
      this.stmt.deleteBySource.run(pk, SOURCE_DECLARED);
      for (const v of wanted) this.stmt.insertViewer.run(pk, ...viewerParams(v), SOURCE_DECLARED);
    }).immediate();
    return true;
  }

  async setSyntheticViewers(corpid: string, livingid: string, spec: SyntheticSpec, rows: () => Iterable<ViewerStat>): Promise<boolean> {
    const pk = this.livingPk(corpid, livingid);
    if (pk === undefined) throw new Error(`unknown living ${livingid}`);
    const specText = spec.members + spec.external > 0 ? JSON.stringify([spec.members, spec.external, spec.seed, spec.durationSeconds]) : null;
    if ((this.stmt.syntheticSpec.get(pk)?.synthetic_spec ?? null) === specText) return false;
    this.db.transaction(() => {
      this.stmt.deleteBySource.run(pk, SOURCE_SYNTHETIC);
      if (specText !== null) for (const v of rows()) this.stmt.insertViewer.run(pk, ...viewerParams(v), SOURCE_SYNTHETIC);
      this.stmt.setSyntheticSpec.run(specText, pk);
    }).immediate();
    return true;
  }

  /** The live's internal key, through the read cache: pages ask for it on every call. */
  private cachedLivingPk(corpid: string, livingid: string): number | undefined {
    return this.reads.lookup(`p:${corpid}:${livingid}`, () => this.livingPk(corpid, livingid));
  }

  async pageViewers(corpid: string, livingid: string, after: ViewerKey | undefined, limit: number): Promise<ViewerStat[]> {
    const pk = this.cachedLivingPk(corpid, livingid);
    if (pk === undefined) return [];
    const rows = after ? this.stmt.nextPage.all(pk, after.kind, after.id, limit) : this.stmt.firstPage.all(pk, limit);
    return rows.map(toViewer);
  }

  async pageWire(corpid: string, livingid: string, after: ViewerKey | undefined, limit: number): Promise<WireRow[]> {
    const pk = this.cachedLivingPk(corpid, livingid);
    if (pk === undefined) return [];
    const key = after ? `${pk}:${limit}:${after.kind}:${after.id}` : `${pk}:${limit}:`;
    return this.reads.page(key, () => {
      const rows = after ? this.stmt.nextWire.all(pk, after.kind, after.id, limit) : this.stmt.firstWire.all(pk, limit);
      return rows.map(([kind, id, json, open]) => (open === null ? { kind: kind === 1 ? 1 : 0, id, json } : { kind: kind === 1 ? 1 : 0, id, json, openWatch: JSON.parse(open) as OpenWatch }));
    });
  }

  async saveIngestKey(hash: Buffer, corpid: string): Promise<boolean> {
    return this.stmt.saveIngestKey.run(hash, corpid).changes > 0;
  }

  async findIngestKey(hash: Buffer): Promise<string | undefined> {
    return this.stmt.findIngestKey.get(hash)?.corpid;
  }

  async ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
    return this.db.transaction(() => {
      const livings = new Map<string, LivingRow | undefined>();
      const touched = new Map<string, { living: LivingRow; kind: number; id: string; added: IngestEvent[] }>();
      const outcomes = events.map((e): IngestOutcome => {
        if (!livings.has(e.livingid)) livings.set(e.livingid, this.stmt.getLiving.get(e.livingid));
        const living = livings.get(e.livingid);
        if (!living || living.corpid !== corpid) return 'unknown_living';
        const params = eventParams(corpid, living.pk, e);
        if (this.stmt.insertEvent.run(...params).changes === 0) return 'duplicate';
        const [kind, id] = [params[3], params[4]];
        const key = `${living.pk}:${kind}:${id}`;
        const entry = touched.get(key);
        if (entry) entry.added.push(e);
        else touched.set(key, { living, kind, id, added: [e] });
        return 'accepted';
      });
      for (const { living, kind, id, added } of touched.values()) {
        const prior = this.stmt.foldState.get(living.pk, kind, id)?.fold_state ?? undefined;
        const input: ViewerFoldInput = { living: toLiving(living), prior, added };
        if (fold.needsAll(prior, added)) input.all = this.stmt.viewerEvents.all(living.pk, kind, id).map(toViewerEvent);
        const { stat, state } = fold.fold(input);
        this.stmt.upsertEventViewer.run(living.pk, ...viewerParams(stat), state);
      }
      return outcomes;
    }).immediate();
  }

  async countViewers(corpid: string, livingid: string): Promise<number> {
    const pk = this.livingPk(corpid, livingid);
    return pk === undefined ? 0 : this.stmt.countViewers.get(pk)!.n;
  }

  async bumpCounters(counters: ReadonlyArray<{ key: string; expiresAt: number }>, nowMs: number): Promise<number[]> {
    this.sweep(nowMs);
    return counters.map(({ key, expiresAt }) => {
      const c = this.counters.get(key);
      if (c && c.expiresAt > nowMs) return ++c.count;
      this.counters.set(key, { count: 1, expiresAt });
      return 1;
    });
  }

  async blockedUntil(keys: readonly string[], nowMs: number): Promise<number | undefined> {
    let until: number | undefined;
    for (const key of keys) {
      const end = this.blocks.get(key);
      if (end !== undefined && end > nowMs && (until === undefined || end > until)) until = end;
    }
    return until;
  }

  async block(key: string, untilMs: number): Promise<void> {
    this.blocks.set(key, Math.max(untilMs, this.blocks.get(key) ?? 0));
  }

  async listCorps(): Promise<Corp[]> {
    return this.audience.corps().map(toCorp);
  }

  async listLivings(corpid: string): Promise<LivingRecord[]> {
    return this.audience.livings(corpid).map(toLivingRecord);
  }

  async audienceCounts(corpid: string, livingid: string): Promise<AudienceCounts> {
    const pk = this.livingPk(corpid, livingid);
    return pk === undefined ? { viewers: 0, members: 0, external: 0, wechat: 0, wecom: 0, commenters: 0, micTakers: 0 } : this.audience.counts(pk);
  }

  async watchTimeCounts(corpid: string, livingid: string): Promise<WatchTimeCount[]> {
    const pk = this.livingPk(corpid, livingid);
    return pk === undefined ? [] : this.audience.watchTimes(pk);
  }

  async inviterLeaderboard(corpid: string, livingid: string, limit: number): Promise<InviterStanding[]> {
    const pk = this.livingPk(corpid, livingid);
    return pk === undefined ? [] : await this.audience.inviters(pk, limit);
  }

  async openViewers(corpid: string, livingid: string): Promise<ViewerStat[]> {
    const pk = this.livingPk(corpid, livingid);
    return pk === undefined ? [] : this.audience.open(pk).map(toViewer);
  }

  async pageAudience(corpid: string, livingid: string, query: AudienceQuery): Promise<ViewerStat[]> {
    const pk = this.livingPk(corpid, livingid);
    return pk === undefined ? [] : this.audience.page(pk, query).map(toViewer);
  }

  // The rest of the live-stream family and suites: see sqlite-livings.ts.
  async createLiving(living: Living, remindTime: number | undefined): Promise<void> {
    this.livings.create(living, remindTime);
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
    const pk = this.livingPk(corpid, livingid);
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

  /** Forgets expired counters and blocks, at most once a second, so memory stays bounded. */
  private sweep(nowMs: number): void {
    if (nowMs < this.sweepAt) return;
    this.sweepAt = nowMs + 1000;
    for (const [key, c] of this.counters) if (c.expiresAt <= nowMs) this.counters.delete(key);
    for (const [key, end] of this.blocks) if (end <= nowMs) this.blocks.delete(key);
  }
}
