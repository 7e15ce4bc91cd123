import type { ViewerEvent } from '../../domain/activity/viewer-state.js';
import { randomBytes } from 'node:crypto';
import type { ViewerPosition } from '../../domain/viewer-position.js';
import type { JoinedPage } from '../../domain/watch-stat-page.js';
import type { AnchorListKey, LivingChanges, LivingCounts, LivingRecord } from '../../domain/living-record.js';
import type { App, Corp, Living, ViewerStat } from '../../domain/model.js';
import type { Suite, SuiteAuthorization, SuiteTokenRecord } from '../../domain/suite.js';
import type { IngestAnchorEvent, IngestEvent } from '../../protocol/events.js';
import type { AudienceCounts, AudienceQuery, InviterStanding, WatchTimeCount } from '../audience-queries.js';
import type { Sql } from '../sql/sql.js';
import type { AnchorOutcome, Changed, DashboardStore, FoundCaller, IngestOutcome, LivingPage, LivingStore, PruneResult, RateLimitStore, RetentionStore, Store, SuiteStore, SyntheticSpec, TokenRecord, TokenStore, ViewerFold, ViewerStore } from '../store.js';
import type { WireRow } from '../../domain/wire-row.js';
import { SqlWorld } from './sql-world.js';
import { SqlCodes } from './sql-codes.js';
import type { FoundShareCode, LivingCodeRecord, ShareCodeRecord } from '../../domain/living-codes.js';
import { SqlSnapshot } from './sql-snapshot.js';
import { SqlControl } from './sql-control.js';
import type { ControlStore } from '../control-rows.js';
import type { CorpSnapshotRows, LivingState, SuiteSnapshotRows } from '../snapshot-rows.js';
import { SqlCallbacks } from './sql-callbacks.js';
import type { CallbackConfig, CallbackOwner, OutboxMessage, OutboxRow, StoredCallback, WatchedLiving } from '../../domain/callback.js';

/** The role objects a SQL store is made of; each backend picks its own where they differ. */
interface StoreRoles {
  tokens: TokenStore;
  livings: LivingStore;
  viewers: ViewerStore;
  limits: RateLimitStore;
  dashboard: DashboardStore;
  suites: SuiteStore;
  retention: RetentionStore;
}

/**
 * A Store made of role objects, one file each; this is the one place that hands each
 * Store method to its role, for every backend. Plain methods on the prototype (not bound
 * copies on the instance) keep the store a fast-properties object on get_watch_stat's path.
 */
export abstract class SqlStore implements Store {
  private secret: Buffer | undefined;
  private readonly world: SqlWorld;
  private readonly codes: SqlCodes;
  private readonly snapshot: SqlSnapshot;
  /** The control API's shared state (a role object of its own, read by the server's ControlSync). */
  readonly control: ControlStore;
  private readonly callbacks: SqlCallbacks;

  protected constructor(
    protected readonly sql: Sql,
    private readonly roles: StoreRoles,
  ) {
    this.world = new SqlWorld(sql);
    this.codes = new SqlCodes(sql);
    this.snapshot = new SqlSnapshot(sql);
    this.control = new SqlControl(sql);
    this.callbacks = new SqlCallbacks(sql);
  }

  // CallbackStore: the same on every backend, so no role to pick.
  setCallback(owner: CallbackOwner, config: CallbackConfig | undefined): Promise<Changed> {
    return this.callbacks.setCallback(owner, config);
  }
  getCallback(owner: CallbackOwner): Promise<StoredCallback | undefined> {
    return this.callbacks.getCallback(owner);
  }
  listCallbacks(): Promise<StoredCallback[]> {
    return this.callbacks.listCallbacks();
  }
  setCallbackVerified(owner: CallbackOwner, atMs: number | undefined): Promise<void> {
    return this.callbacks.setCallbackVerified(owner, atMs);
  }
  listWatchedLivings(app?: { corpid: string; agentid: number }): Promise<WatchedLiving[]> {
    return this.callbacks.listWatchedLivings(app);
  }
  recordLivingStatus(livingPk: number, from: number | undefined, to: number, push: OutboxMessage | undefined): Promise<Changed> {
    return this.callbacks.recordLivingStatus(livingPk, from, to, push);
  }
  baselineLivingStatus(livingPk: number, status: number): Promise<void> {
    return this.callbacks.baselineLivingStatus(livingPk, status);
  }
  pushSuiteTicket(suiteId: string, previousAtMs: number | undefined, ticketHash: Buffer, expiresAtMs: number, push: OutboxMessage): Promise<Changed> {
    return this.callbacks.pushSuiteTicket(suiteId, previousAtMs, ticketHash, expiresAtMs, push);
  }
  suiteTicketExpiry(suiteId: string, ticketHash: Buffer): Promise<number | undefined> {
    return this.callbacks.suiteTicketExpiry(suiteId, ticketHash);
  }
  pendingOutbox(limit: number): Promise<OutboxRow[]> {
    return this.callbacks.pendingOutbox(limit);
  }
  claimOutbox(id: number, attempts: number, nextDueAtMs: number): Promise<Changed> {
    return this.callbacks.claimOutbox(id, attempts, nextDueAtMs);
  }
  finishOutbox(id: number, delivered: boolean): Promise<void> {
    return this.callbacks.finishOutbox(id, delivered);
  }

