import type { Database, Statement } from 'better-sqlite3';
import type { AudienceCounts, AudienceQuery, AudienceSort, InviterStanding, WatchTimeCount } from '../audience-queries.js';
import { LIVING_RECORD_COLUMNS, type LivingRecordRow } from '../sql-living-rows.js';
import type { CorpRow, ViewerRow } from '../sql-rows.js';

const VIEWER_COLUMNS = 'kind, viewer_id, ext_type, name, watch_time, is_comment, is_mic, invitor_userid, invitor_external_userid, open_watch';

/** The columns each order sorts by, last two always the primary key so the order is total. */
const SORT_COLUMNS: Record<AudienceSort, readonly string[]> = {
  id: ['kind', 'viewer_id'],
  watch_time: ['watch_time', 'kind', 'viewer_id'],
  // The same expression as the index viewer_stats_by_name, or SQLite would sort in a temp b-tree.
  name: ["coalesce(name, '')", 'kind', 'viewer_id'],
};

const KIND_FILTERS = {
  member: 'kind = 0',
  wechat: 'kind = 1 AND coalesce(ext_type, 1) <> 2',
  wecom: 'kind = 1 AND ext_type = 2',
} as const;

/**
 * Rows per slice of an aggregate. better-sqlite3 is synchronous, so one GROUP BY over a
 * million rows would hold the event loop for half a second; slices of this size hold it for
 * tens of milliseconds each, and other requests run in between.
 */
const SLICE_ROWS = 50_000;
/** Primary-key bounds that lie before and after every row ((kind, id) with kind 0 or 1). */
const BEFORE_ALL = [-1, ''] as const;
const AFTER_ALL = [2, ''] as const;
const IN_SLICE = 'living_pk = ? AND (kind, viewer_id) > (?, ?) AND (kind, viewer_id) <= (?, ?)';

