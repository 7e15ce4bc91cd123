import type { ViewerStat } from '../../domain/model.js';
import type { ViewerPosition } from '../../domain/viewer-position.js';
import { type JoinedPage, joinRows } from '../../domain/watch-stat-page.js';
import type { IngestEvent } from '../../protocol/events.js';
import { SqlViewers } from '../core/sql-viewers.js';
import { type PageRange, STORED_PAGE_WHERE } from '../core/stored-pages.js';
import { LIVING_COLUMNS, VIEWER_COLUMNS, VIEWER_UPDATE } from '../sql/columns.js';
import type { Sql } from '../sql/sql.js';
import type { IngestOutcome, LivingPage, ViewerFold } from '../store.js';
import { ingestPostgres } from './postgres-ingest.js';
import { viewerArrays, viewerUnnest } from './postgres-rows.js';
import { PostgresSql } from './postgres-sql.js';
import { type LivingRow, toLiving, viewerParams } from '../sql/rows.js';

/** Rows per INSERT when loading generated viewers: big enough to amortize the round trip. */
const BATCH = 5000;

/** Declared and generated rows never replace a row of another source (events win). */
const INSERT_VIEWERS = (source: number) =>
  `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source) SELECT $1::int, t.*, ${source} FROM ${viewerUnnest(2)}
   ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE} WHERE viewer_stats.source = excluded.source`;

// A page joined by PostgreSQL: one result row instead of 101 for the driver to parse. The
// extra row only says that more follow (rn = pageSize + 1). `live` is the live's key (its
// parameters come after the page size's); then kind, id and the page size plus one.
const joinedSql = (live: string) => `SELECT count(*) FILTER (WHERE rn <= ?)::int AS n, count(open_watch) FILTER (WHERE rn <= ?)::int AS open,
    coalesce(bool_or(rn > ?), false) AS more,
    coalesce(string_agg(wire_json, ',' ORDER BY rn) FILTER (WHERE rn <= ? AND kind = 0), '') AS users,
    coalesce(string_agg(wire_json, ',' ORDER BY rn) FILTER (WHERE rn <= ? AND kind = 1), '') AS external_users,
    (array_agg(kind ORDER BY rn DESC) FILTER (WHERE NOT rn > ?))[1] AS last_kind,
    (array_agg(viewer_id ORDER BY rn DESC) FILTER (WHERE NOT rn > ?))[1] AS last_id
  FROM (SELECT kind, viewer_id, wire_json, open_watch, row_number() OVER (ORDER BY kind, viewer_id) AS rn
    FROM viewer_stats WHERE living_pk = ${live} AND (kind, viewer_id) > (?, ?)
    ORDER BY kind, viewer_id LIMIT ?) p`;
const JOINED_BY_PK = joinedSql('?::int');
// get_watch_stat's live and page in one round trip: the live's row, then its stored page when
// there is one (the Append stops at LIMIT 1 without joining rows), else the page joined from
// the rows. No row when the live is not the corp's. Parameters: corpid, livingid, the page
// size, kind, id (the stored page's), then JOINED's.
const LIVING_PAGE = `WITH live AS (SELECT ${LIVING_COLUMNS} FROM livings WHERE corpid = ? AND livingid = ?)
  SELECT live.*, page.* FROM live CROSS JOIN LATERAL (
    (SELECT 0 AS n, 0 AS open, more = 1 AS more, users, external_users, last_kind, last_id FROM stored_pages
      WHERE ${STORED_PAGE_WHERE.replace('living_pk = ?', 'living_pk = live.pk')})
    UNION ALL (${joinedSql('live.pk')})
    LIMIT 1) AS page`;

// Every page of a live in one statement, the set-based form of storePages' walk: rows numbered
// in key order and grouped by page, each page keyed by the last viewer of the one before, the
// pages holding a viewer still watching left out after the keys are taken. Parameters: the
// live's key, the page size.
const STORE_ALL_PAGES = `INSERT INTO stored_pages (living_pk, page_size, after_kind, after_id, last_kind, last_id, more, users, external_users)
  SELECT $1::int, $2::int, after_kind, after_id, last_kind, last_id, more, users, external_users FROM (
    SELECT coalesce(lag(last_kind) OVER w, -1) AS after_kind, coalesce(lag(last_id) OVER w, '') AS after_id, last_kind, last_id,
      CASE WHEN lead(n) OVER w IS NULL THEN 0 ELSE 1 END AS more, users, external_users, open
    FROM (
      SELECT n, count(open_watch) AS open,
        coalesce(string_agg(wire_json, ',' ORDER BY kind, viewer_id) FILTER (WHERE kind = 0), '') AS users,
        coalesce(string_agg(wire_json, ',' ORDER BY kind, viewer_id) FILTER (WHERE kind = 1), '') AS external_users,
        (array_agg(kind ORDER BY kind DESC, viewer_id DESC))[1] AS last_kind,
        (array_agg(viewer_id ORDER BY kind DESC, viewer_id DESC))[1] AS last_id
      FROM (SELECT kind, viewer_id, wire_json, open_watch, (row_number() OVER (ORDER BY kind, viewer_id) - 1) / $2::int AS n
        FROM viewer_stats WHERE living_pk = $1::int) AS numbered
      GROUP BY n) AS pages
    WINDOW w AS (ORDER BY n)) AS keyed
  WHERE open = 0`;

