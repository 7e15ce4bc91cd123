import type { Database, Statement } from 'better-sqlite3';
import type { AnchorListKey, LivingChanges, LivingCounts, LivingRecord } from '../../domain/living-record.js';
import type { Living, OpenWatch } from '../../domain/model.js';
import type { Suite, SuiteAuthorization, SuiteTokenRecord } from '../../domain/suite.js';
import { livingParams } from '../sql-rows.js';
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

/**
 * The live-stream family (create, modify, cancel, get_living_info, get_user_all_livingid,
 * delete_replay_data) and third-party suites on SQLite. SqliteStore delegates to this.
 */
export class SqliteLivings {
  private readonly stmt;
  private readonly listStatements = new Map<string, Statement<unknown[], AnchorListRow>>();

  constructor(private readonly db: Database) {
    this.stmt = {
      record: db.prepare<[string], LivingRecordRow>(`SELECT ${LIVING_RECORD_COLUMNS} FROM livings WHERE livingid = ?`),
      create: db.prepare(
        `INSERT INTO livings (livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description, remind_time)
         VALUES (@livingid, @corpid, @creator_agentid, @anchor_userid, @theme, @type, @living_start, @living_duration, @description, @remind_time)`,
      ),
      // coalesce keeps what the request does not name; a cancelled live is not changed.
      update: db.prepare(
        `UPDATE livings SET theme = coalesce(@theme, theme), type = coalesce(@type, type), living_start = coalesce(@living_start, living_start),
           living_duration = coalesce(@living_duration, living_duration), description = coalesce(@description, description),
           remind_time = coalesce(@remind_time, remind_time)
         WHERE livingid = @livingid AND corpid = @corpid AND cancelled_at IS NULL`,
      ),
      cancel: db.prepare('UPDATE livings SET cancelled_at = ? WHERE livingid = ? AND corpid = ? AND cancelled_at IS NULL'),
      deleteReplay: db.prepare('UPDATE livings SET replay_deleted_at = ? WHERE livingid = ? AND corpid = ? AND replay_deleted_at IS NULL'),
      counts: db.prepare<[number], { viewers: number; commenters: number; micTakers: number }>(
        'SELECT count(*) AS viewers, total(is_comment) AS commenters, total(is_mic) AS micTakers FROM viewer_stats WHERE living_pk = ?',
      ),
      open: db.prepare<[number], { open_watch: string }>('SELECT open_watch FROM viewer_stats WHERE living_pk = ? AND open_watch IS NOT NULL'),
      getSuite: db.prepare<[string], SuiteRow>('SELECT suite_id, secret_hash, ticket_hash FROM suites WHERE suite_id = ?'),
      upsertSuite: db.prepare(
        `INSERT INTO suites (suite_id, secret_hash, ticket_hash) VALUES (?, ?, ?)
         ON CONFLICT (suite_id) DO UPDATE SET secret_hash = excluded.secret_hash, ticket_hash = excluded.ticket_hash
         WHERE secret_hash IS NOT excluded.secret_hash OR ticket_hash IS NOT excluded.ticket_hash`,
      ),
      dropSuiteTokens: db.prepare('DELETE FROM suite_tokens WHERE suite_id = ?'),
      auths: db.prepare<[string], SuiteAuthorizationRow>(
        'SELECT corpid, agentid, permanent_code_hash FROM suite_authorizations WHERE suite_id = ? ORDER BY corpid, agentid',
      ),
      corpAuths: db.prepare<[string, string], SuiteAuthorizationRow>(
        'SELECT corpid, agentid, permanent_code_hash FROM suite_authorizations WHERE suite_id = ? AND corpid = ? ORDER BY agentid',
      ),
      deleteAuths: db.prepare('DELETE FROM suite_authorizations WHERE suite_id = ?'),
      insertAuth: db.prepare('INSERT INTO suite_authorizations (suite_id, corpid, agentid, permanent_code_hash) VALUES (?, ?, ?, ?)'),
      findSuiteToken: db.prepare<[Buffer], SuiteTokenRow>('SELECT hash, suite_id, expires_at, nonce FROM suite_tokens WHERE hash = ?'),
      currentSuiteToken: db.prepare<[string, number], SuiteTokenRow>(
        'SELECT hash, suite_id, expires_at, nonce FROM suite_tokens WHERE suite_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1',
      ),
      saveSuiteToken: db.prepare(
        `INSERT INTO suite_tokens (hash, suite_id, expires_at, nonce) VALUES (?, ?, ?, ?)
         ON CONFLICT (hash) DO UPDATE SET expires_at = excluded.expires_at WHERE expires_at IS NOT excluded.expires_at`,
      ),
    };
  }

