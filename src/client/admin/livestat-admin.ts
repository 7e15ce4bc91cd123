import type { AdvanceClockRequest, ClockReply, SetClockRequest } from '../../protocol/control/clock.js';
import type { FaultListReply, FaultReply, FaultRequest, RemovedReply } from '../../protocol/control/faults.js';
import type { CountReply, JournalFilterRequest, JournalListReply, JournalRecordReply } from '../../protocol/control/journal.js';
import { CONTROL_PATHS, READY_PATH, controlPath } from '../../protocol/control/paths.js';
import type { LivingCodeLookupReply, ShareCodeReply, ShareCodeRequest } from '../../protocol/control/codes.js';
import type { ReadyReply, ResetReply, ResetRequest, ScenarioReply, SeedReply, WorldSnapshot } from '../../protocol/control/world.js';
import type { CallbackReply, CallbackSettings, FlushReply } from '../../protocol/control/callbacks.js';
import { LivestatAdminError } from './admin-error.js';

/** How to reach a livestat server's control API. */
export interface LivestatAdminOptions {
  /** The server's root, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** The server's admin key (`serve --admin-key`, at least 16 characters). */
  adminKey: string;
  fetch?: typeof globalThis.fetch;
}

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** One corp's own clock: the same calls as the server's, scoped to the corp. */
export interface CorpClock {
  get(): Promise<ClockReply>;
  set(now: SetClockRequest['now'], frozen?: boolean): Promise<ClockReply>;
  advance(seconds: AdvanceClockRequest['seconds']): Promise<ClockReply>;
  /** The corp follows the server's clock again. */
  forget(): Promise<ClockReply>;
}

/**
 * A typed client of livestat's control API (`/livestat/admin/...`), for test suites: move the
 * clock, inject faults, read the request journal, seed the random source, load scenarios.
 * livestat only — the real WeCom API has none of this. Every method throws
 * {@link LivestatAdminError} on an error reply.
 *
 * @example
 * ```ts
 * import { LivestatAdmin, WeComClient } from 'livestat';
 *
 * const admin = new LivestatAdmin({ baseUrl: 'http://127.0.0.1:8080', adminKey: process.env.LIVESTAT_ADMIN_KEY! });
 * await admin.clearRequests();
 * // Fail the next two get_watch_stat calls with "system busy"; the SDK's retry gets the third.
 * await admin.addFault({ api: 'get_watch_stat', errcode: -1, times: 2 });
 * // ... run the code under test, then check what it called:
 * const tokens = await admin.countRequests({ api: 'gettoken' });
 * // Two hours later, the token has expired:
 * await admin.advanceClock(7201);
 * ```
 */
export class LivestatAdmin {
  private readonly base: string;
  private readonly fetchFn: typeof globalThis.fetch;

  constructor(private readonly options: LivestatAdminOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? globalThis.fetch;
  }

