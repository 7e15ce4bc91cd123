import type pg from 'pg';
import type { AudienceCounts, AudienceQuery, AudienceSort, InviterStanding, WatchTimeCount } from '../audience-queries.js';
import { LIVING_RECORD_COLUMNS, type LivingRecordRow } from '../sql-living-rows.js';
import type { CorpRow, ViewerRow } from '../sql-rows.js';
import { VIEWER_COLUMNS } from './postgres-rows.js';

/** The columns each order sorts by, last two always the primary key so the order is total (as in SQLite). */
const SORT_COLUMNS: Record<AudienceSort, readonly string[]> = {
  id: ['kind', 'viewer_id'],
  watch_time: ['watch_time', 'kind', 'viewer_id'],
  // The same expression as the index viewer_stats_by_name; name is COLLATE "C", so byte order.
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
 * The dashboard's reads on PostgreSQL, by a live's internal key, with SqliteAudience's
 * semantics. The server does not block on a query here, so aggregates are single statements.
 */
export class PostgresAudience {
  constructor(private readonly pool: pg.Pool) {}

  async corps(): Promise<CorpRow[]> {
    return (await this.pool.query<CorpRow>('SELECT corpid, name, grandfathered_system_app FROM corps ORDER BY corpid COLLATE "C"')).rows;
  }

  async livings(corpid: string): Promise<LivingRecordRow[]> {
    const sql = `SELECT ${LIVING_RECORD_COLUMNS} FROM livings WHERE corpid = $1 ORDER BY living_start DESC, livingid COLLATE "C"`;
    return (await this.pool.query<LivingRecordRow>(sql, [corpid])).rows;
  }

  async counts(pk: number): Promise<AudienceCounts> {
    const res = await this.pool.query<AudienceCounts>(
      `SELECT count(*) AS viewers, count(*) FILTER (WHERE kind = 0) AS members, count(*) FILTER (WHERE kind = 1) AS external,
         count(*) FILTER (WHERE kind = 1 AND coalesce(ext_type, 1) <> 2) AS wechat, count(*) FILTER (WHERE kind = 1 AND ext_type = 2) AS wecom,
         count(*) FILTER (WHERE is_comment = 1) AS commenters, count(*) FILTER (WHERE is_mic = 1) AS "micTakers"
       FROM viewer_stats WHERE living_pk = $1`,
      [pk],
    );
    return res.rows[0]!;
  }

  async watchTimes(pk: number): Promise<WatchTimeCount[]> {
    const sql = 'SELECT watch_time AS "watchTime", count(*) AS viewers FROM viewer_stats WHERE living_pk = $1 GROUP BY watch_time ORDER BY watch_time';
    return (await this.pool.query<WatchTimeCount>(sql, [pk])).rows;
  }

  async inviters(pk: number, limit: number): Promise<InviterStanding[]> {
    const res = await this.pool.query<InviterStanding>(
      `SELECT CASE WHEN invitor_userid IS NOT NULL THEN 0 ELSE 1 END AS kind, coalesce(invitor_userid, invitor_external_userid) COLLATE "C" AS id,
         count(*) AS viewers, sum(watch_time) AS "watchTime"
       FROM viewer_stats WHERE living_pk = $1 AND (invitor_userid IS NOT NULL OR invitor_external_userid IS NOT NULL)
       GROUP BY 1, 2 ORDER BY viewers DESC, "watchTime" DESC, kind, id LIMIT $2`,
      [pk, limit],
    );
    return res.rows;
  }

  async open(pk: number): Promise<ViewerRow[]> {
    return (await this.pool.query<ViewerRow>(`SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = $1 AND open_watch IS NOT NULL`, [pk])).rows;
  }

  async page(pk: number, q: AudienceQuery): Promise<ViewerRow[]> {
    const columns = SORT_COLUMNS[q.sort];
    const params: unknown[] = [pk];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['living_pk = $1'];
    if (q.after) {
      const key = q.sort === 'id' ? [q.after.kind, q.after.id] : [q.after.value, q.after.kind, q.after.id];
      where.push(`(${columns.join(', ')}) ${q.desc ? '<' : '>'} (${key.map(param).join(', ')})`);
    }
    if (q.kind) where.push(KIND_FILTERS[q.kind]);
    if (q.commented) where.push('is_comment = 1');
    if (q.mic) where.push('is_mic = 1');
    if (q.search) {
      const pattern = param(likePattern(q.search));
      where.push(`(viewer_id ILIKE ${pattern} ESCAPE '\\' OR name ILIKE ${pattern} ESCAPE '\\')`);
    }
    const order = columns.map((c) => `${c}${q.desc ? ' DESC' : ''}`).join(', ');
    const sql = `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${param(q.limit)}`;
    return (await this.pool.query<ViewerRow>(sql, params)).rows;
  }
}
