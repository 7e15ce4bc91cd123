import type { CallbackConfig, CallbackOwner, OutboxMessage, OutboxRow, StoredCallback, WatchedLiving } from '../../domain/callback.js';
import type { Sql } from '../sql/sql.js';
import type { CallbackStore } from '../store.js';

interface CallbackRow {
  corpid?: string;
  agentid?: number;
  suite_id?: string;
  url: string;
  token: string;
  encoding_aes_key: string;
  verified_at: number | null;
  last_ticket_at?: number | null;
}

interface WatchedRow {
  pk: number;
  corpid: string;
  livingid: string;
  creator_agentid: number;
  kind: string;
  anchor_userid: string;
  living_start: number;
  living_duration: number;
  cancelled_at: number | null;
  on_air_at: number | null;
  off_air_at: number | null;
  has_viewers: number | boolean;
  status: number | null;
}

interface OutboxDbRow {
  id: number;
  kind: OutboxMessage['kind'];
  corpid: string | null;
  agentid: number | null;
  suite_id: string | null;
  message: string;
  create_time: number;
  due_at: number;
  attempts: number;
}

const APP_COLUMNS = 'corpid, agentid, url, token, encoding_aes_key, verified_at';
const SUITE_COLUMNS = 'suite_id, url, token, encoding_aes_key, verified_at, last_ticket_at';
const WATCHED = `SELECT l.pk, l.corpid, l.livingid, l.creator_agentid, a.kind, l.anchor_userid, l.living_start, l.living_duration, l.cancelled_at, l.on_air_at, l.off_air_at,
    EXISTS (SELECT 1 FROM viewer_stats v WHERE v.living_pk = l.pk) AS has_viewers, s.status
  FROM livings l JOIN apps a ON a.corpid = l.corpid AND a.agentid = l.creator_agentid
  LEFT JOIN living_callback_status s ON s.living_pk = l.pk`;
// Ended (2), expired (3) and cancelled (4) are final: a live recorded at one needs no more looks.
const WATCHED_ALL = `${WATCHED} JOIN app_callbacks c ON c.corpid = l.corpid AND c.agentid = l.creator_agentid
  WHERE c.verified_at IS NOT NULL AND (s.status IS NULL OR s.status < 2) ORDER BY l.pk`;
const WATCHED_OF_APP = `${WATCHED} WHERE l.corpid = ? AND l.creator_agentid = ? ORDER BY l.pk`;
const OUTBOX_COLUMNS = 'id, kind, corpid, agentid, suite_id, message, create_time, due_at, attempts';
const INSERT_OUTBOX = 'INSERT INTO callback_outbox (kind, corpid, agentid, suite_id, message, create_time, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

function toCallback(r: CallbackRow): StoredCallback {
  const owner: CallbackOwner = r.suite_id !== undefined ? { kind: 'suite', suiteId: r.suite_id } : { kind: 'app', corpid: r.corpid!, agentid: r.agentid! };
  const out: StoredCallback = { owner, url: r.url, token: r.token, encodingAesKey: r.encoding_aes_key, verified: r.verified_at !== null };
  if (r.last_ticket_at !== undefined && r.last_ticket_at !== null) out.lastTicketAtMs = r.last_ticket_at;
  return out;
}

function toWatched(r: WatchedRow): WatchedLiving {
  return {
    pk: r.pk,
    corpid: r.corpid,
    livingid: r.livingid,
    creatorAgentid: r.creator_agentid,
    appKind: r.kind,
    anchorUserid: r.anchor_userid,
    livingStart: r.living_start,
    livingDuration: r.living_duration,
    cancelled: r.cancelled_at !== null,
    ...(r.on_air_at === null ? {} : { onAirAt: r.on_air_at }),
    ...(r.off_air_at === null ? {} : { offAirAt: r.off_air_at }),
    hasViewers: r.has_viewers === true || r.has_viewers === 1,
    recorded: r.status ?? undefined,
  };
}

