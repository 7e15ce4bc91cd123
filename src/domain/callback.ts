/**
 * Callbacks (回调): the URL, Token and EncodingAESKey an app (data callback) or a suite
 * (指令回调) set, and the pushes livestat owes them. The Token and key are kept as given: livestat
 * signs and encrypts with them, as WeCom does, so they cannot be hashed; they never reach a
 * reply, the journal or a log.
 */

/** What an app or suite declares. */
export interface CallbackConfig {
  url: string;
  token: string;
  encodingAesKey: string;
}

/** Whose callback: a corp's app (receiveid = corpid) or a suite (receiveid = suite_id). */
export type CallbackOwner = { kind: 'app'; corpid: string; agentid: number } | { kind: 'suite'; suiteId: string };

/** A stored callback and whether its URL passed the check. */
export interface StoredCallback extends CallbackConfig {
  owner: CallbackOwner;
  verified: boolean;
  /** Suites: when the last suite_ticket was pushed (unix ms by the server's clock). */
  lastTicketAtMs?: number;
}

/** What a push is about: the journal's `kind` too. */
export type CallbackKind = 'url_check' | 'living_status_change' | 'suite_ticket';

/** A push to be delivered: written to the outbox in the transaction of the change it reports. */
export interface OutboxMessage {
  kind: Exclude<CallbackKind, 'url_check'>;
  owner: CallbackOwner;
  /** The inner (decrypted) XML. */
  message: string;
  /** Unix seconds: the push's CreateTime/TimeStamp, the same on every retry. */
  createTime: number;
  /** Unix ms by the owner's clock: the first attempt is due then. */
  dueAtMs: number;
}

/** An outbox row still to be delivered. */
export interface OutboxRow extends OutboxMessage {
  id: number;
  /** Attempts made so far. */
  attempts: number;
}

/** A live whose status changes are pushed: created through the API by an app with a callback. */
export interface WatchedLiving {
  pk: number;
  corpid: string;
  livingid: string;
  creatorAgentid: number;
  appKind: string;
  anchorUserid: string;
  livingStart: number;
  livingDuration: number;
  cancelled: boolean;
  /** The anchor's first on-air and last off-air (unix ms), which living-status.ts reads first. */
  onAirAt?: number;
  offAirAt?: number;
  hasViewers: boolean;
  /** The status last recorded (and pushed, when it was a push); undefined: none yet. */
  recorded: number | undefined;
}

/**
 * Attempts in all: WeCom "总共重试三次" — the first try and three retries. The waits before
 * each retry are livestat's (WeCom publishes none): 10 s, 30 s, 60 s by the owner's clock.
 */
export const CALLBACK_RETRY_DELAYS_MS = [10_000, 30_000, 60_000] as const;
export const CALLBACK_MAX_ATTEMPTS = CALLBACK_RETRY_DELAYS_MS.length + 1;
/** WeCom drops a push that has no answer within 5 s, and a URL check within 1 s. */
export const CALLBACK_PUSH_TIMEOUT_MS = 5_000;
export const CALLBACK_CHECK_TIMEOUT_MS = 1_000;
/** Suite tickets: pushed every 10 minutes, each valid for 30 (doc 90628). */
export const SUITE_TICKET_INTERVAL_MS = 10 * 60_000;
export const SUITE_TICKET_TTL_MS = 30 * 60_000;
