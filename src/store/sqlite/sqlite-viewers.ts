import type { ViewerPosition } from '../../domain/viewer-position.js';
import type { Living, OpenWatch, ViewerStat } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { FoldSlots, foldSlot } from '../core/fold-slots.js';
import { FIRST_WIRE, INSERT_VIEWER, NEXT_WIRE, SqlViewers } from '../core/sql-viewers.js';
import { DROP_STORED_PAGES, type PageRange, STORED_PAGE_WHERE } from '../core/stored-pages.js';
import { EVENT_COLUMNS, EVENT_ROW_COLUMNS, SOURCE_EVENTS, VIEWER_COLUMNS, VIEWER_UPDATE, placeholders } from '../sql/columns.js';
import { type EventRow, eventParams, toViewerEvent } from '../sql/events.js';
import type { LivingRow } from '../sql/rows.js';
import { viewerParams } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';
import type { IngestOutcome, LivingPage, ViewerFold } from '../store.js';
import type { WireRow } from '../../domain/wire-row.js';
import type { JoinedPage } from '../../domain/watch-stat-page.js';
import type { SqliteLivingLookup } from './sqlite-livings.js';
import type { SqliteReadCache } from './sqlite-read-cache.js';
import type { SqliteSql } from './sqlite-sql.js';
import { SERVING_CACHE } from './sqlite-maintenance.js';
import type { Database } from 'better-sqlite3';

const INSERT_EVENT = `INSERT INTO events (${EVENT_COLUMNS}) VALUES (${placeholders(12)}) ON CONFLICT DO NOTHING`;
const FOLD_STATE = 'SELECT fold_state FROM viewer_stats WHERE living_pk = ? AND kind = ? AND viewer_id = ?';
const VIEWER_EVENTS = `SELECT ${EVENT_ROW_COLUMNS} FROM events WHERE living_pk = ? AND viewer_kind = ? AND viewer_id = ?`;
const UPSERT_EVENT_VIEWER = `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source, fold_state) VALUES (${placeholders(12)}, ${SOURCE_EVENTS}, ?)
  ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE}, fold_state = excluded.fold_state`;

// A page joined by SQLite itself: one result row instead of an object and four values per
// viewer. group_concat takes its rows in the subquery's order: a subquery with LIMIT is not
// flattened into an aggregate, so it runs as a co-routine yielding rows in ORDER BY order (the
// bundled SQLite is pinned with better-sqlite3; the store contract checks the order). The last
// viewer is the maximum of kind and id joined by NUL, which sorts as (kind, id) does.
const JOINED = `SELECT count(*), count(open_watch), max(kind || char(0) || viewer_id),
    CAST(group_concat(CASE WHEN kind = 0 THEN wire_json END, ',') AS BLOB), CAST(group_concat(CASE WHEN kind = 1 THEN wire_json END, ',') AS BLOB)
  FROM (SELECT kind, viewer_id, wire_json, open_watch FROM viewer_stats WHERE living_pk = ? AND (kind, viewer_id) > (?, ?) ORDER BY kind, viewer_id LIMIT ?)`;
const FOLLOWS = 'SELECT 1 FROM viewer_stats WHERE living_pk = ? AND (kind, viewer_id) > (?, ?) LIMIT 1';
const STORED_PAGE = `SELECT last_kind, last_id, more, users, external_users FROM stored_pages WHERE ${STORED_PAGE_WHERE}`;
const EMPTY = Buffer.alloc(0);

/** Rows a load inserts one by one before it switches to the bulk path. */
const BULK_ROWS = 20_000;
const BULK_COLUMNS = VIEWER_COLUMNS;
// `WHERE true`: SQLite's grammar needs it between INSERT ... SELECT and ON CONFLICT.
const INSERT_STAGED = `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source) SELECT ?, ${VIEWER_COLUMNS}, ? FROM temp.bulk_viewers WHERE true ORDER BY kind, viewer_id, rowid
  ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE} WHERE viewer_stats.source = excluded.source`;
// As the migrations wrote them: rebuilt from their own text, so they stay what the schema says.
const SECONDARY_INDEXES = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'viewer_stats' AND sql IS NOT NULL";

interface PendingBatch {
  corpid: string;
  events: readonly IngestEvent[];
  fold: ViewerFold;
  resolve: (outcomes: IngestOutcome[]) => void;
  reject: (e: unknown) => void;
}

type JoinedTuple = [count: number, open: number, last: string | null, users: Buffer | null, externalUsers: Buffer | null];
type StoredTuple = [lastKind: number | null, lastId: string | null, more: number, users: Buffer, externalUsers: Buffer];
type WireTuple = [kind: number, viewerId: string, json: string, openWatch: string | null];

/**
 * SqlViewers on SQLite: bulk loads and ingest are one synchronous IMMEDIATE transaction of
 * prepared row statements (no promise per row), and get_watch_stat's pages come from the
 * read cache, read as raw tuples.
 */