  abstract close(): Promise<void>;

  async serverSecret(): Promise<Buffer> {
    if (!this.secret) {
      // Whoever inserts first wins; every process reads back the same key.
      await this.sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', ['cursor_secret', randomBytes(32)]);
      this.secret = (await this.sql.get<{ value: Buffer }>('SELECT value FROM meta WHERE key = ?', ['cursor_secret']))!.value;
    }
    return this.secret;
  }

  // SnapshotStore
  corpSnapshot(corpid: string): Promise<CorpSnapshotRows> {
    return this.snapshot.corpSnapshot(corpid);
  }
  suiteSnapshot(): Promise<SuiteSnapshotRows> {
    return this.snapshot.suiteSnapshot();
  }
  restoreLivingState(corpid: string, livingid: string, state: LivingState): Promise<Changed> {
    return this.snapshot.restoreLivingState(corpid, livingid, state);
  }
  async replaceServerSecret(key: Buffer): Promise<Changed> {
    const changed = await this.snapshot.replaceServerSecret(key);
    this.secret = Buffer.from(key);
    return changed;
  }
  // TokenStore
  upsertCorp(corp: Corp): Promise<Changed> {
    return this.roles.tokens.upsertCorp(corp);
  }
  getCorp(corpid: string): Promise<Corp | undefined> {
    return this.roles.tokens.getCorp(corpid);
  }
  upsertApp(app: App, secretHash?: string | null): Promise<Changed> {
    return this.roles.tokens.upsertApp(app, secretHash);
  }
  getApp(corpid: string, agentid: number): Promise<App | undefined> {
    return this.roles.tokens.getApp(corpid, agentid);
  }
  listAppSecrets(corpid: string): Promise<{ agentid: number; secretHash: string }[]> {
    return this.roles.tokens.listAppSecrets(corpid);
  }
  findToken(hash: Buffer): Promise<TokenRecord | undefined> {
    return this.roles.tokens.findToken(hash);
  }

  findCaller(hash: Buffer): Promise<FoundCaller | undefined> {
    return this.roles.tokens.findCaller(hash);
  }
  currentToken(corpid: string, agentid: number, nowMs: number): Promise<TokenRecord | undefined> {
    return this.roles.tokens.currentToken(corpid, agentid, nowMs);
  }
  saveToken(token: TokenRecord): Promise<Changed> {
    return this.roles.tokens.saveToken(token);
  }
  revokeTokens(corpid: string, agentid: number): Promise<void> {
    return this.roles.tokens.revokeTokens(corpid, agentid);
  }
  purgeTokens(beforeMs: number): Promise<number> {
    return this.roles.tokens.purgeTokens(beforeMs);
  }
  // LivingStore
  upsertLiving(living: Living): Promise<Changed> {
    return this.roles.livings.upsertLiving(living);
  }
  getLiving(corpid: string, livingid: string): Promise<Living | undefined> {
    return this.roles.livings.getLiving(corpid, livingid);
  }
  createLiving(living: Living, remindTime: number | undefined): Promise<void> {
    return this.roles.livings.createLiving(living, remindTime);
  }
  getLivingRecord(corpid: string, livingid: string): Promise<LivingRecord | undefined> {
    return this.roles.livings.getLivingRecord(corpid, livingid);
  }
  updateLiving(corpid: string, livingid: string, changes: LivingChanges): Promise<Changed> {
    return this.roles.livings.updateLiving(corpid, livingid, changes);
  }
  setLivingState(corpid: string, livingid: string, state: 'cancelled' | 'replay_deleted', nowMs: number): Promise<Changed> {
    return this.roles.livings.setLivingState(corpid, livingid, state, nowMs);
  }
  listAnchorLivings(corpid: string, anchorUserid: string, creatorAgentid: number | undefined, after: AnchorListKey | undefined, limit: number): Promise<AnchorListKey[]> {
    return this.roles.livings.listAnchorLivings(corpid, anchorUserid, creatorAgentid, after, limit);
  }
  livingCounts(corpid: string, livingid: string): Promise<LivingCounts> {
    return this.roles.livings.livingCounts(corpid, livingid);
  }
  // ViewerStore
  setDeclaredViewers(corpid: string, livingid: string, viewers: readonly ViewerStat[]): Promise<Changed> {
    return this.roles.viewers.setDeclaredViewers(corpid, livingid, viewers);
  }
  setSyntheticViewers(corpid: string, livingid: string, spec: SyntheticSpec, rows: () => Iterable<ViewerStat>): Promise<Changed> {
    return this.roles.viewers.setSyntheticViewers(corpid, livingid, spec, rows);
  }
  pageViewers(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): Promise<ViewerStat[]> {
    return this.roles.viewers.pageViewers(corpid, livingid, after, limit);
  }
  countViewers(corpid: string, livingid: string): Promise<number> {
    return this.roles.viewers.countViewers(corpid, livingid);
  }

