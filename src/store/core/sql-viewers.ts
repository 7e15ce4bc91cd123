import type { ViewerPosition } from '../../domain/viewer-position.js';
import type { ViewerStat } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { SOURCE_DECLARED, SOURCE_SYNTHETIC, VIEWER_COLUMNS, VIEWER_UPDATE, WIRE_COLUMNS } from '../sql/columns.js';
import { type ViewerRow, type WireRowColumns, compareViewers, normalizeViewer, toViewer, toWireRow } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';
import type { IngestOutcome, LivingPage, SyntheticSpec, ViewerFold, ViewerStore } from '../store.js';
import type { WireRow } from '../../domain/wire-row.js';
import { type JoinedPage, joinRows } from '../../domain/watch-stat-page.js';
import type { LivingLookup } from './living-lookup.js';
import { DROP_STORED_PAGES, HAS_STORED_PAGES, type PageRange, type PagesWalk, storePages } from './stored-pages.js';

// Keyset pages: the row-value comparison walks the primary key (living_pk, kind, viewer_id),
// so page 10,000 costs what page 1 does.
const FIRST_PAGE = `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = ? ORDER BY kind, viewer_id LIMIT ?`;
const NEXT_PAGE = `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = ? AND (kind, viewer_id) > (?, ?) ORDER BY kind, viewer_id LIMIT ?`;
export const FIRST_WIRE = `SELECT ${WIRE_COLUMNS} FROM viewer_stats WHERE living_pk = ? ORDER BY kind, viewer_id LIMIT ?`;
export const NEXT_WIRE = `SELECT ${WIRE_COLUMNS} FROM viewer_stats WHERE living_pk = ? AND (kind, viewer_id) > (?, ?) ORDER BY kind, viewer_id LIMIT ?`;
/** Declared and generated rows never replace a row of another source (events win). */
export const INSERT_VIEWER = `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE} WHERE viewer_stats.source = excluded.source`;
const DECLARED = `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = ? AND source = ${SOURCE_DECLARED} ORDER BY kind, viewer_id`;
const DELETE_SOURCE = 'DELETE FROM viewer_stats WHERE living_pk = ? AND source = ?';

/** Pages a background walk stores per transaction (~1.6 MB of entries at 100 viewers a page). */
const PAGES_PER_SLICE = 100;

/** The spec as stored in livings.synthetic_spec (null: no generated viewers). */
function specText(spec: SyntheticSpec): string | null {
  return spec.members + spec.external > 0 ? JSON.stringify([spec.members, spec.external, spec.seed, spec.durationSeconds]) : null;
}

/**
 * Viewer rows and pages, the same SQL on both backends. How rows are loaded in bulk and how
 * a batch of events is ingested differ per backend (multi-row unnest and advisory locks on
 * PostgreSQL, prepared row inserts in one IMMEDIATE transaction on SQLite).
 */
export abstract class SqlViewers implements ViewerStore {
  constructor(
    protected readonly sql: Sql,
    protected readonly lookup: LivingLookup,
    /** The page size get_watch_stat serves: loads store the live's pages of this size. */
    protected readonly storedPageSize: number,
  ) {}

  /** Inserts `rows` of `source` for the live `pk`, inside `tx`. */
  protected abstract loadViewers(tx: Sql, pk: number, source: number, rows: Iterable<ViewerStat>): Promise<void>;

  /** The `pageSize` viewers of `pk` after `after`, joined by the database, read inside `tx`. */
  protected abstract pageRange(tx: Sql, pk: number, after: ViewerPosition | undefined, pageSize: number): Promise<PageRange<unknown>>;