export class SqliteViewers extends SqlViewers {
  private readonly firstWire;
  private readonly nextWire;
  private readonly joined;
  private pending: PendingBatch[] = [];
  private readonly follows;
  private readonly stored;

  constructor(
    private readonly sqlite: SqliteSql,
    private readonly livingLookup: SqliteLivingLookup,
    private readonly reads: SqliteReadCache,
    storedPageSize: number,
  ) {
    super(sqlite, livingLookup, storedPageSize);
    this.stored = sqlite.db.prepare<[number, number, number, string], StoredTuple>(STORED_PAGE).raw(true);
    this.firstWire = sqlite.db.prepare<[number, number], WireTuple>(FIRST_WIRE).raw(true);
    this.nextWire = sqlite.db.prepare<[number, number, string, number], WireTuple>(NEXT_WIRE).raw(true);
    this.joined = sqlite.db.prepare<[number, number, string, number], JoinedTuple>(JOINED).raw(true);
    this.follows = sqlite.db.prepare<[number, number, string], [1]>(FOLLOWS).raw(true);
  }

  protected async loadViewers(_tx: Sql, pk: number, source: number, rows: Iterable<ViewerStat>): Promise<void> {
    // Inside the transaction this connection holds: statements run directly.
    const insert = this.sqlite.prepare(INSERT_VIEWER);
    const iterator = rows[Symbol.iterator]();
    let row = iterator.next();
    for (let n = 0; !row.done && n < BULK_ROWS; n++, row = iterator.next()) insert.run(pk, ...viewerParams(row.value), source);
    if (!row.done) this.bulkLoad(pk, source, row.value, iterator);
  }

  /**
   * A big load (a million generated viewers): rows are appended to a scratch table as they
   * come, then inserted in key order, so the primary key's B-tree grows at its end instead of
   * at random places (ids are generated in no order). When the load is at least what the
   * table already holds, the secondary indexes are dropped and built again afterwards, one
   * sort each instead of a random insert per row. Same statement, same conflict rule: the
   * rows come out as a row-by-row load would leave them. DDL is transactional in SQLite, so
   * the caller's transaction still makes it all or nothing.
   */
  private bulkLoad(pk: number, source: number, first: ViewerStat, rest: Iterator<ViewerStat>): void {
    const db = this.sqlite.db;
    // A million rows inserted in key order and indexes rebuilt by sorting touch far more than
    // the serving cache: 64 MiB while the load runs, given back when it is done.
    db.pragma('cache_size = -65536');
    try {
      this.bulkInsert(db, pk, source, first, rest);
    } finally {
      db.pragma(`cache_size = ${SERVING_CACHE}`);
    }
  }

