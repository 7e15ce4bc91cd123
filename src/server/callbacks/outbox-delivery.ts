import { CALLBACK_MAX_ATTEMPTS, CALLBACK_RETRY_DELAYS_MS, type OutboxRow } from '../../domain/callback.js';
import type { ServerContext } from '../context.js';
import { pushCallback } from './callback-send.js';

/** Pushes looked at per pass; the rest wait for the next pass (a second later at most). */
const BATCH = 200;

async function deliver(ctx: ServerContext, row: OutboxRow, signal: AbortSignal): Promise<void> {
  const nowMs = ctx.clock.now(row.owner.kind === 'app' ? row.owner.corpid : undefined);
  if (row.dueAtMs > nowMs) return;
  const callback = await ctx.store.getCallback(row.owner);
  // Removed: nobody to tell. Unchecked (changed, or failed its check at start): it waits.
  if (!callback) return ctx.store.finishOutbox(row.id, false);
  if (!callback.verified) return;
  // Claimed before sending, due again after the backoff: should this process die in the
  // attempt, the push goes out again once that much time has passed.
  const delay = CALLBACK_RETRY_DELAYS_MS[row.attempts] ?? 0;
  if (!(await ctx.store.claimOutbox(row.id, row.attempts, nowMs + delay))) return;
  const attempt = row.attempts + 1;
  const problem = await pushCallback(ctx, row.kind, row.owner, callback, row.message, attempt, signal);
  if (problem === undefined) await ctx.store.finishOutbox(row.id, true);
  else if (attempt >= CALLBACK_MAX_ATTEMPTS) await ctx.store.finishOutbox(row.id, false);
}

/** Makes every due attempt of the outbox's pending pushes, concurrently (one slow receiver holds up no other). */
export async function deliverDue(ctx: ServerContext, signal: AbortSignal): Promise<void> {
  const rows = await ctx.store.pendingOutbox(BATCH);
  await Promise.all(rows.map((row) => deliver(ctx, row, signal)));
}
