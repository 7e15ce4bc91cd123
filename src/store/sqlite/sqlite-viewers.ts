import type { ViewerPosition } from '../../domain/viewer-position.js';
import type { Living, OpenWatch, ViewerStat } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { FoldSlots, foldSlot } from '../core/fold-slots.js';
import { FIRST_WIRE, INSERT_VIEWER, NEXT_WIRE, SqlViewers } from '../core/sql-viewers.js';
import { EVENT_COLUMNS, EVENT_ROW_COLUMNS, SOURCE_EVENTS, VIEWER_COLUMNS, VIEWER_UPDATE, placeholders } from '../sql/columns.js';
import { type EventRow, eventParams, toViewerEvent } from '../sql/events.js';
import type { LivingRow } from '../sql/rows.js';
import { viewerParams } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';
import type { IngestOutcome, ViewerFold } from '../store.js';
import type { WireRow } from '../../domain/wire-row.js';
import type { SqliteLivingLookup } from './sqlite-livings.js';
import type { SqliteReadCache } from './sqlite-read-cache.js';
import type { SqliteSql } from './sqlite-sql.js';

const INSERT_EVENT = `INSERT INTO events (${EVENT_COLUMNS}) VALUES (${placeholders(12)}) ON CONFLICT DO NOTHING`;
const FOLD_STATE = 'SELECT fold_state FROM viewer_stats WHERE living_pk = ? AND kind = ? AND viewer_id = ?';
const VIEWER_EVENTS = `SELECT ${EVENT_ROW_COLUMNS} FROM events WHERE living_pk = ? AND viewer_kind = ? AND viewer_id = ?`;
const UPSERT_EVENT_VIEWER = `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source, fold_state) VALUES (${placeholders(12)}, ${SOURCE_EVENTS}, ?)
  ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE}, fold_state = excluded.fold_state`;

type WireTuple = [kind: number, viewerId: string, json: string, openWatch: string | null];

/**
 * SqlViewers on SQLite: bulk loads and ingest are one synchronous IMMEDIATE transaction of
 * prepared row statements (no promise per row), and get_watch_stat's pages come from the
 * read cache, read as raw tuples.
 */
export class SqliteViewers extends SqlViewers {
  private readonly firstWire;
  private readonly nextWire;

  constructor(
    private readonly sqlite: SqliteSql,
    private readonly livingLookup: SqliteLivingLookup,
    private readonly reads: SqliteReadCache,
  ) {
    super(sqlite, livingLookup);
    this.firstWire = sqlite.db.prepare<[number, number], WireTuple>(FIRST_WIRE).raw(true);
    this.nextWire = sqlite.db.prepare<[number, number, string, number], WireTuple>(NEXT_WIRE).raw(true);
  }

  protected async loadViewers(_tx: Sql, pk: number, source: number, rows: Iterable<ViewerStat>): Promise<void> {
    // Inside the transaction this connection holds: the statement runs directly.
    const insert = this.sqlite.prepare(INSERT_VIEWER);
    for (const v of rows) insert.run(pk, ...viewerParams(v), source);
  }

  // get_watch_stat's hot path: synchronous from the live's key to the page when no transaction is in flight.
  override pageWire(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): Promise<WireRow[]> {
    return this.sqlite.idle ? Promise.resolve(this.page(corpid, livingid, after, limit)) : this.sqlite.now(() => this.page(corpid, livingid, after, limit));
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

  ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
    return this.sqlite.immediate(() => {
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
      for (const slot of slots.values()) {
        const key = [slot.living.pk, slot.kind, slot.viewerId] as const;
        const prior = (foldState.get(...key) as { fold_state: string | null } | undefined)?.fold_state ?? undefined;
        const readAll = () => (viewerEvents.all(...key) as EventRow[]).map(toViewerEvent);
        const { stat, state } = foldSlot(fold, slot, prior, readAll, livings);
        upsert.run(slot.living.pk, ...viewerParams(stat), state);
      }
      return outcomes;
    });
  }
}
