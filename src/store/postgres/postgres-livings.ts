import type pg from 'pg';
import type { AnchorListKey, LivingChanges, LivingCounts, LivingRecord } from '../../domain/living-record.js';
import type { Living, OpenWatch } from '../../domain/model.js';
import type { Suite, SuiteAuthorization, SuiteTokenRecord } from '../../domain/suite.js';
import {
  type AnchorListRow,
  LIVING_RECORD_COLUMNS,
  type LivingRecordRow,
  type SuiteAuthorizationRow,
  type SuiteRow,
  type SuiteTokenRow,
  compareAuthorizations,
  toAnchorListKey,
  toLivingRecord,
  toSuite,
  toSuiteAuthorization,
  toSuiteToken,
} from '../sql-living-rows.js';
import { inTransaction } from './postgres-pool.js';

const AUTH_COLUMNS = 'corpid, agentid, permanent_code_hash';
const SUITE_TOKEN_COLUMNS = 'hash, suite_id, expires_at, nonce';

/**
 * The live-stream family and third-party suites on PostgreSQL, with SqliteLivings' semantics.
 * Ids sort with COLLATE "C" so that orders are byte orders, as in SQLite.
 */
export class PostgresLivings {
  constructor(private readonly pool: pg.Pool) {}

  async create(l: Living, remindTime: number | undefined): Promise<void> {
    await this.pool.query(
      `INSERT INTO livings (livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description, remind_time)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [l.livingid, l.corpid, l.creatorAgentid ?? null, l.anchorUserid, l.theme, l.type, l.livingStart, l.livingDuration, l.description, remindTime ?? null],
    );
  }

  async record(corpid: string, livingid: string): Promise<LivingRecord | undefined> {
    const row = (await this.pool.query<LivingRecordRow>(`SELECT ${LIVING_RECORD_COLUMNS} FROM livings WHERE livingid = $1`, [livingid])).rows[0];
    return row && row.corpid === corpid ? toLivingRecord(row) : undefined;
  }

  async update(corpid: string, livingid: string, c: LivingChanges): Promise<boolean> {
    // coalesce keeps what the request does not name; a cancelled live is not changed.
    const res = await this.pool.query(
      `UPDATE livings SET theme = coalesce($3, theme), type = coalesce($4, type), living_start = coalesce($5, living_start),
         living_duration = coalesce($6, living_duration), description = coalesce($7, description), remind_time = coalesce($8, remind_time)
       WHERE livingid = $1 AND corpid = $2 AND cancelled_at IS NULL`,
      [livingid, corpid, c.theme ?? null, c.type ?? null, c.livingStart ?? null, c.livingDuration ?? null, c.description ?? null, c.remindTime ?? null],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async setState(corpid: string, livingid: string, state: 'cancelled' | 'replay_deleted', nowMs: number): Promise<boolean> {
    const column = state === 'cancelled' ? 'cancelled_at' : 'replay_deleted_at';
    const res = await this.pool.query(`UPDATE livings SET ${column} = $1 WHERE livingid = $2 AND corpid = $3 AND ${column} IS NULL`, [nowMs, livingid, corpid]);
    return (res.rowCount ?? 0) > 0;
  }

  async anchorLivings(corpid: string, userid: string, creator: number | undefined, after: AnchorListKey | undefined, limit: number): Promise<AnchorListKey[]> {
    const where = ['corpid = $1', 'anchor_userid = $2'];
    const params: Array<string | number> = [corpid, userid];
    if (creator !== undefined) {
      params.push(creator);
      where.push(`creator_agentid = $${params.length}`);
    }
    if (after) {
      params.push(after.livingStart, after.livingid);
      const [s, id] = [params.length - 1, params.length];
      where.push(`(living_start < $${s} OR (living_start = $${s} AND livingid COLLATE "C" < $${id}))`);
    }
    params.push(limit);
    const sql = `SELECT livingid, living_start FROM livings WHERE ${where.join(' AND ')}
      ORDER BY living_start DESC, livingid COLLATE "C" DESC LIMIT $${params.length}`;
    return (await this.pool.query<AnchorListRow>(sql, params)).rows.map(toAnchorListKey);
  }

  async counts(pk: number): Promise<LivingCounts> {
    const [totals, open] = await Promise.all([
      this.pool.query<{ viewers: number; commenters: number; micTakers: number }>(
        `SELECT count(*) AS viewers, count(*) FILTER (WHERE is_comment = 1) AS commenters, count(*) FILTER (WHERE is_mic = 1) AS "micTakers"
         FROM viewer_stats WHERE living_pk = $1`,
        [pk],
      ),
      this.pool.query<{ open_watch: string }>('SELECT open_watch FROM viewer_stats WHERE living_pk = $1 AND open_watch IS NOT NULL', [pk]),
    ]);
    const { viewers, commenters, micTakers } = totals.rows[0]!;
    return { viewers, commenters, micTakers, open: open.rows.map((r) => JSON.parse(r.open_watch) as OpenWatch) };
  }

  async upsertSuite(suite: Suite): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const before = (await client.query<SuiteRow>('SELECT suite_id, secret_hash, ticket_hash FROM suites WHERE suite_id = $1 FOR UPDATE', [suite.suiteId])).rows[0];
      const res = await client.query(
        `INSERT INTO suites AS s (suite_id, secret_hash, ticket_hash) VALUES ($1, $2, $3)
         ON CONFLICT (suite_id) DO UPDATE SET secret_hash = excluded.secret_hash, ticket_hash = excluded.ticket_hash
         WHERE s.secret_hash IS DISTINCT FROM excluded.secret_hash OR s.ticket_hash IS DISTINCT FROM excluded.ticket_hash`,
        [suite.suiteId, suite.secretHash, suite.ticketHash],
      );
      // A reset secret invalidates the suite tokens the old one obtained.
      if (before && before.secret_hash !== suite.secretHash) await client.query('DELETE FROM suite_tokens WHERE suite_id = $1', [suite.suiteId]);
      return (res.rowCount ?? 0) > 0;
    });
  }

  async suite(suiteId: string): Promise<Suite | undefined> {
    const row = (await this.pool.query<SuiteRow>('SELECT suite_id, secret_hash, ticket_hash FROM suites WHERE suite_id = $1', [suiteId])).rows[0];
    return row && toSuite(row);
  }

  async setAuthorizations(suiteId: string, auths: readonly SuiteAuthorization[]): Promise<boolean> {
    const wanted = [...auths].sort(compareAuthorizations);
    return inTransaction(this.pool, async (client) => {
      const rows = (await client.query<SuiteAuthorizationRow>(`SELECT ${AUTH_COLUMNS} FROM suite_authorizations WHERE suite_id = $1`, [suiteId])).rows;
      const current = rows.map(toSuiteAuthorization).sort(compareAuthorizations);
      if (JSON.stringify(current) === JSON.stringify(wanted)) return false;
      await client.query('DELETE FROM suite_authorizations WHERE suite_id = $1', [suiteId]);
      for (const a of wanted) {
        await client.query('INSERT INTO suite_authorizations (suite_id, corpid, agentid, permanent_code_hash) VALUES ($1, $2, $3, $4)', [suiteId, a.corpid, a.agentid, a.permanentCodeHash]);
      }
      return true;
    });
  }

  async authorizations(suiteId: string, corpid: string | undefined): Promise<SuiteAuthorization[]> {
    const res =
      corpid === undefined
        ? await this.pool.query<SuiteAuthorizationRow>(`SELECT ${AUTH_COLUMNS} FROM suite_authorizations WHERE suite_id = $1`, [suiteId])
        : await this.pool.query<SuiteAuthorizationRow>(`SELECT ${AUTH_COLUMNS} FROM suite_authorizations WHERE suite_id = $1 AND corpid = $2`, [suiteId, corpid]);
    return res.rows.map(toSuiteAuthorization).sort(compareAuthorizations);
  }

  async findSuiteToken(hash: Buffer): Promise<SuiteTokenRecord | undefined> {
    const row = (await this.pool.query<SuiteTokenRow>(`SELECT ${SUITE_TOKEN_COLUMNS} FROM suite_tokens WHERE hash = $1`, [hash])).rows[0];
    return row && toSuiteToken(row);
  }

  async currentSuiteToken(suiteId: string, nowMs: number): Promise<SuiteTokenRecord | undefined> {
    const row = (
      await this.pool.query<SuiteTokenRow>(`SELECT ${SUITE_TOKEN_COLUMNS} FROM suite_tokens WHERE suite_id = $1 AND expires_at > $2 ORDER BY expires_at DESC LIMIT 1`, [suiteId, nowMs])
    ).rows[0];
    return row && toSuiteToken(row);
  }

  async saveSuiteToken(t: SuiteTokenRecord): Promise<boolean> {
    const res = await this.pool.query(
      `INSERT INTO suite_tokens AS t (hash, suite_id, expires_at, nonce) VALUES ($1, $2, $3, $4)
       ON CONFLICT (hash) DO UPDATE SET expires_at = excluded.expires_at WHERE t.expires_at IS DISTINCT FROM excluded.expires_at`,
      [t.hash, t.suiteId, t.expiresAt, t.nonce],
    );
    return (res.rowCount ?? 0) > 0;
  }
}
