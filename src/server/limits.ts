import { blockKeys, overflowed, rateBuckets } from '../domain/rate-limit.js';
import type { ServerContext } from './context.js';
import { WeComReplyError } from './wecom-error.js';

/**
 * Counts a call against the per-corp and per-IP frequency limits of its API (45009); a
 * third-party provider's call (`byProvider`) against the providers' per-IP limits. A call
 * made while blocked is refused without being counted, so a block ends when WeCom's would.
 */
export async function checkRateLimit(ctx: ServerContext, api: string, corpid: string | undefined, ip: string, byProvider = false): Promise<void> {
  const now = ctx.clock.now(corpid);
  const buckets = rateBuckets(ctx.rateLimits, api, corpid, ip, now, byProvider);
  const counts = await ctx.store.countUnlessBlocked(blockKeys(buckets), buckets, now);
  if (counts === undefined) throw new WeComReplyError(45009);
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

const HOUR_MS = 3_600_000;
const wrongSecretBlockKey = (ip: string) => `ip:${ip}:gettoken:wrong-secret`;

/** 45009 while the caller's IP is blocked from gettoken for guessing secrets. */
export async function checkWrongSecretBlock(ctx: ServerContext, ip: string): Promise<void> {
  if ((await ctx.store.blockedUntil([wrongSecretBlockKey(ip)], ctx.clock.now())) !== undefined) throw new WeComReplyError(45009);
}

/**
 * Counts a wrong secret (40001) against the caller's IP. WeCom blocks an IP from gettoken for
 * an hour after about 2,000 in an hour; the call that reaches the limit still answers 40001
 * (it was a wrong secret) and every gettoken from that IP after it answers 45009, whatever
 * the secret, so guessing cannot continue through the block.
 */
export async function countWrongSecret(ctx: ServerContext, ip: string): Promise<void> {
  const now = ctx.clock.now();
  const start = Math.floor(now / HOUR_MS) * HOUR_MS;
  const [count] = await ctx.store.bumpCounters([{ key: `wrong-secret:${ip}:${start}`, expiresAt: start + HOUR_MS }], now);
  if ((count ?? 0) >= ctx.wrongSecretLimitPerHour) await ctx.store.block(wrongSecretBlockKey(ip), now + HOUR_MS);
}