function outboxParams(m: OutboxMessage): unknown[] {
  const app = m.owner.kind === 'app' ? m.owner : undefined;
  const suite = m.owner.kind === 'suite' ? m.owner.suiteId : null;
  return [m.kind, app?.corpid ?? null, app?.agentid ?? null, suite, m.message, m.createTime, m.dueAtMs];
}

function toOutbox(r: OutboxDbRow): OutboxRow {
  const owner: CallbackOwner = r.suite_id !== null ? { kind: 'suite', suiteId: r.suite_id } : { kind: 'app', corpid: r.corpid!, agentid: r.agentid! };
  return { id: r.id, kind: r.kind, owner, message: r.message, createTime: r.create_time, dueAtMs: r.due_at, attempts: r.attempts };
}

/** Callback URLs, watched lives' recorded statuses, pushed suite tickets and the outbox, the same SQL on both backends. */
export class SqlCallbacks implements CallbackStore {
  constructor(private readonly sql: Sql) {}

  async setCallback(owner: CallbackOwner, config: CallbackConfig | undefined): Promise<boolean> {
    const current = await this.getCallback(owner);
    const same = config !== undefined && current?.url === config.url && current.token === config.token && current.encodingAesKey === config.encodingAesKey;
    if (same || (!current && !config)) return false;
    if (owner.kind === 'app') {
      if (!config) return (await this.sql.run('DELETE FROM app_callbacks WHERE corpid = ? AND agentid = ?', [owner.corpid, owner.agentid])) > 0;
      // A new URL or key is unchecked again: its callbacks stay off until a check succeeds.
      await this.sql.run(
        `INSERT INTO app_callbacks (${APP_COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (corpid, agentid) DO UPDATE SET url = excluded.url, token = excluded.token, encoding_aes_key = excluded.encoding_aes_key, verified_at = NULL`,
        [owner.corpid, owner.agentid, config.url, config.token, config.encodingAesKey],
      );
      return true;
    }
    if (!config) return (await this.sql.run('DELETE FROM suite_callbacks WHERE suite_id = ?', [owner.suiteId])) > 0;
    await this.sql.run(
      `INSERT INTO suite_callbacks (${SUITE_COLUMNS}) VALUES (?, ?, ?, ?, NULL, NULL) ON CONFLICT (suite_id) DO UPDATE SET url = excluded.url, token = excluded.token, encoding_aes_key = excluded.encoding_aes_key, verified_at = NULL`,
      [owner.suiteId, config.url, config.token, config.encodingAesKey],
    );
    return true;
  }

  async getCallback(owner: CallbackOwner): Promise<StoredCallback | undefined> {
    const row =
      owner.kind === 'app'
        ? await this.sql.get<CallbackRow>(`SELECT ${APP_COLUMNS} FROM app_callbacks WHERE corpid = ? AND agentid = ?`, [owner.corpid, owner.agentid])
        : await this.sql.get<CallbackRow>(`SELECT ${SUITE_COLUMNS} FROM suite_callbacks WHERE suite_id = ?`, [owner.suiteId]);
    return row && toCallback(row);
  }

  async listCallbacks(): Promise<StoredCallback[]> {
    const apps = await this.sql.all<CallbackRow>(`SELECT ${APP_COLUMNS} FROM app_callbacks ORDER BY corpid, agentid`);
    const suites = await this.sql.all<CallbackRow>(`SELECT ${SUITE_COLUMNS} FROM suite_callbacks ORDER BY suite_id`);
    return [...apps, ...suites].map(toCallback);
  }

  async setCallbackVerified(owner: CallbackOwner, atMs: number | undefined): Promise<void> {
    if (owner.kind === 'app') await this.sql.run('UPDATE app_callbacks SET verified_at = ? WHERE corpid = ? AND agentid = ?', [atMs ?? null, owner.corpid, owner.agentid]);
    else await this.sql.run('UPDATE suite_callbacks SET verified_at = ? WHERE suite_id = ?', [atMs ?? null, owner.suiteId]);
  }