  /**
   * Joins and stores the live's pages for `pageSize` unless some are stored already, a slice of
   * pages per transaction so that a big live never holds the database (or SQLite's one thread)
   * for long; false when there was nothing to do. For a live whose viewers came from ingest,
   * once it has ended (get_watch_stat asks, in the background).
   */
  async storeLivingPages(corpid: string, livingid: string, pageSize: number): Promise<boolean> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return false;
    let walk: PagesWalk = { done: false, after: undefined };
    for (let slice = 0; !walk.done; slice++) {
      const from: ViewerPosition | undefined = walk.after;
      const next = await this.sql.transaction(async (tx): Promise<PagesWalk | undefined> => {
        // The live for update: an ingest batch (which takes it for share) is not half-way.
        await tx.get(`SELECT 1 FROM livings WHERE pk = ?${tx.dialect.forUpdate}`, [pk]);
        if (slice === 0 && (await tx.get(HAS_STORED_PAGES, [pk, pageSize]))) return undefined;
        return storePages(tx, pk, pageSize, (after) => this.pageRange(tx, pk, after, pageSize), from, PAGES_PER_SLICE);
      });
      if (!next) return false;
      walk = next;
      if (!walk.done) await new Promise((resolve) => setImmediate(resolve));
    }
    return true;
  }

  /** A load changed the live's rows: its pages are joined again in the same transaction. */
  private async restorePages(tx: Sql, pk: number): Promise<void> {
    await tx.run(DROP_STORED_PAGES, [pk]);
    await this.storeAllPages(tx, pk, this.storedPageSize);
  }

  /** Every page of the live, inside `tx` (which holds the rows still): a walk of range reads. */
  protected async storeAllPages(tx: Sql, pk: number, pageSize: number): Promise<void> {
    await storePages(tx, pk, pageSize, (after) => this.pageRange(tx, pk, after, pageSize));
  }

  abstract ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]>;

  /**
   * Makes the live's declared viewers exactly `viewers`. The live's row is read for update
   * first, so two processes loading the same scenario at once take turns and the second
   * changes nothing.
   */
  async setDeclaredViewers(corpid: string, livingid: string, viewers: readonly ViewerStat[]): Promise<boolean> {
    const pk = await this.lookup.requirePk(corpid, livingid);
    const wanted = [...viewers].sort(compareViewers);
    return this.sql.transaction(async (tx) => {
      await tx.get(`SELECT 1 FROM livings WHERE pk = ?${tx.dialect.forUpdate}`, [pk]);
      const current = (await tx.all<ViewerRow>(DECLARED, [pk])).map(toViewer);
      if (JSON.stringify(current) === JSON.stringify(wanted.map(normalizeViewer))) return false;
      await tx.run(DELETE_SOURCE, [pk, SOURCE_DECLARED]);
      await this.loadViewers(tx, pk, SOURCE_DECLARED, wanted);
      await this.restorePages(tx, pk);
      return true;
    });
  }

  async setSyntheticViewers(corpid: string, livingid: string, spec: SyntheticSpec, rows: () => Iterable<ViewerStat>): Promise<boolean> {
    const pk = await this.lookup.requirePk(corpid, livingid);
    const text = specText(spec);
    return this.sql.transaction(async (tx) => {
      const current = await tx.get<{ synthetic_spec: string | null }>(`SELECT synthetic_spec FROM livings WHERE pk = ?${tx.dialect.forUpdate}`, [pk]);
      if ((current?.synthetic_spec ?? null) === text) return false;
      await tx.run(DELETE_SOURCE, [pk, SOURCE_SYNTHETIC]);
      if (text !== null) await this.loadViewers(tx, pk, SOURCE_SYNTHETIC, rows());
      await tx.run('UPDATE livings SET synthetic_spec = ? WHERE pk = ?', [text, pk]);
      await this.restorePages(tx, pk);
      return true;
    });
  }

  async pageViewers(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): Promise<ViewerStat[]> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return [];
    const rows = after ? await this.sql.all<ViewerRow>(NEXT_PAGE, [pk, after.kind, after.id, limit]) : await this.sql.all<ViewerRow>(FIRST_PAGE, [pk, limit]);
    return rows.map(toViewer);
  }

  async pageWire(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): Promise<WireRow[]> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return [];
    const rows = after ? await this.sql.all<WireRowColumns>(NEXT_WIRE, [pk, after.kind, after.id, limit]) : await this.sql.all<WireRowColumns>(FIRST_WIRE, [pk, limit]);
    return rows.map(toWireRow);
  }

  async pageJoined(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<JoinedPage | undefined> {
    return joinRows(await this.pageWire(corpid, livingid, after, pageSize + 1), pageSize);
  }

  /** get_watch_stat's one read; each backend answers it its own way (a cache, one query). */
  abstract livingPage(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<LivingPage>;

  async countViewers(corpid: string, livingid: string): Promise<number> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return 0;
    return (await this.sql.get<{ n: number }>('SELECT count(*) AS n FROM viewer_stats WHERE living_pk = ?', [pk]))!.n;
  }

  async countStoredPages(corpid: string, livingid: string): Promise<number> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return 0;
    return Number((await this.sql.get<{ n: number | string }>('SELECT count(*) AS n FROM stored_pages WHERE living_pk = ?', [pk]))!.n);
  }

  async saveIngestKey(hash: Buffer, corpid: string): Promise<boolean> {
    return (await this.sql.run('INSERT INTO ingest_keys (hash, corpid) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING', [hash, corpid])) > 0;
  }

  async findIngestKey(hash: Buffer): Promise<string | undefined> {
    return (await this.sql.get<{ corpid: string }>('SELECT corpid FROM ingest_keys WHERE hash = ?', [hash]))?.corpid;
  }
}
