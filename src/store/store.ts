import type { ViewerFoldInput } from '../domain/activity/fold-viewer.js';
import type { ViewerEvent } from '../domain/activity/viewer-state.js';
import type { ViewerPosition } from '../domain/viewer-position.js';
import type { WireRow } from '../domain/wire-row.js';
import type { IngestAnchorEvent, IngestEvent } from '../protocol/events.js';
import type { FoundShareCode, LivingCodeRecord, ShareCodeRecord } from '../domain/living-codes.js';
import type { JoinedPage } from '../domain/watch-stat-page.js';
import type { App, Corp, Living, ViewerStat } from '../domain/model.js';
import type { AudienceCounts, AudienceQuery, InviterStanding, WatchTimeCount } from './audience-queries.js';
import type { AnchorListKey, LivingChanges, LivingCounts, LivingRecord } from '../domain/living-record.js';
import type { Suite, SuiteAuthorization, SuiteTokenRecord } from '../domain/suite.js';
import type { SnapshotStore } from './snapshot-rows.js';
import type { ControlStore } from './control-rows.js';
import type { CallbackConfig, CallbackOwner, OutboxMessage, OutboxRow, StoredCallback, WatchedLiving } from '../domain/callback.js';

/** A stored access token (the token itself is never stored, only its SHA-256). */
export interface TokenRecord {
  hash: Buffer;
  corpid: string;
  agentid: number;
  /** Unix ms; undefined = never expires (tokens pre-issued by a scenario). */
  expiresAt?: number;
  /** Set for tokens issued by gettoken: re-deriving from it and the secret gives the same token. */
  nonce?: Buffer;
}

/** What a scenario asks for a live's generated viewers. */
export interface SyntheticSpec {
  members: number;
  external: number;
  seed: number;
  /** The live's length: nobody watches longer. */
  durationSeconds: number;
}

/** What became of each event of an ingested batch, in order. */
export type IngestOutcome = 'accepted' | 'duplicate' | 'unknown_living';

/**
 * The rule that turns one viewer's events into their row. For every viewer a batch touched,
 * the store reads the stored fold state, asks `needsAll`, reads all the viewer's events only
 * if so, and calls `fold` — inside the batch's transaction, so rules stay in domain/ while the
 * refold is atomic with the events it reflects.
 */
export interface ViewerFold {
  /** Whether the viewer's new events need all their events (else prior + added suffice). */
  needsAll(prior: string | undefined, added: readonly ViewerEvent[]): boolean;
  /** The viewer's row and the fold state (JSON) to keep for the next batch. */
  fold(input: ViewerFoldInput): { stat: ViewerStat; state: string };
}

/** A token and who it was issued to; app or corp undefined when they are gone. */
export interface FoundCaller {
  token: TokenRecord;
  app: App | undefined;
  corp: Corp | undefined;
}

/** Returns true when the call changed what was stored (idempotent loads change nothing). */
export type Changed = boolean;

/** Corps, their apps and app secrets, and access tokens (gettoken). */
export interface TokenStore {
  upsertCorp(corp: Corp): Promise<Changed>;
  getCorp(corpid: string): Promise<Corp | undefined>;
  /** `secretHash` undefined keeps the stored one; null removes it. */
  upsertApp(app: App, secretHash?: string | null): Promise<Changed>;
  getApp(corpid: string, agentid: number): Promise<App | undefined>;
  /** The corp's apps that have a secret, with its stored hash. */
  listAppSecrets(corpid: string): Promise<{ agentid: number; secretHash: string }[]>;
  findToken(hash: Buffer): Promise<TokenRecord | undefined>;
  /** The token with its app and corp as getApp and getCorp give them, read together (one round trip on PostgreSQL). */
  findCaller(hash: Buffer): Promise<FoundCaller | undefined>;
  /** The newest gettoken-issued token of an app that is still valid at `nowMs`. */
  currentToken(corpid: string, agentid: number, nowMs: number): Promise<TokenRecord | undefined>;
  /** Inserts, or updates the expiry of a token with the same hash. */
  saveToken(token: TokenRecord): Promise<Changed>;
  /** Drops every token of an app (its secret was reset). */
  revokeTokens(corpid: string, agentid: number): Promise<void>;
  /** Forgets tokens that expired before `beforeMs`. */
  purgeTokens(beforeMs: number): Promise<number>;
}

