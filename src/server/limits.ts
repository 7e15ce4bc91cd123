import { blockKeys, overflowed, rateBuckets } from '../domain/rate-limit.js';
import type { ServerContext } from './context.js';
import { WeComReplyError } from './wecom-error.js';

/**
 * Counts a call against the per-corp and per-IP frequency limits of its API (45009). A call
 * made while blocked is refused without being counted, so a block ends when WeCom's would.
 */
export async function checkRateLimit(ctx: ServerContext, api: string, corpid: string | undefined, ip: string): Promise<void> {
  const now = ctx.clock.now();
  const buckets = rateBuckets(ctx.rateLimits, api, corpid, ip, now);
  if ((await ctx.store.blockedUntil(blockKeys(buckets), now)) !== undefined) throw new WeComReplyError(45009);
  const counts = await ctx.store.bumpCounters(buckets, now);
  const over = overflowed(buckets, counts);
  if (over) {
    await ctx.store.block(over.blockKey, now + over.windowMs);
    throw new WeComReplyError(45009);
  }
}

/**
 * In-flight calls of one API per corp (45033). Counted in this process: a call's lifetime
 * is this process's business, and rate limits (which do span processes) live in the store.
 */
export class ConcurrencyGate {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Takes a slot or throws 45033; the returned function gives it back. */
  enter(api: string, corpid: string): () => void {
    const key = `${corpid}:${api}`;
    const n = this.inFlight.get(key) ?? 0;
    if (n >= this.limit) throw new WeComReplyError(45033);
    this.inFlight.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
    };
  }
}