  storeLivingPages(corpid: string, livingid: string, pageSize: number): Promise<boolean> {
    return this.roles.viewers.storeLivingPages(corpid, livingid, pageSize);
  }

  countStoredPages(corpid: string, livingid: string): Promise<number> {
    return this.roles.viewers.countStoredPages(corpid, livingid);
  }
  pageWire(corpid: string, livingid: string, after: ViewerPosition | undefined, limit: number): Promise<WireRow[]> {
    return this.roles.viewers.pageWire(corpid, livingid, after, limit);
  }
  pageJoined(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<JoinedPage | undefined> {
    return this.roles.viewers.pageJoined(corpid, livingid, after, pageSize);
  }

  livingPage(corpid: string, livingid: string, after: ViewerPosition | undefined, pageSize: number): Promise<LivingPage> {
    return this.roles.viewers.livingPage(corpid, livingid, after, pageSize);
  }
  saveIngestKey(hash: Buffer, corpid: string): Promise<Changed> {
    return this.roles.viewers.saveIngestKey(hash, corpid);
  }
  findIngestKey(hash: Buffer): Promise<string | undefined> {
    return this.roles.viewers.findIngestKey(hash);
  }
  ingestEvents(corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
    return this.roles.viewers.ingestEvents(corpid, events, fold);
  }
  // RateLimitStore
  bumpCounters(counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[]> {
    return this.roles.limits.bumpCounters(counters, nowMs);
  }
  blockedUntil(keys: readonly string[], nowMs: number): Promise<number | undefined> {
    return this.roles.limits.blockedUntil(keys, nowMs);
  }
  block(key: string, untilMs: number): Promise<void> {
    return this.roles.limits.block(key, untilMs);
  }
  countUnlessBlocked(blockKeys: readonly string[], counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[] | undefined> {
    return this.roles.limits.countUnlessBlocked(blockKeys, counters, nowMs);
  }
  forgetLimits(corpid: string | undefined): Promise<void> {
    return this.roles.limits.forgetLimits(corpid);
  }
  // WorldStore: the rows in SQL (one class for both backends), the corp's limits wherever the backend keeps them.
  async deleteCorp(corpid: string): Promise<Changed> {
    const changed = await this.world.deleteCorp(corpid);
    await this.roles.limits.forgetLimits(corpid);
    return changed;
  }
  deleteApp(corpid: string, agentid: number): Promise<Changed> {
    return this.world.deleteApp(corpid, agentid);
  }
  deleteLiving(corpid: string, livingid: string): Promise<Changed> {
    return this.world.deleteLiving(corpid, livingid);
  }
  deleteCorpTokens(corpid: string): Promise<number> {
    return this.world.deleteCorpTokens(corpid);
  }
  deleteIngestKeys(corpid: string): Promise<number> {
    return this.world.deleteIngestKeys(corpid);
  }
  listAgentids(corpid: string): Promise<number[]> {
    return this.world.listAgentids(corpid);
  }
  countEvents(corpid: string, livingid: string): Promise<number> {
    return this.world.countEvents(corpid, livingid);
  }
  async deleteEverything(): Promise<Changed> {
    const changed = await this.world.deleteEverything();
    await this.roles.limits.forgetLimits(undefined);
    return changed;
  }
  // DashboardStore
  listCorps(): Promise<Corp[]> {
    return this.roles.dashboard.listCorps();
  }
  listLivings(corpid: string): Promise<LivingRecord[]> {
    return this.roles.dashboard.listLivings(corpid);
  }
  audienceCounts(corpid: string, livingid: string): Promise<AudienceCounts> {
    return this.roles.dashboard.audienceCounts(corpid, livingid);
  }
  watchTimeCounts(corpid: string, livingid: string): Promise<WatchTimeCount[]> {
    return this.roles.dashboard.watchTimeCounts(corpid, livingid);
  }
  inviterLeaderboard(corpid: string, livingid: string, limit: number): Promise<InviterStanding[]> {
    return this.roles.dashboard.inviterLeaderboard(corpid, livingid, limit);
  }
  openViewers(corpid: string, livingid: string): Promise<ViewerStat[]> {
    return this.roles.dashboard.openViewers(corpid, livingid);
  }
  pageAudience(corpid: string, livingid: string, query: AudienceQuery): Promise<ViewerStat[]> {
    return this.roles.dashboard.pageAudience(corpid, livingid, query);
  }
  livingEvents(corpid: string, livingid: string): Promise<ViewerEvent[]> {
    return this.roles.dashboard.livingEvents(corpid, livingid);
  }
  // SuiteStore
  upsertSuite(suite: Suite): Promise<Changed> {
    return this.roles.suites.upsertSuite(suite);
  }
  getSuite(suiteId: string): Promise<Suite | undefined> {
    return this.roles.suites.getSuite(suiteId);
  }
  suiteOfApp(corpid: string, agentid: number): Promise<Suite | undefined> {
    return this.roles.suites.suiteOfApp(corpid, agentid);
  }
  setSuiteAuthorizations(suiteId: string, auths: readonly SuiteAuthorization[]): Promise<Changed> {
    return this.roles.suites.setSuiteAuthorizations(suiteId, auths);
  }
  listSuiteAuthorizations(suiteId: string, corpid?: string): Promise<SuiteAuthorization[]> {
    return this.roles.suites.listSuiteAuthorizations(suiteId, corpid);
  }
  findSuiteToken(hash: Buffer): Promise<SuiteTokenRecord | undefined> {
    return this.roles.suites.findSuiteToken(hash);
  }
  currentSuiteToken(suiteId: string, nowMs: number): Promise<SuiteTokenRecord | undefined> {
    return this.roles.suites.currentSuiteToken(suiteId, nowMs);
  }
  saveSuiteToken(token: SuiteTokenRecord): Promise<Changed> {
    return this.roles.suites.saveSuiteToken(token);
  }
  // LivingCodeStore: the same SQL on both backends (one class, like the world's).
  saveLivingCode(code: LivingCodeRecord, nowMs: number): Promise<Changed> {
    return this.codes.saveLivingCode(code, nowMs);
  }
  findLivingCode(corpid: string, hash: Buffer, nowMs: number): Promise<LivingCodeRecord | undefined> {
    return this.codes.findLivingCode(corpid, hash, nowMs);
  }
  saveShareCodes(codes: readonly ShareCodeRecord[], nowMs: number): Promise<number> {
    return this.codes.saveShareCodes(codes, nowMs);
  }
  findShareCode(corpid: string, hash: Buffer, nowMs: number): Promise<FoundShareCode | undefined> {
    return this.codes.findShareCode(corpid, hash, nowMs);
  }
  ingestAnchorEvents(corpid: string, events: readonly IngestAnchorEvent[]): Promise<AnchorOutcome[]> {
    return this.codes.ingestAnchorEvents(corpid, events);
  }
  setOpenReplay(corpid: string, livingid: string, openReplay: 0 | 1): Promise<Changed> {
    return this.codes.setOpenReplay(corpid, livingid, openReplay);
  }
  // RetentionStore
  pruneLivings(endedBeforeMs: number, nowMs: number, dryRun: boolean): Promise<PruneResult> {
    return this.roles.retention.pruneLivings(endedBeforeMs, nowMs, dryRun);
  }
}