/** Lives: the scenario's upsert and the rest of the live-stream family (create, modify, cancel, get_living_info, ...). */
export interface LivingStore {
  upsertLiving(living: Living): Promise<Changed>;
  getLiving(corpid: string, livingid: string): Promise<Living | undefined>;
  /** Inserts a new live (its livingid is fresh: a clash throws). */
  createLiving(living: Living, remindTime: number | undefined): Promise<void>;
  /** The live with its reminder, cancellation and replay state; undefined when it is not the corp's. */
  getLivingRecord(corpid: string, livingid: string): Promise<LivingRecord | undefined>;
  /** Applies `changes` to a live that is not cancelled; false when nothing was updated. */
  updateLiving(corpid: string, livingid: string, changes: LivingChanges): Promise<Changed>;
  /** Marks a live cancelled or its replay deleted, once; false when it already was (or is not the corp's). */
  setLivingState(corpid: string, livingid: string, state: 'cancelled' | 'replay_deleted', nowMs: number): Promise<Changed>;
  /** Up to `limit` lives the member anchors, newest start first, after `after`; only `creatorAgentid`'s when given. */
  listAnchorLivings(corpid: string, anchorUserid: string, creatorAgentid: number | undefined, after: AnchorListKey | undefined, limit: number): Promise<AnchorListKey[]>;
  /** Viewer, commenter and mic counts of a live, and its rows still open. */
  livingCounts(corpid: string, livingid: string): Promise<LivingCounts>;
}

