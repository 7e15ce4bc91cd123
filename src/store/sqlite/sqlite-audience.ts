import type { Database, Statement } from 'better-sqlite3';
import type { AudienceCounts, AudienceQuery, AudienceSort, InviterStanding, WatchTimeCount } from '../audience-queries.js';
import type { CorpRow, LivingRow, ViewerRow } from '../sql-rows.js';

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
      counts: db.prepare<[number], AudienceCounts>(
        `SELECT count(*) AS viewers, total(kind = 0) AS members, total(kind = 1) AS external,
           total(kind = 1 AND coalesce(ext_type, 1) <> 2) AS wechat, total(kind = 1 AND ext_type = 2) AS wecom,
           total(is_comment) AS commenters, total(is_mic) AS micTakers
         FROM viewer_stats WHERE living_pk = ?`,
      ),
      watchTimes: db.prepare<[number], WatchTimeCount>(
        'SELECT watch_time AS watchTime, count(*) AS viewers FROM viewer_stats WHERE living_pk = ? GROUP BY watch_time ORDER BY watch_time',
      ),
      inviters: db.prepare<[number, number], InviterStanding>(
        `SELECT CASE WHEN invitor_userid IS NOT NULL THEN 0 ELSE 1 END AS kind, coalesce(invitor_userid, invitor_external_userid) AS id,
           count(*) AS viewers, sum(watch_time) AS watchTime
         FROM viewer_stats WHERE living_pk = ? AND (invitor_userid IS NOT NULL OR invitor_external_userid IS NOT NULL)
         GROUP BY 1, 2 ORDER BY viewers DESC, watchTime DESC, kind, id LIMIT ?`,
      ),
      corps: db.prepare<[], CorpRow>('SELECT corpid, name, grandfathered_system_app FROM corps ORDER BY corpid'),
      livings: db.prepare<[string], LivingRow>(
        `SELECT pk, livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description
         FROM livings WHERE corpid = ? ORDER BY living_start DESC, livingid`,
      ),
      open: db.prepare<[number], ViewerRow>(`SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = ? AND open_watch IS NOT NULL`),
    };
  }

  corps(): CorpRow[] {
    return this.stmt.corps.all();
  }

  livings(corpid: string): LivingRow[] {
    return this.stmt.livings.all(corpid);
  }

  counts(pk: number): AudienceCounts {
    return this.stmt.counts.get(pk)!;
  }

  watchTimes(pk: number): WatchTimeCount[] {
    return this.stmt.watchTimes.all(pk);
  }

  inviters(pk: number, limit: number): InviterStanding[] {
    return this.stmt.inviters.all(pk, limit);
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
