import type { FoundShareCode, LivingCodeRecord, PartyRef, ShareCodeRecord } from '../../domain/living-codes.js';
import type { IngestAnchorEvent } from '../../protocol/events.js';
import type { Sql } from '../sql/sql.js';
import type { AnchorOutcome, Changed, LivingCodeStore } from '../store.js';

// A code names its live by livingid; the live must be the corp's, or nothing is inserted.
const LIVING_PK = 'SELECT pk FROM livings WHERE livingid = ? AND corpid = ?';
const SAVE_LIVING_CODE = 'INSERT INTO living_codes (hash, corpid, living_pk, openid, expires_at) VALUES (?, ?, ?, ?, ?)';
const FIND_LIVING_CODE = `SELECT l.livingid, c.openid, c.expires_at FROM living_codes c JOIN livings l ON l.pk = c.living_pk
  WHERE c.hash = ? AND c.corpid = ? AND c.expires_at > ?`;
const SAVE_SHARE_CODE = `INSERT INTO share_codes (hash, corpid, living_pk, viewer_kind, viewer_id, invitor_kind, invitor_id, expires_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
// The viewer's row, if any, holds the inviter of their first entry (get_living_share_info's inviter).
const FIND_SHARE_CODE = `SELECT l.livingid, s.viewer_kind, s.viewer_id, s.invitor_kind, s.invitor_id, s.expires_at,
    v.viewer_id AS row_viewer_id, v.invitor_userid AS row_invitor_userid, v.invitor_external_userid AS row_invitor_external_userid
  FROM share_codes s JOIN livings l ON l.pk = s.living_pk
  LEFT JOIN viewer_stats v ON v.living_pk = s.living_pk AND v.kind = s.viewer_kind AND v.viewer_id = s.viewer_id
  WHERE s.hash = ? AND s.corpid = ? AND s.expires_at > ?`;
const PURGE = {
  living: 'DELETE FROM living_codes WHERE corpid = ? AND expires_at <= ?',
  share: 'DELETE FROM share_codes WHERE corpid = ? AND expires_at <= ?',
} as const;
const ANCHOR_LIVING = 'SELECT pk, corpid, anchor_userid FROM livings WHERE livingid = ?';
const INSERT_ANCHOR_EVENT = 'INSERT INTO anchor_events (corpid, id, living_pk, kind, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING';
// The first on-air and the last off-air: both are order-free, so arrival order never matters.
const ON_AIR = 'UPDATE livings SET on_air_at = CASE WHEN on_air_at IS NULL OR on_air_at > ? THEN ? ELSE on_air_at END WHERE pk = ?';
const OFF_AIR = 'UPDATE livings SET off_air_at = CASE WHEN off_air_at IS NULL OR off_air_at < ? THEN ? ELSE off_air_at END WHERE pk = ?';
const SET_OPEN_REPLAY = 'UPDATE livings SET open_replay = ? WHERE corpid = ? AND livingid = ? AND open_replay <> ?';

interface ShareCodeRow {
  livingid: string;
  viewer_kind: number;
  viewer_id: string;
  invitor_kind: number | null;
  invitor_id: string | null;
  expires_at: number;
  row_viewer_id: string | null;
  row_invitor_userid: string | null;
  row_invitor_external_userid: string | null;
}

const party = (kind: number, id: string): PartyRef => ({ kind: kind === 1 ? 1 : 0, id });

function toFoundShareCode(hash: Buffer, corpid: string, r: ShareCodeRow): FoundShareCode {
  const found: FoundShareCode = { hash, corpid, livingid: r.livingid, viewer: party(r.viewer_kind, r.viewer_id), expiresAt: r.expires_at };
  if (r.invitor_kind !== null && r.invitor_id !== null) found.invitor = party(r.invitor_kind, r.invitor_id);
  if (r.row_viewer_id !== null) {
    const invitor = r.row_invitor_userid !== null ? party(0, r.row_invitor_userid) : r.row_invitor_external_userid !== null ? party(1, r.row_invitor_external_userid) : undefined;
    found.viewerRow = invitor ? { invitor } : {};
  }
  return found;
}

/**
 * The codes of the 直播 family (stored by their SHA-256 only), the anchor's events and the
 * replay setting: the same SQL on both backends. Expired codes of a corp are purged whenever
 * the corp is given a new one, so the tables hold at most five minutes of codes.
 */
export class SqlCodes implements LivingCodeStore {
  constructor(private readonly sql: Sql) {}

  async saveLivingCode(code: LivingCodeRecord, nowMs: number): Promise<Changed> {
    return this.sql.transaction(async (tx) => {
      await tx.run(PURGE.living, [code.corpid, nowMs]);
      const living = await tx.get<{ pk: number }>(LIVING_PK, [code.livingid, code.corpid]);
      if (!living) return false;
      return (await tx.run(SAVE_LIVING_CODE, [code.hash, code.corpid, living.pk, code.openid, code.expiresAt])) > 0;
    });
  }

  async findLivingCode(corpid: string, hash: Buffer, nowMs: number): Promise<LivingCodeRecord | undefined> {
    const row = await this.sql.get<{ livingid: string; openid: string; expires_at: number }>(FIND_LIVING_CODE, [hash, corpid, nowMs]);
    return row && { hash, corpid, livingid: row.livingid, openid: row.openid, expiresAt: row.expires_at };
  }

  async saveShareCodes(codes: readonly ShareCodeRecord[], nowMs: number): Promise<number> {
    if (codes.length === 0) return 0;
    return this.sql.transaction(async (tx) => {
      for (const corpid of new Set(codes.map((c) => c.corpid))) await tx.run(PURGE.share, [corpid, nowMs]);
      let saved = 0;
      for (const c of codes) {
        const living = await tx.get<{ pk: number }>(LIVING_PK, [c.livingid, c.corpid]);
        if (!living) continue;
        saved += await tx.run(SAVE_SHARE_CODE, [c.hash, c.corpid, living.pk, c.viewer.kind, c.viewer.id, c.invitor?.kind ?? null, c.invitor?.id ?? null, c.expiresAt]);
      }
      return saved;
    });
  }

  async findShareCode(corpid: string, hash: Buffer, nowMs: number): Promise<FoundShareCode | undefined> {
    const row = await this.sql.get<ShareCodeRow>(FIND_SHARE_CODE, [hash, corpid, nowMs]);
    return row && toFoundShareCode(hash, corpid, row);
  }

  async ingestAnchorEvents(corpid: string, events: readonly IngestAnchorEvent[]): Promise<AnchorOutcome[]> {
    if (events.length === 0) return [];
    return this.sql.transaction(async (tx) => {
      const outcomes: AnchorOutcome[] = [];
      for (const e of events) {
        const living = await tx.get<{ pk: number; corpid: string; anchor_userid: string }>(ANCHOR_LIVING, [e.livingid]);
        if (living?.corpid !== corpid) outcomes.push('unknown_living');
        else if (living.anchor_userid !== e.anchor.userid) outcomes.push('not_anchor');
        else if ((await tx.run(INSERT_ANCHOR_EVENT, [corpid, e.id, living.pk, e.kind, e.at])) === 0) outcomes.push('duplicate');
        else {
          await tx.run(e.kind === 'anchor_on_air' ? ON_AIR : OFF_AIR, [e.at, e.at, living.pk]);
          outcomes.push('accepted');
        }
      }
      return outcomes;
    });
  }

  async setOpenReplay(corpid: string, livingid: string, openReplay: 0 | 1): Promise<Changed> {
    return (await this.sql.run(SET_OPEN_REPLAY, [openReplay, corpid, livingid, openReplay])) > 0;
  }
}
