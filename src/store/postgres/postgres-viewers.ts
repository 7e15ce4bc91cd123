import type { ViewerStat } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { SqlViewers } from '../core/sql-viewers.js';
import { VIEWER_COLUMNS, VIEWER_UPDATE } from '../sql/columns.js';
import type { Sql } from '../sql/sql.js';
import type { IngestOutcome, ViewerFold } from '../store.js';
import { ingestPostgres } from './postgres-ingest.js';
import { viewerArrays, viewerUnnest } from './postgres-rows.js';

/** Rows per INSERT when loading generated viewers: big enough to amortize the round trip. */
const BATCH = 5000;

/** Declared and generated rows never replace a row of another source (events win). */
const INSERT_VIEWERS = (source: number) =>
  `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source) SELECT $1::int, t.*, ${source} FROM ${viewerUnnest(2)}
   ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE} WHERE viewer_stats.source = excluded.source`;

/** SqlViewers on PostgreSQL: rows go in as multi-row `unnest` INSERTs, events through ingestPostgres. */
export class PostgresViewers extends SqlViewers {
  protected async loadViewers(tx: Sql, pk: number, source: number, rows: Iterable<ViewerStat>): Promise<void> {
    let batch: ViewerStat[] = [];
    const flush = async () => {
      if (batch.length > 0) await tx.run(INSERT_VIEWERS(source), [pk, ...viewerArrays(batch)]);
      batch = [];
    };
    for (const v of rows) {
      batch.push(v);
      if (batch.length === BATCH) await flush();
    }
    await flush();
  }

  ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
    return ingestPostgres(this.sql, corpid, events, fold);
  }
}
