import type { FastifyBaseLogger } from 'fastify';
import type { CallbackConfig, CallbackOwner } from '../../domain/callback.js';
import type { ServerContext } from '../context.js';
import { checkCallbackUrl } from './callback-send.js';
import { deliverDue } from './outbox-delivery.js';
import { baselineLivingStatuses, sweepLivingStatuses } from './status-sweep.js';
import { pushSuiteTickets } from './suite-ticket-push.js';

/** How often the worker looks without being asked: time passing changes statuses too. */
const DEFAULT_CALLBACK_TICK_MS = 1_000;

function describeOwner(owner: CallbackOwner): string {
  return owner.kind === 'app' ? `app ${owner.agentid} of ${owner.corpid}` : `suite ${owner.suiteId}`;
}

/**
 * The server's callbacks: checks URLs, turns status changes and the suite-ticket schedule into
 * outbox rows, and delivers them with retries. One pass at a time; `kick()` asks for a pass
 * after the current one and resolves when it is done, so the control API's flush and the
 * routes that change lives get a pass that sees their change. Nothing keeps running after
 * `close()`: the timer is cleared and attempts in flight are aborted.
 */
export class CallbackWorker {
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private closed = false;
  private checkedAtStart = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly log: () => FastifyBaseLogger,
    private readonly tickMs: number = DEFAULT_CALLBACK_TICK_MS,
  ) {}

  /**
   * Checks the stored callbacks not yet checked (a scenario's), then starts the passes.
   * Resolves once those checks are done, and the server listens only then: a check records
   * the app's lives at their status as a baseline, so a live created before it would be
   * taken for an old one and its first push lost (seen as a flaky crash test on PostgreSQL).
   * Deliveries are not waited for: a receiver that hangs must not hold the start.
   */
  start(): Promise<void> {
    if (this.closed || this.timer) return this.tail;
    if (this.tickMs > 0) {
      this.timer = setInterval(() => void this.kick(), this.tickMs);
      this.timer.unref();
    }
    const checked = this.tail.then(async () => {
      if (this.closed || this.checkedAtStart) return;
      this.checkedAtStart = true;
      try {
        await this.checkStored();
      } catch (e) {
        this.log().error({ err: e }, 'callback check at start failed');
      }
    });
    this.tail = checked;
    void this.kick();
    return checked;
  }

  /** A pass that begins after everything asked so far; never rejects (a failed pass is logged). */
  kick(): Promise<void> {
    if (this.closed) return this.tail;
    if (this.queued) return this.queued;
    const run = this.tail.then(async () => {
      this.queued = undefined;
      if (this.closed) return;
      try {
        await this.pass();
      } catch (e) {
        this.log().error({ err: e }, 'callback pass failed');
      }
    });
    this.queued = run;
    this.tail = run;
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await this.tail;
  }

  /**
   * Checks a new callback's URL and stores it only if the check passed; resolves to why it
   * failed, or undefined. The app's lives start from their status now: only later changes are pushed.
   */
  async configure(owner: CallbackOwner, config: CallbackConfig): Promise<string | undefined> {
    const problem = await this.check(owner, config);
    if (problem !== undefined) return problem;
    await this.ctx.store.setCallback(owner, config);
    await this.markChecked(owner);
    return undefined;
  }

  /** A URL check of a callback not stored yet (a scenario's, before it is loaded); why it failed, or undefined. */
  check(owner: CallbackOwner, config: CallbackConfig): Promise<string | undefined> {
    return checkCallbackUrl(this.ctx, owner, config, this.abort.signal);
  }

  /** The stored callback passed its check: pushes go out from now on (and a pass is asked for). */
  async markChecked(owner: CallbackOwner): Promise<void> {
    if (owner.kind === 'app') await baselineLivingStatuses(this.ctx, owner.corpid, owner.agentid);
    await this.ctx.store.setCallbackVerified(owner, this.ctx.clock.now(owner.kind === 'app' ? owner.corpid : undefined));
    void this.kick();
  }

  /** At start, every callback not yet checked is checked once; a failure is one line, and that callback stays off. */
  private async checkStored(): Promise<void> {
    for (const c of await this.ctx.store.listCallbacks()) {
      if (c.verified) continue;
      const problem = await checkCallbackUrl(this.ctx, c.owner, c, this.abort.signal);
      if (problem === undefined) await this.markChecked(c.owner);
      else this.log().warn(`callback URL check failed for ${describeOwner(c.owner)} (${new URL(c.url).origin}${new URL(c.url).pathname}): ${problem}; its callbacks stay off until a check succeeds`);
    }
  }

  private async pass(): Promise<void> {
    if (!this.checkedAtStart) {
      this.checkedAtStart = true;
      await this.checkStored();
    }
    await sweepLivingStatuses(this.ctx);
    await pushSuiteTickets(this.ctx);
    await deliverDue(this.ctx, this.abort.signal);
  }
}
