import type { Corp, ViewerStat } from '../../domain/model.js';
import type { LivingRecord } from '../../domain/living-record.js';
import type { AudienceCounts, AudienceQuery, AudienceSort, InviterStanding, WatchTimeCount } from '../audience-queries.js';
import type { ViewerEvent } from '../../domain/activity/viewer-state.js';
import { EVENT_ROW_COLUMNS, LIVING_RECORD_COLUMNS, VIEWER_STAT_COLUMNS } from '../sql/columns.js';
import { type EventRow, toViewerEvent } from '../sql/events.js';
import { type LivingRecordRow, toLivingRecord } from '../sql/living-rows.js';
import { type CorpRow, type ViewerRow, toCorp, toViewer } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';
import type { DashboardStore } from '../store.js';
import type { LivingLookup } from './living-lookup.js';

/** Counts of nothing: a live of another corp, or none. */
export const NO_AUDIENCE: Readonly<AudienceCounts> = { viewers: 0, members: 0, external: 0, wechat: 0, wecom: 0, commenters: 0, micTakers: 0 };

/** The AudienceCounts columns of an aggregate over viewer_stats rows. */
export const AUDIENCE_COUNT_COLUMNS = `count(*) AS viewers, coalesce(sum(CASE WHEN kind = 0 THEN 1 ELSE 0 END), 0) AS members,
  coalesce(sum(CASE WHEN kind = 1 THEN 1 ELSE 0 END), 0) AS external,
  coalesce(sum(CASE WHEN kind = 1 AND coalesce(ext_type, 1) <> 2 THEN 1 ELSE 0 END), 0) AS wechat,
  coalesce(sum(CASE WHEN kind = 1 AND ext_type = 2 THEN 1 ELSE 0 END), 0) AS wecom,
  coalesce(sum(is_comment), 0) AS commenters, coalesce(sum(is_mic), 0) AS "micTakers"`;

/** InviterStanding's columns of rows grouped by `GROUP BY 1, 2`, and the rows that have an inviter. */
export const inviterColumns = (byteOrder: string) => `CASE WHEN invitor_userid IS NOT NULL THEN 0 ELSE 1 END AS kind,
  coalesce(invitor_userid, invitor_external_userid)${byteOrder} AS id, count(*) AS viewers, sum(watch_time) AS "watchTime"`;
export const HAS_INVITER = '(invitor_userid IS NOT NULL OR invitor_external_userid IS NOT NULL)';

/** The columns each order sorts by, last two always the primary key so the order is total. */
const SORT_COLUMNS: Record<AudienceSort, readonly string[]> = {
  id: ['kind', 'viewer_id'],
  watch_time: ['watch_time', 'kind', 'viewer_id'],
  // The same expression as the index viewer_stats_by_name (name is byte-ordered on both backends).
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
 * The dashboard's reads by a live's internal key; pages are keyset range scans on the
 * order's index. The two aggregates over a whole live are per backend: SQLite's driver is
 * synchronous, so it runs them in slices (see sqlite-audience.ts).
 */
export abstract class SqlDashboard implements DashboardStore {
  constructor(
    protected readonly sql: Sql,
    protected readonly lookup: LivingLookup,
  ) {}

  protected abstract counts(pk: number): Promise<AudienceCounts>;
  protected abstract inviters(pk: number, limit: number): Promise<InviterStanding[]>;

  async listCorps(): Promise<Corp[]> {
    const rows = await this.sql.all<CorpRow>(`SELECT corpid, name, grandfathered_system_app FROM corps ORDER BY corpid${this.sql.dialect.byteOrder}`);
    return rows.map(toCorp);
  }

  async listLivings(corpid: string): Promise<LivingRecord[]> {
    const sql = `SELECT ${LIVING_RECORD_COLUMNS} FROM livings WHERE corpid = ? ORDER BY living_start DESC, livingid${this.sql.dialect.byteOrder}`;
    return (await this.sql.all<LivingRecordRow>(sql, [corpid])).map(toLivingRecord);
  }

  async audienceCounts(corpid: string, livingid: string): Promise<AudienceCounts> {
    const pk = await this.lookup.pk(corpid, livingid);
    return pk === undefined ? { ...NO_AUDIENCE } : this.counts(pk);
  }

  async watchTimeCounts(corpid: string, livingid: string): Promise<WatchTimeCount[]> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return [];
    const sql = 'SELECT watch_time AS "watchTime", count(*) AS viewers FROM viewer_stats WHERE living_pk = ? GROUP BY watch_time ORDER BY watch_time';
    return this.sql.all<WatchTimeCount>(sql, [pk]);
  }

  async inviterLeaderboard(corpid: string, livingid: string, limit: number): Promise<InviterStanding[]> {
    const pk = await this.lookup.pk(corpid, livingid);
    return pk === undefined ? [] : this.inviters(pk, limit);
  }

  async openViewers(corpid: string, livingid: string): Promise<ViewerStat[]> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return [];
    const sql = `SELECT ${VIEWER_STAT_COLUMNS} FROM viewer_stats${this.sql.dialect.indexHint('viewer_stats_open')} WHERE living_pk = ? AND open_watch IS NOT NULL`;
    return (await this.sql.all<ViewerRow>(sql, [pk])).map(toViewer);
  }

  async livingEvents(corpid: string, livingid: string): Promise<ViewerEvent[]> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return [];
    // The order is only for a reader's eyes: the timeline's rule orders events itself.
    const sql = `SELECT ${EVENT_ROW_COLUMNS} FROM events WHERE living_pk = ? ORDER BY at, id${this.sql.dialect.byteOrder}`;
    return (await this.sql.all<EventRow>(sql, [pk])).map(toViewerEvent);
  }

  async pageAudience(corpid: string, livingid: string, q: AudienceQuery): Promise<ViewerStat[]> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return [];
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
      const { like } = this.sql.dialect;
      where.push(`(viewer_id ${like} ? ESCAPE '\\' OR name ${like} ? ESCAPE '\\')`);
      params.push(likePattern(q.search), likePattern(q.search));
    }
    const order = columns.map((c) => `${c}${q.desc ? ' DESC' : ''}`).join(', ');
    // A handful of shapes (orders × filters present), each prepared once.
    const sql = `SELECT ${VIEWER_STAT_COLUMNS} FROM viewer_stats WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`;
    return (await this.sql.all<ViewerRow>(sql, [...params, q.limit])).map(toViewer);
  }
}