interface JoinedRow {
  n: number;
  open: number;
  more: boolean;
  users: string;
  external_users: string;
  last_kind: number | null;
  last_id: string | null;
}

const DROP_STAGE = 'DROP TABLE IF EXISTS pg_temp.bulk_viewers';
// The columns' types and collations without their constraints; gone at COMMIT.
const CREATE_STAGE = `CREATE TEMP TABLE bulk_viewers ON COMMIT DROP AS SELECT ${VIEWER_COLUMNS} FROM viewer_stats WITH NO DATA`;
const INSERT_STAGED = (source: number) =>
  `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source) SELECT ?::int, ${VIEWER_COLUMNS}, ${source} FROM pg_temp.bulk_viewers ORDER BY kind, viewer_id
   ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE} WHERE viewer_stats.source = excluded.source`;

function lastOf(row: JoinedRow): ViewerPosition | undefined {
  return row.last_id === null ? undefined : { kind: row.last_kind === 1 ? 1 : 0, id: row.last_id };
}

/** COPY's text format: tab-separated, \N for NULL, backslash escapes for what would break a line or field. */
function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return v.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

function* copyLines(first: ViewerStat, rest: Iterator<ViewerStat>): Generator<string> {
  for (let row: IteratorResult<ViewerStat> = { done: false, value: first }; !row.done; row = rest.next()) yield `${viewerParams(row.value).map(copyField).join('\t')}\n`;
}

/** SqlViewers on PostgreSQL: rows go in as multi-row `unnest` INSERTs, events through ingestPostgres. */
export class PostgresViewers extends SqlViewers {
  protected async loadViewers(tx: Sql, pk: number, source: number, rows: Iterable<ViewerStat>): Promise<void> {
    const iterator = rows[Symbol.iterator]();
    const batch: ViewerStat[] = [];
    let row = iterator.next();
    for (; !row.done && batch.length < BATCH; row = iterator.next()) batch.push(row.value);
    if (batch.length > 0) await tx.run(INSERT_VIEWERS(source), [pk, ...viewerArrays(batch)]);
    if (row.done) return;
    // More than a batch (a million generated viewers): COPY into a scratch table, then one
    // INSERT in key order with the same conflict rule, so the B-trees grow in order.
    if (!(tx instanceof PostgresSql)) throw new Error('a bulk load runs inside a PostgreSQL transaction');
    await tx.run(DROP_STAGE);
    await tx.run(CREATE_STAGE);
    await tx.copyIn(`COPY pg_temp.bulk_viewers (${VIEWER_COLUMNS}) FROM STDIN`, copyLines(row.value, iterator));
    await tx.run(INSERT_STAGED(source), [pk]);
  }

  override async pageJoined(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<JoinedPage | undefined> {
    const { living, page } = await this.livingPage(corpid, livingid, after, pageSize);
    // A live that is not the corp's has no viewers (the stores agree on this).
    return living ? page : joinRows([], pageSize);
  }

  override async livingPage(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<LivingPage> {
    // (-1, '') sorts before every row: the first page is the same range read.
    const at = [after?.kind ?? -1, after?.id ?? ''];
    const row = await this.sql.get<LivingRow & JoinedRow>(LIVING_PAGE, [corpid, livingid, pageSize, ...at, ...Array<number>(7).fill(pageSize), ...at, pageSize + 1]);
    if (!row) return { living: undefined, page: undefined };
    const page = row.open > 0 ? undefined : { users: Buffer.from(row.users), externalUsers: Buffer.from(row.external_users), last: lastOf(row), more: row.more };
    return { living: toLiving(row), page };
  }

  /**
   * One statement instead of a range read per page: a page's query plans and aggregates over
   * its own window, ~1 ms a page here, which made storing 11,000 pages most of a 1.1M load.
   */
  protected override async storeAllPages(tx: Sql, pk: number, pageSize: number): Promise<void> {
    await tx.run(STORE_ALL_PAGES, [pk, pageSize]);
  }

  protected override async pageRange(tx: Sql, pk: number, after: ViewerPosition | undefined, pageSize: number): Promise<PageRange<string>> {
    const row = (await tx.get<JoinedRow>(JOINED_BY_PK, [...Array<number>(7).fill(pageSize), pk, after?.kind ?? -1, after?.id ?? '', pageSize + 1]))!;
    return { users: row.users, externalUsers: row.external_users, last: lastOf(row), more: row.more, open: row.open > 0 };
  }

  ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
    return ingestPostgres(this.sql, corpid, events, fold);
  }
}