  private bulkInsert(db: Database, pk: number, source: number, first: ViewerStat, rest: Iterator<ViewerStat>): void {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS bulk_viewers (${BULK_COLUMNS}); DELETE FROM temp.bulk_viewers`);
    const stage = db.prepare(`INSERT INTO temp.bulk_viewers VALUES (${placeholders(11)})`);
    let staged = 0;
    for (let row: IteratorResult<ViewerStat> = { done: false, value: first }; !row.done; row = rest.next(), staged++) stage.run(...viewerParams(row.value));
    const present = (db.prepare('SELECT count(*) FROM viewer_stats').pluck().get() as number) - BULK_ROWS;
    const indexes = staged >= present ? (db.prepare(SECONDARY_INDEXES).all() as { name: string; sql: string }[]) : [];
    for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
    db.prepare(INSERT_STAGED).run(pk, source);
    for (const { sql } of indexes) db.exec(sql);
    db.exec('DROP TABLE temp.bulk_viewers');
  }

  // get_watch_stat's hot path: synchronous from the live's key to the page when no transaction is in flight.
  override pageWire(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): Promise<WireRow[]> {
    return this.sqlite.idle ? Promise.resolve(this.page(corpid, livingid, after, limit)) : this.sqlite.now(() => this.page(corpid, livingid, after, limit));
  }

  override pageJoined(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<JoinedPage | undefined> {
    const read = () => this.joinedNow(corpid, livingid, after, pageSize) ?? undefined;
    return this.sqlite.idle ? Promise.resolve(read()) : this.sqlite.now(read);
  }

  override livingPage(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<LivingPage> {
    const read = (): LivingPage => {
      const living = this.livingLookup.livingNow(corpid, livingid);
      return { living, page: living ? (this.joinedNow(corpid, livingid, after, pageSize) ?? undefined) : undefined };
    };
    return this.sqlite.idle ? Promise.resolve(read()) : this.sqlite.now(read);
  }

  /** null: the page holds a viewer still watching (cached as such: it is a fact about the rows). */
  private joinedNow(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): JoinedPage | null {
    const pk = this.livingLookup.pkNow(corpid, livingid);
    if (pk === undefined) return { users: EMPTY, externalUsers: EMPTY, last: undefined, more: false };
    // (-1, '') sorts before every row: the first page is the same range read.
    const [kind, id] = after ? [after.kind, after.id] : [-1, ''];
    const { page } = this.reads.page(`j:${pk}:${pageSize}:${kind}:${id}`, (): { page: JoinedPage | null } => {
      const stored = this.stored.get(pk, pageSize, kind, id);
      if (stored) {
        const [lastKind, lastId, more, users, externalUsers] = stored;
        return { page: { users, externalUsers, last: lastId === null ? undefined : { kind: lastKind === 1 ? 1 : 0, id: lastId }, more: more === 1 } };
      }
      const range = this.rangeNow(pk, kind, id, pageSize);
      return { page: range.open ? null : { users: range.users, externalUsers: range.externalUsers, last: range.last, more: range.more } };
    });
    return page;
  }

  protected override pageRange(_tx: Sql, pk: number, after: ViewerPosition | undefined, pageSize: number): Promise<PageRange<Buffer>> {
    return Promise.resolve(this.rangeNow(pk, after?.kind ?? -1, after?.id ?? '', pageSize));
  }

  private rangeNow(pk: number, kind: number, id: string, pageSize: number): PageRange<Buffer> {
    const [count, open, last, users, externalUsers] = this.joined.get(pk, kind, id, pageSize)!;
    const position: ViewerPosition | undefined = last === null ? undefined : { kind: last.startsWith('1') ? 1 : 0, id: last.slice(2) };
    const more = count === pageSize && position !== undefined && this.follows.get(pk, position.kind, position.id) !== undefined;
    return { users: users ?? EMPTY, externalUsers: externalUsers ?? EMPTY, last: position, more, open: open > 0 };
  }

  private page(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): WireRow[] {
    const pk = this.livingLookup.pkNow(corpid, livingid);
    if (pk === undefined) return [];
    const key = after ? `${pk}:${limit}:${after.kind}:${after.id}` : `${pk}:${limit}:`;
    return this.reads.page(key, () => {
      const rows = after ? this.nextWire.all(pk, after.kind, after.id, limit) : this.firstWire.all(pk, limit);
      return rows.map(([kind, id, json, open]) => (open === null ? { kind: kind === 1 ? 1 : 0, id, json } : { kind: kind === 1 ? 1 : 0, id, json, openWatch: JSON.parse(open) as OpenWatch }));
    });
  }

  /**
   * Group commit: batches that arrive in the same event-loop turn are written in one
   * transaction, one after the other exactly as they would be alone, so they share one
   * COMMIT and its fsync. Each caller still hears back only after that COMMIT. If the
   * group fails, each batch is tried again alone, so an error reaches only its own caller.
   */
  ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ corpid, events, fold, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  private commitPending(): void {
    const group = this.pending;
    this.pending = [];
    const alone = (b: PendingBatch) => this.sqlite.immediate(() => this.ingestNow(b.corpid, b.events, b.fold)).then(b.resolve, b.reject);
    if (group.length === 1) {
      void alone(group[0]!);
      return;
    }
    this.sqlite.immediate(() => group.map((b) => this.ingestNow(b.corpid, b.events, b.fold))).then(
      (outcomes) => group.forEach((b, i) => b.resolve(outcomes[i]!)),
      () => group.forEach((b) => void alone(b)),
    );
  }

  /** One batch inside the transaction this connection holds. */
  private ingestNow(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): IngestOutcome[] {
    const insertEvent = this.sqlite.prepare(INSERT_EVENT);
    const rowsByLivingid = new Map<string, LivingRow | undefined>();
    const slots = new FoldSlots();
    const outcomes = events.map((e): IngestOutcome => {
      if (!rowsByLivingid.has(e.livingid)) rowsByLivingid.set(e.livingid, this.livingLookup.rowNow(e.livingid));
      const living = rowsByLivingid.get(e.livingid);
      if (living?.corpid !== corpid) return 'unknown_living';
      if (insertEvent.run(...eventParams(corpid, living.pk, e)).changes === 0) return 'duplicate';
      slots.add(living, e);
      return 'accepted';
    });
    const foldState = this.sqlite.prepare(FOLD_STATE);
    const viewerEvents = this.sqlite.prepare(VIEWER_EVENTS);
    const upsert = this.sqlite.prepare(UPSERT_EVENT_VIEWER);
    const livings = new Map<number, Living>();
    const dropPages = this.sqlite.prepare(DROP_STORED_PAGES);
    for (const pk of new Set(slots.values().map((s) => s.living.pk))) dropPages.run(pk);
    for (const slot of slots.values()) {
      const key = [slot.living.pk, slot.kind, slot.viewerId] as const;
      const prior = (foldState.get(...key) as { fold_state: string | null } | undefined)?.fold_state ?? undefined;
      const readAll = () => (viewerEvents.all(...key) as EventRow[]).map(toViewerEvent);
      const { stat, state } = foldSlot(fold, slot, prior, readAll, livings);
      upsert.run(slot.living.pk, ...viewerParams(stat), state);
    }
    return outcomes;
  }
}