  async listWatchedLivings(app?: { corpid: string; agentid: number }): Promise<WatchedLiving[]> {
    const rows = app ? await this.sql.all<WatchedRow>(WATCHED_OF_APP, [app.corpid, app.agentid]) : await this.sql.all<WatchedRow>(WATCHED_ALL);
    return rows.map(toWatched);
  }

  async recordLivingStatus(livingPk: number, from: number | undefined, to: number, push: OutboxMessage | undefined): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      // Compare-and-set, so two processes that see the same change push it once.
      const changed =
        from === undefined
          ? await tx.run('INSERT INTO living_callback_status (living_pk, status) VALUES (?, ?) ON CONFLICT (living_pk) DO NOTHING', [livingPk, to])
          : await tx.run('UPDATE living_callback_status SET status = ? WHERE living_pk = ? AND status = ?', [to, livingPk, from]);
      if (changed > 0 && push) await tx.run(INSERT_OUTBOX, outboxParams(push));
      return changed > 0;
    });
  }

  async baselineLivingStatus(livingPk: number, status: number): Promise<void> {
    await this.sql.run('INSERT INTO living_callback_status (living_pk, status) VALUES (?, ?) ON CONFLICT (living_pk) DO UPDATE SET status = excluded.status', [livingPk, status]);
  }

  async pushSuiteTicket(suiteId: string, previousAtMs: number | undefined, ticketHash: Buffer, expiresAtMs: number, push: OutboxMessage): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const claimed =
        previousAtMs === undefined
          ? await tx.run('UPDATE suite_callbacks SET last_ticket_at = ? WHERE suite_id = ? AND last_ticket_at IS NULL', [push.dueAtMs, suiteId])
          : await tx.run('UPDATE suite_callbacks SET last_ticket_at = ? WHERE suite_id = ? AND last_ticket_at = ?', [push.dueAtMs, suiteId, previousAtMs]);
      if (claimed === 0) return false;
      await tx.run('INSERT INTO suite_tickets (suite_id, ticket_hash, expires_at) VALUES (?, ?, ?)', [suiteId, ticketHash, expiresAtMs]);
      // Tickets long expired are of no use, not even to tell "expired" from "wrong".
      await tx.run('DELETE FROM suite_tickets WHERE suite_id = ? AND expires_at < ?', [suiteId, push.dueAtMs - 24 * 3600_000]);
      await tx.run(INSERT_OUTBOX, outboxParams(push));
      return true;
    });
  }

  async suiteTicketExpiry(suiteId: string, ticketHash: Buffer): Promise<number | undefined> {
    const row = await this.sql.get<{ expires_at: number }>('SELECT expires_at FROM suite_tickets WHERE suite_id = ? AND ticket_hash = ?', [suiteId, ticketHash]);
    return row?.expires_at;
  }

  async pendingOutbox(limit: number): Promise<OutboxRow[]> {
    return (await this.sql.all<OutboxDbRow>(`SELECT ${OUTBOX_COLUMNS} FROM callback_outbox WHERE state = 0 ORDER BY id LIMIT ?`, [limit])).map(toOutbox);
  }

  async claimOutbox(id: number, attempts: number, nextDueAtMs: number): Promise<boolean> {
    return (await this.sql.run('UPDATE callback_outbox SET attempts = ?, due_at = ? WHERE id = ? AND attempts = ? AND state = 0', [attempts + 1, nextDueAtMs, id, attempts])) > 0;
  }

  async finishOutbox(id: number, delivered: boolean): Promise<void> {
    // The message goes: a suite_ticket push holds a credential, and nobody reads a sent one.
    await this.sql.run("UPDATE callback_outbox SET state = ?, message = '' WHERE id = ?", [delivered ? 1 : 2, id]);
  }
}