  create(l: Living, remindTime: number | undefined): void {
    this.stmt.create.run({ ...livingParams(l), remind_time: remindTime ?? null });
  }

  record(corpid: string, livingid: string): LivingRecord | undefined {
    const row = this.stmt.record.get(livingid);
    return row && row.corpid === corpid ? toLivingRecord(row) : undefined;
  }

  update(corpid: string, livingid: string, c: LivingChanges): boolean {
    const params = {
      livingid,
      corpid,
      theme: c.theme ?? null,
      type: c.type ?? null,
      living_start: c.livingStart ?? null,
      living_duration: c.livingDuration ?? null,
      description: c.description ?? null,
      remind_time: c.remindTime ?? null,
    };
    return this.stmt.update.run(params).changes > 0;
  }

  setState(corpid: string, livingid: string, state: 'cancelled' | 'replay_deleted', nowMs: number): boolean {
    const stmt = state === 'cancelled' ? this.stmt.cancel : this.stmt.deleteReplay;
    return stmt.run(nowMs, livingid, corpid).changes > 0;
  }

  anchorLivings(corpid: string, userid: string, creator: number | undefined, after: AnchorListKey | undefined, limit: number): AnchorListKey[] {
    const where = ['corpid = ?', 'anchor_userid = ?'];
    const params: Array<string | number> = [corpid, userid];
    if (creator !== undefined) {
      where.push('creator_agentid = ?');
      params.push(creator);
    }
    if (after) {
      where.push('(living_start, livingid) < (?, ?)');
      params.push(after.livingStart, after.livingid);
    }
    const sql = `SELECT livingid, living_start FROM livings WHERE ${where.join(' AND ')} ORDER BY living_start DESC, livingid DESC LIMIT ?`;
    let stmt = this.listStatements.get(sql);
    if (!stmt) {
      // Four shapes at most (with or without a creator and a cursor).
      stmt = this.db.prepare<unknown[], AnchorListRow>(sql);
      this.listStatements.set(sql, stmt);
    }
    return stmt.all(...params, limit).map(toAnchorListKey);
  }

  counts(pk: number): LivingCounts {
    const { viewers, commenters, micTakers } = this.stmt.counts.get(pk)!;
    const open = this.stmt.open.all(pk).map((r) => JSON.parse(r.open_watch) as OpenWatch);
    return { viewers, commenters, micTakers, open };
  }

  upsertSuite(suite: Suite): boolean {
    return this.db.transaction(() => {
      const before = this.stmt.getSuite.get(suite.suiteId);
      const changed = this.stmt.upsertSuite.run(suite.suiteId, suite.secretHash, suite.ticketHash).changes > 0;
      // A reset secret invalidates the suite tokens the old one obtained.
      if (before && before.secret_hash !== suite.secretHash) this.stmt.dropSuiteTokens.run(suite.suiteId);
      return changed;
    })();
  }

  suite(suiteId: string): Suite | undefined {
    const row = this.stmt.getSuite.get(suiteId);
    return row && toSuite(row);
  }

  setAuthorizations(suiteId: string, auths: readonly SuiteAuthorization[]): boolean {
    const wanted = [...auths].sort(compareAuthorizations);
    const current = this.stmt.auths.all(suiteId).map(toSuiteAuthorization);
    if (JSON.stringify(current) === JSON.stringify(wanted)) return false;
    this.db.transaction(() => {
      this.stmt.deleteAuths.run(suiteId);
      for (const a of wanted) this.stmt.insertAuth.run(suiteId, a.corpid, a.agentid, a.permanentCodeHash);
    }).immediate();
    return true;
  }

  authorizations(suiteId: string, corpid: string | undefined): SuiteAuthorization[] {
    const rows = corpid === undefined ? this.stmt.auths.all(suiteId) : this.stmt.corpAuths.all(suiteId, corpid);
    return rows.map(toSuiteAuthorization);
  }

  findSuiteToken(hash: Buffer): SuiteTokenRecord | undefined {
    const row = this.stmt.findSuiteToken.get(hash);
    return row && toSuiteToken(row);
  }

  currentSuiteToken(suiteId: string, nowMs: number): SuiteTokenRecord | undefined {
    const row = this.stmt.currentSuiteToken.get(suiteId, nowMs);
    return row && toSuiteToken(row);
  }

  saveSuiteToken(t: SuiteTokenRecord): boolean {
    return this.stmt.saveSuiteToken.run(t.hash, t.suiteId, t.expiresAt, t.nonce).changes > 0;
  }
}
