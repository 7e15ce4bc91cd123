import type { OutboxMessage, WatchedLiving } from '../../domain/callback.js';
import { livingStatus } from '../../domain/living-status.js';
import { LIVING_STATUS, type LivingStatus } from '../../protocol/living-info.js';
import { livingStatusChangeXml } from '../../protocol/callback-events.js';
import type { ServerContext } from '../context.js';

function statusNow(ctx: ServerContext, l: WatchedLiving): { status: LivingStatus; nowMs: number } {
  const nowMs = ctx.clock.now(l.corpid);
  return { status: livingStatus(l, l.hasViewers, nowMs), nowMs };
}

/**
 * Self-built apps hear 0, 1, 2 and 4 ("已过期状态目前没有回调", doc 94145); third-party apps
 * hear 3 as well (doc 94308).
 */
function pushed(l: WatchedLiving, status: number): boolean {
  return status !== LIVING_STATUS.EXPIRED || l.appKind === 'third_party';
}

/**
 * Compares each watched live's status now (living-status.ts, by its corp's clock) with the one
 * recorded, and records each change together with its push in one transaction: a crash
 * between the change and the delivery leaves the push in the outbox.
 */
export async function sweepLivingStatuses(ctx: ServerContext): Promise<void> {
  for (const l of await ctx.store.listWatchedLivings()) {
    const { status, nowMs } = statusNow(ctx, l);
    if (status === l.recorded) continue;
    // Reserved is only ever a first status: a live seen back at 0 had its clock set back (a test), not a change.
    if (status === LIVING_STATUS.RESERVED && l.recorded !== undefined) continue;
    const createTime = Math.floor(nowMs / 1000);
    const owner = { kind: 'app', corpid: l.corpid, agentid: l.creatorAgentid } as const;
    const message = livingStatusChangeXml({ corpid: l.corpid, fromUserName: l.anchorUserid, createTime, livingid: l.livingid, status, agentid: l.creatorAgentid });
    const push: OutboxMessage | undefined = pushed(l, status) ? { kind: 'living_status_change', owner, message, createTime, dueAtMs: nowMs } : undefined;
    await ctx.store.recordLivingStatus(l.pk, l.recorded, status, push);
  }
}

/** A callback newly checked starts from what is: the app's lives are recorded at their status now, unpushed. */
export async function baselineLivingStatuses(ctx: ServerContext, corpid: string, agentid: number): Promise<void> {
  for (const l of await ctx.store.listWatchedLivings({ corpid, agentid })) await ctx.store.baselineLivingStatus(l.pk, statusNow(ctx, l).status);
}