type SliceParams = [number, number, string, number, string];

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `%`, `_` and `\` in a search match themselves. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The dashboard's queries on SQLite, by a live's internal key. Aggregates are single
 * GROUP BY statements over one live's rows; pages are keyset range scans on the order's index.
 */
export class SqliteAudience {
  private readonly pages = new Map<string, Statement<unknown[], ViewerRow>>();
  private readonly stmt;

  constructor(private readonly db: Database) {
    this.stmt = {
      sliceEnd: db.prepare<[number, number, string, number], { kind: number; viewer_id: string }>(
        'SELECT kind, viewer_id FROM viewer_stats WHERE living_pk = ? AND (kind, viewer_id) > (?, ?) ORDER BY kind, viewer_id LIMIT 1 OFFSET ?',
      ),
      counts: db.prepare<SliceParams, AudienceCounts>(
        `SELECT count(*) AS viewers, total(kind = 0) AS members, total(kind = 1) AS external,
           total(kind = 1 AND coalesce(ext_type, 1) <> 2) AS wechat, total(kind = 1 AND ext_type = 2) AS wecom,
           total(is_comment) AS commenters, total(is_mic) AS micTakers
         FROM viewer_stats WHERE ${IN_SLICE}`,
      ),
      watchTimes: db.prepare<[number], WatchTimeCount>(
        'SELECT watch_time AS watchTime, count(*) AS viewers FROM viewer_stats WHERE living_pk = ? GROUP BY watch_time ORDER BY watch_time',
      ),
      inviters: db.prepare<SliceParams, InviterStanding>(
        `SELECT CASE WHEN invitor_userid IS NOT NULL THEN 0 ELSE 1 END AS kind, coalesce(invitor_userid, invitor_external_userid) AS id,
           count(*) AS viewers, sum(watch_time) AS watchTime
         FROM viewer_stats WHERE ${IN_SLICE} AND (invitor_userid IS NOT NULL OR invitor_external_userid IS NOT NULL)
         GROUP BY 1, 2`,
      ),
      corps: db.prepare<[], CorpRow>('SELECT corpid, name, grandfathered_system_app FROM corps ORDER BY corpid'),
      livings: db.prepare<[string], LivingRecordRow>(`SELECT ${LIVING_RECORD_COLUMNS} FROM livings WHERE corpid = ? ORDER BY living_start DESC, livingid`),
      open: db.prepare<[number], ViewerRow>(`SELECT ${VIEWER_COLUMNS} FROM viewer_stats INDEXED BY viewer_stats_open WHERE living_pk = ? AND open_watch IS NOT NULL`),
    };
  }

  corps(): CorpRow[] {
    return this.stmt.corps.all();
  }

  livings(corpid: string): LivingRecordRow[] {
    return this.stmt.livings.all(corpid);
  }

  /** Consecutive primary-key slices of one live's rows, with a turn of the event loop between them. */
  private async *slices(pk: number): AsyncGenerator<SliceParams> {
    let lo: readonly [number, string] = BEFORE_ALL;
    for (;;) {
      const end = this.stmt.sliceEnd.get(pk, lo[0], lo[1], SLICE_ROWS - 1);
      const hi: readonly [number, string] = end ? [end.kind, end.viewer_id] : AFTER_ALL;
      yield [pk, lo[0], lo[1], hi[0], hi[1]];
      if (!end) return;
      lo = hi;
      await yieldToEventLoop();
    }
  }

  async counts(pk: number): Promise<AudienceCounts> {
    const sum: AudienceCounts = { viewers: 0, members: 0, external: 0, wechat: 0, wecom: 0, commenters: 0, micTakers: 0 };
    for await (const slice of this.slices(pk)) {
      const part = this.stmt.counts.get(...slice)!;
      for (const k of Object.keys(sum) as Array<keyof AudienceCounts>) sum[k] += part[k];
    }
    return sum;
  }

  watchTimes(pk: number): WatchTimeCount[] {
    return this.stmt.watchTimes.all(pk);
  }

  async inviters(pk: number, limit: number): Promise<InviterStanding[]> {
    const all = new Map<string, InviterStanding>();
    for await (const slice of this.slices(pk)) {
      for (const part of this.stmt.inviters.all(...slice)) {
        const key = `${part.kind}:${part.id}`;
        const seen = all.get(key);
        if (seen) {
          seen.viewers += part.viewers;
          seen.watchTime += part.watchTime;
        } else all.set(key, part);
      }
    }
    const byStanding = (a: InviterStanding, b: InviterStanding) =>
      b.viewers - a.viewers || b.watchTime - a.watchTime || a.kind - b.kind || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return [...all.values()].sort(byStanding).slice(0, limit);
  }

  open(pk: number): ViewerRow[] {
    return this.stmt.open.all(pk);
  }

  page(pk: number, q: AudienceQuery): ViewerRow[] {
    const columns = SORT_COLUMNS[q.sort];
    const where = ['living_pk = ?'];
    const params: unknown[] = [pk];
    if (q.after) {
      const key = q.sort === 'id' ? [q.after.kind, q.after.id] : [q.after.value, q.after.kind, q.after.id];
      // SQLite ranges an expression index only on a plain comparison, not on a row value.
      if (q.sort !== 'id') {
        where.push(`${columns[0]} ${q.desc ? '<=' : '>='} ?`);
        params.push(q.after.value);
      }
      where.push(`(${columns.join(', ')}) ${q.desc ? '<' : '>'} (${key.map(() => '?').join(', ')})`);
      params.push(...key);
    }
    if (q.kind) where.push(KIND_FILTERS[q.kind]);
    if (q.commented) where.push('is_comment = 1');
    if (q.mic) where.push('is_mic = 1');
    if (q.search) {
      where.push("(viewer_id LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')");
      params.push(likePattern(q.search), likePattern(q.search));
    }
    const order = columns.map((c) => `${c}${q.desc ? ' DESC' : ''}`).join(', ');
    const sql = `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`;
    let stmt = this.pages.get(sql);
    if (!stmt) {
      // A handful of shapes (orders × filters present), so the cache stays small.
      stmt = this.db.prepare<unknown[], ViewerRow>(sql);
      this.pages.set(sql, stmt);
    }
    return stmt.all(...params, q.limit);
  }
}
