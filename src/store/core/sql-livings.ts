import type { AnchorListKey, LivingChanges, LivingCounts, LivingRecord } from '../../domain/living-record.js';
import type { Living, OpenWatch } from '../../domain/model.js';
import { LIVING_RECORD_COLUMNS } from '../sql/columns.js';
import { type AnchorListRow, type LivingRecordRow, toAnchorListKey, toLivingRecord } from '../sql/living-rows.js';
import { livingParams, toLiving } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';
import type { LivingStore } from '../store.js';
import type { LivingLookup } from './living-lookup.js';

const UPSERT_LIVING = `INSERT INTO livings AS l (livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (livingid) DO UPDATE SET creator_agentid = excluded.creator_agentid, anchor_userid = excluded.anchor_userid,
    theme = excluded.theme, type = excluded.type, living_start = excluded.living_start,
    living_duration = excluded.living_duration, description = excluded.description
  WHERE l.corpid = excluded.corpid AND (l.creator_agentid IS DISTINCT FROM excluded.creator_agentid OR l.anchor_userid IS DISTINCT FROM excluded.anchor_userid
    OR l.theme IS DISTINCT FROM excluded.theme OR l.type IS DISTINCT FROM excluded.type OR l.living_start IS DISTINCT FROM excluded.living_start
    OR l.living_duration IS DISTINCT FROM excluded.living_duration OR l.description IS DISTINCT FROM excluded.description)`;
const CREATE_LIVING = `INSERT INTO livings (livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description, remind_time)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const LIVING_RECORD = `SELECT ${LIVING_RECORD_COLUMNS} FROM livings WHERE livingid = ?`;
// coalesce keeps what the request does not name; a cancelled live is not changed.
const UPDATE_LIVING = `UPDATE livings SET theme = coalesce(?, theme), type = coalesce(?, type), living_start = coalesce(?, living_start),
    living_duration = coalesce(?, living_duration), description = coalesce(?, description), remind_time = coalesce(?, remind_time)
  WHERE livingid = ? AND corpid = ? AND cancelled_at IS NULL`;
const SET_STATE = {
  cancelled: 'UPDATE livings SET cancelled_at = ? WHERE livingid = ? AND corpid = ? AND cancelled_at IS NULL',
  replay_deleted: 'UPDATE livings SET replay_deleted_at = ? WHERE livingid = ? AND corpid = ? AND replay_deleted_at IS NULL',
} as const;
const COUNTS = `SELECT count(*) AS viewers, coalesce(sum(is_comment), 0) AS commenters, coalesce(sum(is_mic), 0) AS "micTakers"
  FROM viewer_stats WHERE living_pk = ?`;
const OPEN_WATCHES = 'SELECT open_watch FROM viewer_stats WHERE living_pk = ? AND open_watch IS NOT NULL';

/** The live-stream family (create, modify, cancel, get_living_info, get_user_all_livingid, delete_replay_data). */
export class SqlLivings implements LivingStore {
  constructor(
    protected readonly sql: Sql,
    protected readonly lookup: LivingLookup,
  ) {}

  async upsertLiving(l: Living): Promise<boolean> {
    const existing = await this.lookup.row(l.livingid);
    if (existing && existing.corpid !== l.corpid) throw new Error(`livingid ${l.livingid} already belongs to another corp`);
    return (await this.sql.run(UPSERT_LIVING, livingParams(l))) > 0;
  }

  async getLiving(corpid: string, livingid: string): Promise<Living | undefined> {
    const row = await this.lookup.row(livingid);
    return row?.corpid === corpid ? toLiving(row) : undefined;
  }

  async createLiving(l: Living, remindTime: number | undefined): Promise<void> {
    await this.sql.run(CREATE_LIVING, [...livingParams(l), remindTime ?? null]);
  }

  async getLivingRecord(corpid: string, livingid: string): Promise<LivingRecord | undefined> {
    const row = await this.sql.get<LivingRecordRow>(LIVING_RECORD, [livingid]);
    return row?.corpid === corpid ? toLivingRecord(row) : undefined;
  }

  async updateLiving(corpid: string, livingid: string, c: LivingChanges): Promise<boolean> {
    const values = [c.theme, c.type, c.livingStart, c.livingDuration, c.description, c.remindTime].map((v) => v ?? null);
    return (await this.sql.run(UPDATE_LIVING, [...values, livingid, corpid])) > 0;
  }

  async setLivingState(corpid: string, livingid: string, state: 'cancelled' | 'replay_deleted', nowMs: number): Promise<boolean> {
    return (await this.sql.run(SET_STATE[state], [nowMs, livingid, corpid])) > 0;
  }

  async listAnchorLivings(corpid: string, userid: string, creator: number | undefined, after: AnchorListKey | undefined, limit: number): Promise<AnchorListKey[]> {
    const { byteOrder } = this.sql.dialect;
    const where = ['corpid = ?', 'anchor_userid = ?'];
    const params: (string | number)[] = [corpid, userid];
    if (creator !== undefined) {
      where.push('creator_agentid = ?');
      params.push(creator);
    }
    if (after) {
      where.push(`(living_start, livingid${byteOrder}) < (?, ?)`);
      params.push(after.livingStart, after.livingid);
    }
    // Four shapes at most (with or without a creator and a cursor), each prepared once.
    const sql = `SELECT livingid, living_start FROM livings WHERE ${where.join(' AND ')} ORDER BY living_start DESC, livingid${byteOrder} DESC LIMIT ?`;
    return (await this.sql.all<AnchorListRow>(sql, [...params, limit])).map(toAnchorListKey);
  }

  async livingCounts(corpid: string, livingid: string): Promise<LivingCounts> {
    const pk = await this.lookup.pk(corpid, livingid);
    if (pk === undefined) return { viewers: 0, commenters: 0, micTakers: 0, open: [] };
    const totals = (await this.sql.get<Omit<LivingCounts, 'open'>>(COUNTS, [pk]))!;
    const open = await this.sql.all<{ open_watch: string }>(OPEN_WATCHES, [pk]);
    return { viewers: totals.viewers, commenters: totals.commenters, micTakers: totals.micTakers, open: open.map((r) => JSON.parse(r.open_watch) as OpenWatch) };
  }
}
