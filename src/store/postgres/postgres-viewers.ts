import type { ViewerStat } from '../../domain/model.js';
import type { ViewerPosition } from '../../domain/viewer-position.js';
import type { JoinedPage } from '../../domain/watch-stat-page.js';
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

// A page joined by PostgreSQL in the one round trip of the page itself, the live's key looked
// up inside it: one result row instead of 101 for the driver to parse. The extra row only
// says that more follow (rn = pageSize + 1). Parameters: corpid, livingid, kind, id, then
// the page size five times (each ? is its own parameter).
const JOINED = `SELECT count(*) FILTER (WHERE rn <= ?)::int AS n, count(open_watch) FILTER (WHERE rn <= ?)::int AS open,
    coalesce(bool_or(rn > ?), false) AS more,
    coalesce(string_agg(wire_json, ',' ORDER BY rn) FILTER (WHERE rn <= ? AND kind = 0), '') AS users,
    coalesce(string_agg(wire_json, ',' ORDER BY rn) FILTER (WHERE rn <= ? AND kind = 1), '') AS external_users,
    (array_agg(kind ORDER BY rn DESC) FILTER (WHERE NOT rn > ?))[1] AS last_kind,
    (array_agg(viewer_id ORDER BY rn DESC) FILTER (WHERE NOT rn > ?))[1] AS last_id
  FROM (SELECT kind, viewer_id, wire_json, open_watch, row_number() OVER (ORDER BY kind, viewer_id) AS rn
    FROM viewer_stats WHERE living_pk = (SELECT pk FROM livings WHERE corpid = ? AND livingid = ?) AND (kind, viewer_id) > (?, ?)
    ORDER BY kind, viewer_id LIMIT ?) p`;

interface JoinedRow {
  n: number;
  open: number;
  more: boolean;
  users: string;
  external_users: string;
  last_kind: number | null;
  last_id: string | null;
}

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

  override async pageJoined(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<JoinedPage | undefined> {
    const size = Array<number>(7).fill(pageSize);
    // (-1, '') sorts before every row: the first page is the same range read.
    const row = (await this.sql.get<JoinedRow>(JOINED, [...size, corpid, livingid, after?.kind ?? -1, after?.id ?? '', pageSize + 1]))!;
    if (row.open > 0) return undefined;
    const last: ViewerPosition | undefined = row.last_id === null ? undefined : { kind: row.last_kind === 1 ? 1 : 0, id: row.last_id };
    return { users: Buffer.from(row.users), externalUsers: Buffer.from(row.external_users), last, more: row.more };
  }

  ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
    return ingestPostgres(this.sql, corpid, events, fold);
  }
}
