import type { Suite, SuiteAuthorization, SuiteTokenRecord } from '../../domain/suite.js';
import { AUTH_COLUMNS, SUITE_COLUMNS, SUITE_TOKEN_COLUMNS } from '../sql/columns.js';
import {
  type SuiteAuthorizationRow,
  type SuiteRow,
  type SuiteTokenRow,
  compareAuthorizations,
  toSuite,
  toSuiteAuthorization,
  toSuiteToken,
} from '../sql/living-rows.js';
import type { Sql } from '../sql/sql.js';
import type { SuiteStore } from '../store.js';

const GET_SUITE = `SELECT ${SUITE_COLUMNS} FROM suites WHERE suite_id = ?`;
const UPSERT_SUITE = `INSERT INTO suites AS s (${SUITE_COLUMNS}) VALUES (?, ?, ?, ?)
  ON CONFLICT (suite_id) DO UPDATE SET secret_hash = excluded.secret_hash, ticket_hash = excluded.ticket_hash, trusted_ips = excluded.trusted_ips
  WHERE s.secret_hash IS DISTINCT FROM excluded.secret_hash OR s.ticket_hash IS DISTINCT FROM excluded.ticket_hash
    OR s.trusted_ips IS DISTINCT FROM excluded.trusted_ips`;
// The suite that installed an app; the first by id should two suites name the same app.
const SUITE_OF_APP = `SELECT ${SUITE_COLUMNS.split(', ').map((c) => `s.${c}`).join(', ')} FROM suite_authorizations a
  JOIN suites s ON s.suite_id = a.suite_id WHERE a.corpid = ? AND a.agentid = ? ORDER BY s.suite_id LIMIT 1`;
const INSERT_AUTH = 'INSERT INTO suite_authorizations (suite_id, corpid, agentid, permanent_code_hash) VALUES (?, ?, ?, ?)';
const CURRENT_SUITE_TOKEN = `SELECT ${SUITE_TOKEN_COLUMNS} FROM suite_tokens WHERE suite_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1`;
const SAVE_SUITE_TOKEN = `INSERT INTO suite_tokens AS t (${SUITE_TOKEN_COLUMNS}) VALUES (?, ?, ?, ?)
  ON CONFLICT (hash) DO UPDATE SET expires_at = excluded.expires_at WHERE t.expires_at IS DISTINCT FROM excluded.expires_at`;

/** Third-party suites, their authorizations and suite tokens, the same SQL on both backends. */
export class SqlSuites implements SuiteStore {
  private readonly auths: string;
  private readonly corpAuths: string;

  constructor(private readonly sql: Sql) {
    const { byteOrder } = sql.dialect;
    this.auths = `SELECT ${AUTH_COLUMNS} FROM suite_authorizations WHERE suite_id = ? ORDER BY corpid${byteOrder}, agentid`;
    this.corpAuths = `SELECT ${AUTH_COLUMNS} FROM suite_authorizations WHERE suite_id = ? AND corpid = ? ORDER BY agentid`;
  }

  async upsertSuite(suite: Suite): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const before = await tx.get<SuiteRow>(GET_SUITE + tx.dialect.forUpdate, [suite.suiteId]);
      const changed = (await tx.run(UPSERT_SUITE, [suite.suiteId, suite.secretHash, suite.ticketHash, JSON.stringify(suite.trustedIps)])) > 0;
      // A reset secret invalidates the suite tokens the old one obtained.
      if (before && before.secret_hash !== suite.secretHash) await tx.run('DELETE FROM suite_tokens WHERE suite_id = ?', [suite.suiteId]);
      return changed;
    });
  }

  async getSuite(suiteId: string): Promise<Suite | undefined> {
    const row = await this.sql.get<SuiteRow>(GET_SUITE, [suiteId]);
    return row && toSuite(row);
  }

  async suiteOfApp(corpid: string, agentid: number): Promise<Suite | undefined> {
    const row = await this.sql.get<SuiteRow>(SUITE_OF_APP, [corpid, agentid]);
    return row && toSuite(row);
  }

  async setSuiteAuthorizations(suiteId: string, auths: readonly SuiteAuthorization[]): Promise<boolean> {
    const wanted = [...auths].sort(compareAuthorizations);
    const current = (await this.sql.all<SuiteAuthorizationRow>(this.auths, [suiteId])).map(toSuiteAuthorization);
    if (JSON.stringify(current) === JSON.stringify(wanted)) return false;
    return this.sql.transaction(async (tx) => {
      await tx.run('DELETE FROM suite_authorizations WHERE suite_id = ?', [suiteId]);
      for (const a of wanted) await tx.run(INSERT_AUTH, [suiteId, a.corpid, a.agentid, a.permanentCodeHash]);
      return true;
    });
  }

  async listSuiteAuthorizations(suiteId: string, corpid?: string): Promise<SuiteAuthorization[]> {
    const rows = corpid === undefined ? await this.sql.all<SuiteAuthorizationRow>(this.auths, [suiteId]) : await this.sql.all<SuiteAuthorizationRow>(this.corpAuths, [suiteId, corpid]);
    return rows.map(toSuiteAuthorization);
  }

  async findSuiteToken(hash: Buffer): Promise<SuiteTokenRecord | undefined> {
    const row = await this.sql.get<SuiteTokenRow>(`SELECT ${SUITE_TOKEN_COLUMNS} FROM suite_tokens WHERE hash = ?`, [hash]);
    return row && toSuiteToken(row);
  }

  async currentSuiteToken(suiteId: string, nowMs: number): Promise<SuiteTokenRecord | undefined> {
    const row = await this.sql.get<SuiteTokenRow>(CURRENT_SUITE_TOKEN, [suiteId, nowMs]);
    return row && toSuiteToken(row);
  }

  async saveSuiteToken(t: SuiteTokenRecord): Promise<boolean> {
    return (await this.sql.run(SAVE_SUITE_TOKEN, [t.hash, t.suiteId, t.expiresAt, t.nonce])) > 0;
  }
}
