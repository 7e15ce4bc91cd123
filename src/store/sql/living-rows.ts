import type { AnchorListKey, LivingRecord } from '../../domain/living-record.js';
import type { Suite, SuiteAuthorization, SuiteTokenRecord } from '../../domain/suite.js';
import { type LivingRow, toLiving } from './rows.js';

/**
 * Row shapes of the live-stream family's tables, shared by both SQL backends like rows.ts.
 */

export interface LivingRecordRow extends LivingRow {
  remind_time: number | null;
  cancelled_at: number | null;
  replay_deleted_at: number | null;
  open_replay: number;
  on_air_at: number | null;
  off_air_at: number | null;
}

export function toLivingRecord(r: LivingRecordRow): LivingRecord {
  const record: LivingRecord = { ...toLiving(r), cancelled: r.cancelled_at !== null, replayDeleted: r.replay_deleted_at !== null, openReplay: r.open_replay === 0 ? 0 : 1 };
  if (r.remind_time !== null) record.remindTime = r.remind_time;
  if (r.on_air_at !== null) record.onAirAt = r.on_air_at;
  if (r.off_air_at !== null) record.offAirAt = r.off_air_at;
  return record;
}

export interface AnchorListRow {
  livingid: string;
  living_start: number;
}

export function toAnchorListKey(r: AnchorListRow): AnchorListKey {
  return { livingid: r.livingid, livingStart: r.living_start };
}

export interface SuiteRow {
  suite_id: string;
  secret_hash: string;
  ticket_hash: string;
  trusted_ips: string;
}

export function toSuite(r: SuiteRow): Suite {
  return { suiteId: r.suite_id, secretHash: r.secret_hash, ticketHash: r.ticket_hash, trustedIps: JSON.parse(r.trusted_ips) as string[] };
}

export interface SuiteAuthorizationRow {
  corpid: string;
  agentid: number;
  permanent_code_hash: string;
}

export function toSuiteAuthorization(r: SuiteAuthorizationRow): SuiteAuthorization {
  return { corpid: r.corpid, agentid: r.agentid, permanentCodeHash: r.permanent_code_hash };
}

export interface SuiteTokenRow {
  hash: Buffer;
  suite_id: string;
  expires_at: number;
  nonce: Buffer;
}

export function toSuiteToken(r: SuiteTokenRow): SuiteTokenRecord {
  return { hash: r.hash, suiteId: r.suite_id, expiresAt: r.expires_at, nonce: r.nonce };
}

/** The canonical order of authorizations, so a declared list compares equal to a stored one. */
export function compareAuthorizations(a: SuiteAuthorization, b: SuiteAuthorization): number {
  return a.corpid < b.corpid ? -1 : a.corpid > b.corpid ? 1 : a.agentid - b.agentid;
}