/** Viewer rows (declared, generated, folded from events), get_watch_stat's pages, and event ingest. */
export interface ViewerStore {
  /** Makes the live's declared viewers exactly `viewers` (other sources are untouched). */
  setDeclaredViewers(corpid: string, livingid: string, viewers: readonly ViewerStat[]): Promise<Changed>;
  /** Makes the live's generated viewers match `spec`, generating rows only when it changed. */
  setSyntheticViewers(corpid: string, livingid: string, spec: SyntheticSpec, rows: () => Iterable<ViewerStat>): Promise<Changed>;
  /** Up to `limit` viewers after `after` in the stable order (members by id, then external viewers by id). */
  pageViewers(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): Promise<ViewerStat[]>;
  countViewers(corpid: string, livingid: string): Promise<number>;
  /**
   * Joins and stores the live's get_watch_stat pages of `pageSize` unless some are stored
   * (store/core/stored-pages.ts); false when there was nothing to do.
   */
  storeLivingPages(corpid: string, livingid: string, pageSize: number): Promise<boolean>;
  /** How many of the live's get_watch_stat pages are stored ahead, of any page size (store/core/stored-pages.ts). */
  countStoredPages(corpid: string, livingid: string): Promise<number>;
  /**
   * The same page as pageViewers, as the stored wire entries (domain/wire-row.ts): what
   * get_watch_stat serves. Rows of viewers still watching carry `openWatch`.
   */
  pageWire(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): Promise<WireRow[]>;
  /**
   * The `pageSize` viewers after `after` with their entries already joined (domain
   * watch-stat-page.ts), or undefined when one of them is still watching (then pageWire is
   * what to serve: those entries depend on the clock).
   */
  pageJoined(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<JoinedPage | undefined>;
  /**
   * The live as getLiving gives it and, when there is one, its page as pageJoined gives it:
   * what get_watch_stat reads, in one round trip on PostgreSQL.
   */
  livingPage(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<LivingPage>;
  saveIngestKey(hash: Buffer, corpid: string): Promise<Changed>;
  /** The corp an ingest key belongs to. */
  findIngestKey(hash: Buffer): Promise<string | undefined>;
  /**
   * Stores a batch of events of one corp and refolds every viewer they touch, atomically;
   * durable when it resolves. An event whose id the corp already sent is a duplicate and
   * changes nothing; an event for a live that is not the corp's is not stored.
   */
  ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]>;
}

/** What became of an anchor event: as a viewer event, or `not_anchor` when it names another member than the live's anchor. */
export type AnchorOutcome = IngestOutcome | 'not_anchor';

/** The codes of the 直播 family (kept as SHA-256 only), the anchor's events and the replay setting. */
export interface LivingCodeStore {
  /** Stores a living_code of the corp's live (false when the live is not the corp's); drops the corp's codes expired at `nowMs`. */
  saveLivingCode(code: LivingCodeRecord, nowMs: number): Promise<Changed>;
  /** The corp's living_code with this hash, if still valid at `nowMs`. */
  findLivingCode(corpid: string, hash: Buffer, nowMs: number): Promise<LivingCodeRecord | undefined>;
  /** Stores share codes (those naming a live that is not their corp's are skipped); drops the corps' codes expired at `nowMs`. */
  saveShareCodes(codes: readonly ShareCodeRecord[], nowMs: number): Promise<number>;
  /** The corp's share code with this hash, if still valid at `nowMs`, with the viewer's row on the live. */
  findShareCode(corpid: string, hash: Buffer, nowMs: number): Promise<FoundShareCode | undefined>;
  /**
   * Stores the anchor's on-air and off-air events of one corp, in one transaction, and keeps each
   * live's first on-air and last off-air time (LivingRecord.onAirAt / offAirAt).
   */
  ingestAnchorEvents(corpid: string, events: readonly IngestAnchorEvent[]): Promise<AnchorOutcome[]>;
  /** Sets a live's replay setting; false when unchanged or not the corp's. */
  setOpenReplay(corpid: string, livingid: string, openReplay: 0 | 1): Promise<Changed>;
}

/** A live and its page (undefined when some viewer on it is still watching; see pageJoined). */
export interface LivingPage {
  living: Living | undefined;
  page: JoinedPage | undefined;
}

/** Rate-limit counters and blocks. */
export interface RateLimitStore {
  /** Adds one to each counter (creating it) and returns the new counts, in order. */
  bumpCounters(counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[]>;
  /** The latest block end among `keys`, if any is blocked at `nowMs`. */
  blockedUntil(keys: readonly string[], nowMs: number): Promise<number | undefined>;
  block(key: string, untilMs: number): Promise<void>;
  /**
   * A call's whole check: undefined when any of `blockKeys` is blocked at `nowMs` (nothing is
   * counted then), else bumpCounters' counts. One round trip where the counters are tables.
   */
  countUnlessBlocked(blockKeys: readonly string[], counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[] | undefined>;
  /** Forgets the counters and blocks of one corp (keys `corp:<corpid>:…`), or every one when undefined. */
  forgetLimits(corpid: string | undefined): Promise<void>;
}

/** Removing parts of the world at run time (the control API's DELETE and reset). */
interface WorldStore {
  /** The corp and everything of it: apps, secrets, tokens, ingest keys, lives, viewers, events, suite authorizations, rate limits. */
  deleteCorp(corpid: string): Promise<Changed>;
  /** The app with its tokens and suite authorizations; the corp's lives stay. */
  deleteApp(corpid: string, agentid: number): Promise<Changed>;
  /** The live with its viewer rows and events. */
  deleteLiving(corpid: string, livingid: string): Promise<Changed>;
  /** Drops every token of the corp's apps; returns how many. */
  deleteCorpTokens(corpid: string): Promise<number>;
  /** Drops the corp's ingest keys; returns how many. */
  deleteIngestKeys(corpid: string): Promise<number>;
  /** The agentids of the corp's apps, ascending. */
  listAgentids(corpid: string): Promise<number[]>;
  /** How many events the live holds (0 when it is not the corp's). */
  countEvents(corpid: string, livingid: string): Promise<number>;
  /** Every corp and suite and every rate limit; the server secret stays. */
  deleteEverything(): Promise<Changed>;
}

/** The dashboard's reads; semantics in audience-queries.ts. */
export interface DashboardStore {
  /** Every corp, by corpid. */
  listCorps(): Promise<Corp[]>;
  /** The corp's lives with their cancellation and replay state, latest start first, then by livingid. */
  listLivings(corpid: string): Promise<LivingRecord[]>;
  audienceCounts(corpid: string, livingid: string): Promise<AudienceCounts>;
  /** Each stored watch time with its number of viewers, ascending by watch time. */
  watchTimeCounts(corpid: string, livingid: string): Promise<WatchTimeCount[]>;
  /** The `limit` inviters who brought the most viewers (ties: more watch time, then kind, id). */
  inviterLeaderboard(corpid: string, livingid: string, limit: number): Promise<InviterStanding[]>;
  /** The live's viewers whose watch time still grows (`openWatch` set), in no order. */
  openViewers(corpid: string, livingid: string): Promise<ViewerStat[]>;
  /** One keyset page of the audience: see AudienceQuery. */
  pageAudience(corpid: string, livingid: string, query: AudienceQuery): Promise<ViewerStat[]>;
  /** Every stored activity event of the live, by time (the audience timeline's input); none for a live of another corp. */
  livingEvents(corpid: string, livingid: string): Promise<ViewerEvent[]>;
}

/** Third-party suites: declared in scenarios, hashed. */
export interface SuiteStore {
  /** Inserts or updates a suite; a changed secret drops the suite's tokens. */
  upsertSuite(suite: Suite): Promise<Changed>;
  getSuite(suiteId: string): Promise<Suite | undefined>;
  /** The suite whose authorizations name this app (its provider), if any. */
  suiteOfApp(corpid: string, agentid: number): Promise<Suite | undefined>;
  /** Makes the suite's authorizations exactly `auths` (hashes already computed by the caller). */
  setSuiteAuthorizations(suiteId: string, auths: readonly SuiteAuthorization[]): Promise<Changed>;
  /** The suite's authorizations in one corp. */
  listSuiteAuthorizations(suiteId: string, corpid?: string): Promise<SuiteAuthorization[]>;
  findSuiteToken(hash: Buffer): Promise<SuiteTokenRecord | undefined>;
  /** The newest suite token still valid at `nowMs`. */
  currentSuiteToken(suiteId: string, nowMs: number): Promise<SuiteTokenRecord | undefined>;
  /** Inserts, or updates the expiry of a suite token with the same hash. */
  saveSuiteToken(token: SuiteTokenRecord): Promise<Changed>;
}

/** Callbacks: URLs and keys, the statuses pushed, suite tickets, and the outbox (server/callbacks/). */
export interface CallbackStore {
  /** Sets or (undefined) removes a callback; a changed one is unchecked again. */
  setCallback(owner: CallbackOwner, config: CallbackConfig | undefined): Promise<Changed>;
  getCallback(owner: CallbackOwner): Promise<StoredCallback | undefined>;
  listCallbacks(): Promise<StoredCallback[]>;
  /** Marks the URL checked at `atMs`, or (undefined) not. */
  setCallbackVerified(owner: CallbackOwner, atMs: number | undefined): Promise<void>;
  /** Lives of apps with a checked callback not yet recorded at a final status; or every live one app created. */
  listWatchedLivings(app?: { corpid: string; agentid: number }): Promise<WatchedLiving[]>;
  /** Records a live's new status if it still is `from`, and its push, in one transaction; false when another did first. */
  recordLivingStatus(livingPk: number, from: number | undefined, to: number, push: OutboxMessage | undefined): Promise<Changed>;
  /** Records a status without a push (a callback newly checked starts from what is). */
  baselineLivingStatus(livingPk: number, status: number): Promise<void>;
  /** Stores a pushed ticket and its push if the suite's last push is still `previousAtMs`, in one transaction. */
  pushSuiteTicket(suiteId: string, previousAtMs: number | undefined, ticketHash: Buffer, expiresAtMs: number, push: OutboxMessage): Promise<Changed>;
  /** When a pushed ticket (by SHA-256) expires; undefined when the suite was never pushed it. */
  suiteTicketExpiry(suiteId: string, ticketHash: Buffer): Promise<number | undefined>;
  /** Pushes not yet delivered nor given up, oldest first. */
  pendingOutbox(limit: number): Promise<OutboxRow[]>;
  /** Takes attempt `attempts + 1` of a push (due again at `nextDueAtMs` should it fail); false when another process took it. */
  claimOutbox(id: number, attempts: number, nextDueAtMs: number): Promise<Changed>;
  /** Delivered, or given up after the last attempt. */
  finishOutbox(id: number, delivered: boolean): Promise<void>;
}

/** What `pruneLivings` removed (or, in a dry run, would remove), per kind of row. */
export interface PruneCounts {
  lives: number;
  viewers: number;
  events: number;
  /** Access tokens that had expired by the cutoff. */
  tokens: number;
  /** Suite tokens that had expired by the cutoff. */
  suiteTokens: number;
}

export interface PruneResult {
  dryRun: boolean;
  counts: PruneCounts;
  /** The removed lives, by livingid (byte order). */
  livingids: string[];
}

/** Retention (`livestat prune`). */
export interface RetentionStore {
  /**
   * In one transaction, removes every live of every corp that ended (was cancelled, or whose
   * scheduled end passed) before `endedBeforeMs` and no later than `nowMs`, with its viewer
   * rows and events, and the tokens that had expired by then. A dry run removes nothing and
   * reports the same.
   */
  pruneLivings(endedBeforeMs: number, nowMs: number, dryRun: boolean): Promise<PruneResult>;
}

/**
 * Everything livestat keeps: the role interfaces above, with sqlite/ and postgres/ behind
 * them; the contract suite in test/store/ holds both to the same behaviour.
 */
export interface Store extends TokenStore, LivingStore, ViewerStore, RateLimitStore, DashboardStore, SuiteStore, RetentionStore, WorldStore, LivingCodeStore, SnapshotStore, CallbackStore {
  close(): Promise<void>;
  /** The control API's state shared by every process on this database. */
  readonly control: ControlStore;
  /** A random key made once per database, shared by every process: signs next_keys. */
  serverSecret(): Promise<Buffer>;
}