  private async call<T>(method: Method, path: string, body?: unknown, query?: Record<string, string | number | undefined>): Promise<T> {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) search.set(k, String(v));
    const qs = search.size > 0 ? `?${search.toString()}` : '';
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.adminKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.fetchFn(`${this.base}${path}${qs}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new LivestatAdminError(res.status, 'not_json', `livestat answered HTTP ${res.status} with a body that is not JSON`);
    }
    if (res.ok || (path === READY_PATH && res.status === 503)) return parsed as T;
    const e = (parsed ?? {}) as { error?: string; message?: string; errors?: string[] };
    throw new LivestatAdminError(res.status, e.error ?? 'http_error', e.message ?? `HTTP ${res.status}`, e.errors ?? []);
  }

  /** The server's clock: `now` in unix seconds, and whether it is frozen. */
  clock(): Promise<ClockReply> {
    return this.call('GET', CONTROL_PATHS.clock);
  }

  /** Sets the server's time (unix seconds or ISO 8601 with a zone); `frozen` stops or restarts it. */
  setClock(now: SetClockRequest['now'], frozen?: boolean): Promise<ClockReply> {
    return this.call('PUT', CONTROL_PATHS.clock, frozen === undefined ? { now } : { now, frozen });
  }

  /** Moves the server's time forward by `seconds` (negative: back). */
  advanceClock(seconds: number): Promise<ClockReply> {
    return this.call('POST', CONTROL_PATHS.clockAdvance, { seconds });
  }

  /** One corp's own clock, so parallel tests can travel in time without meeting. */
  corpClock(corpid: string): CorpClock {
    const path = controlPath(CONTROL_PATHS.corpClock, { corpid });
    return {
      get: () => this.call('GET', path),
      set: (now, frozen) => this.call('PUT', path, frozen === undefined ? { now } : { now, frozen }),
      advance: (seconds) => this.call('POST', controlPath(CONTROL_PATHS.corpClockAdvance, { corpid }), { seconds }),
      forget: () => this.call('DELETE', path),
    };
  }

  /** The faults in force, in the order they apply. */
  async faults(): Promise<FaultReply[]> {
    return (await this.call<FaultListReply>('GET', CONTROL_PATHS.faults)).faults;
  }

  /** Adds a fault; `times: N` fails exactly the next N matching calls, then the fault is gone. */
  addFault(fault: FaultRequest): Promise<FaultReply> {
    return this.call('POST', CONTROL_PATHS.faults, fault);
  }

  /** Removes one fault by id. */
  removeFault(id: string): Promise<RemovedReply> {
    return this.call('DELETE', controlPath(CONTROL_PATHS.fault, { id }));
  }

  /** Removes every fault, including those from `--fault` and scenarios. */
  clearFaults(): Promise<RemovedReply> {
    return this.call('DELETE', CONTROL_PATHS.faults);
  }

  /** Recorded calls to the WeCom endpoints, oldest first (`limit`: the newest N), secrets redacted. */
  async requests(filter: JournalFilterRequest = {}): Promise<JournalRecordReply[]> {
    return (await this.call<JournalListReply>('GET', CONTROL_PATHS.requests, undefined, { ...filter })).requests;
  }

  /** How many recorded calls match the filter. */
  async countRequests(filter: JournalFilterRequest = {}): Promise<number> {
    return (await this.call<CountReply>('POST', CONTROL_PATHS.requestsCount, filter)).count;
  }

  /** Empties the request journal. */
  clearRequests(): Promise<RemovedReply> {
    return this.call('DELETE', CONTROL_PATHS.requests);
  }

  /** Delivery attempts livestat made (URL checks, living_status_change and suite_ticket pushes), oldest first; filter by `api` = the kind. */
  async outbound(filter: JournalFilterRequest = {}): Promise<JournalRecordReply[]> {
    return (await this.call<JournalListReply>('GET', CONTROL_PATHS.outbound, undefined, { ...filter })).requests;
  }

  /** How many outbound deliveries match the filter. */
  async countOutbound(filter: JournalFilterRequest = {}): Promise<number> {
    return (await this.call<CountReply>('POST', CONTROL_PATHS.outboundCount, filter)).count;
  }

  /** Empties the outbound journal. */
  clearOutbound(): Promise<RemovedReply> {
    return this.call('DELETE', CONTROL_PATHS.outbound);
  }

  /** Restarts every generated value from a seed (null: cryptographically random again). */
  seed(seed: number | null): Promise<SeedReply> {
    return this.call('POST', CONTROL_PATHS.seed, { seed });
  }

  /** Loads a scenario document at run time, as `serve --scenario` does at start. */
  loadScenario(scenario: unknown): Promise<ScenarioReply> {
    return this.call('POST', CONTROL_PATHS.scenario, scenario);
  }

  /** Removes a corp and everything of it (apps, tokens, lives, viewers, events, limits, its clock, journal entries and faults). */
  deleteCorp(corpid: string): Promise<RemovedReply> {
    return this.call('DELETE', controlPath(CONTROL_PATHS.corp, { corpid }));
  }

  /** Removes one app of a corp with its tokens and suite authorizations; the corp's lives stay. */
  deleteApp(corpid: string, agentid: number): Promise<RemovedReply> {
    return this.call('DELETE', controlPath(CONTROL_PATHS.corpApp, { corpid, agentid: String(agentid) }));
  }

  /** Removes one live with its viewers and events. */
  deleteLiving(corpid: string, livingid: string): Promise<RemovedReply> {
    return this.call('DELETE', controlPath(CONTROL_PATHS.corpLiving, { corpid, livingid }));
  }

  /**
   * Sets an app's callback. livestat checks the URL first, as WeCom does (a GET with an
   * echostr that must be answered with its plaintext within 1 s), and stores nothing if not.
   *
   * @throws LivestatAdminError with code `callback_check_failed`, naming why.
   */
  setAppCallback(corpid: string, agentid: number, settings: CallbackSettings): Promise<CallbackReply> {
    return this.call('PUT', controlPath(CONTROL_PATHS.appCallback, { corpid, agentid: String(agentid) }), settings);
  }

  /** An app's callback URL and whether it passed its check (never its Token or key). */
  appCallback(corpid: string, agentid: number): Promise<CallbackReply> {
    return this.call('GET', controlPath(CONTROL_PATHS.appCallback, { corpid, agentid: String(agentid) }));
  }

  /** Removes an app's callback: its pushes stop. */
  removeAppCallback(corpid: string, agentid: number): Promise<RemovedReply> {
    return this.call('DELETE', controlPath(CONTROL_PATHS.appCallback, { corpid, agentid: String(agentid) }));
  }

  /** Sets a suite's 指令回调 URL (a suite_ticket every 10 minutes of the clock), checked first like an app's. */
  setSuiteCallback(suiteId: string, settings: CallbackSettings): Promise<CallbackReply> {
    return this.call('PUT', controlPath(CONTROL_PATHS.suiteCallback, { suite_id: suiteId }), settings);
  }

  /**
   * Looks for status changes and suite-ticket times now and makes every due delivery attempt,
   * resolving once they are done: after moving the clock, this is when the pushes have gone out.
   */
  flushCallbacks(): Promise<FlushReply> {
    return this.call('POST', CONTROL_PATHS.callbacksFlush);
  }

  /** The whole world back to the scenarios loaded at start (`'empty'`: nothing at all). */
  reset(to: NonNullable<ResetRequest['to']> = 'start'): Promise<ResetReply> {
    return this.call('POST', CONTROL_PATHS.reset, { to });
  }

  /** One corp back to the start scenarios (tokens, limits, events, viewers, journal, faults, clock); other corps untouched. */
  resetCorp(corpid: string): Promise<ResetReply> {
    return this.call('POST', controlPath(CONTROL_PATHS.corpReset, { corpid }), {});
  }

  /**
   * Makes the ww_share_code a viewer's entry through someone's share would carry, valid 5
   * minutes by the corp's clock; get_living_share_info resolves it.
   *
   * @example
   * const { ww_share_code } = await admin.createShareCode('wwcorp', { livingid, viewer: { external_userid }, invitor: { userid: 'zhangsan' } });
   */
  createShareCode(corpid: string, share: ShareCodeRequest): Promise<ShareCodeReply> {
    return this.call('POST', controlPath(CONTROL_PATHS.corpShareCodes, { corpid }), share);
  }

  /** What a living_code from get_living_code opens (livingid, openid), as the live mini-program sees it; 404 once expired. */
  resolveLivingCode(corpid: string, livingCode: string): Promise<LivingCodeLookupReply> {
    return this.call('POST', controlPath(CONTROL_PATHS.corpLivingCodeResolve, { corpid }), { living_code: livingCode });
  }

  /**
   * The world (or one corp, without suites) as a scenario document: {@link loadScenario} on a
   * fresh server makes it the same world, with the same pages and next_keys. Secrets, tokens
   * and keys appear only as the hashes livestat stores.
   */
  state(corpid?: string): Promise<WorldSnapshot> {
    return this.call('GET', CONTROL_PATHS.state, undefined, { corpid });
  }

  /** Readiness (no key needed): `status: 'ready'` once scenarios are loaded and the database answers. */
  ready(): Promise<ReadyReply> {
    return this.call('GET', READY_PATH);
  }
}
