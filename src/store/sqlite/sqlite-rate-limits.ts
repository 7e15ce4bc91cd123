import { corpLimitPrefix } from '../core/limit-keys.js';
import type { RateLimitStore } from '../store.js';

/**
 * Rate-limit counters and blocks in this object's memory: a SQLite file is served by one
 * process, so there is no fleet to share them with (PostgreSQL keeps them in tables).
 */
export class SqliteRateLimits implements RateLimitStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();
  private readonly blocks = new Map<string, number>();
  private sweepAt = 0;

  async bumpCounters(counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[]> {
    this.sweep(nowMs);
    return counters.map(({ key, expiresAt }) => {
      const c = this.counters.get(key);
      if (c && c.expiresAt > nowMs) return ++c.count;
      this.counters.set(key, { count: 1, expiresAt });
      return 1;
    });
  }

  async blockedUntil(keys: readonly string[], nowMs: number): Promise<number | undefined> {
    let until: number | undefined;
    for (const key of keys) {
      const end = this.blocks.get(key);
      if (end !== undefined && end > nowMs && (until === undefined || end > until)) until = end;
    }
    return until;
  }

  async countUnlessBlocked(blockKeys: readonly string[], counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[] | undefined> {
    return (await this.blockedUntil(blockKeys, nowMs)) === undefined ? this.bumpCounters(counters, nowMs) : undefined;
  }

  async block(key: string, untilMs: number): Promise<void> {
    this.blocks.set(key, Math.max(untilMs, this.blocks.get(key) ?? 0));
  }

  async forgetLimits(corpid: string | undefined): Promise<void> {
    if (corpid === undefined) {
      this.counters.clear();
      this.blocks.clear();
      return;
    }
    const prefix = corpLimitPrefix(corpid);
    for (const key of this.counters.keys()) if (key.startsWith(prefix)) this.counters.delete(key);
    for (const key of this.blocks.keys()) if (key.startsWith(prefix)) this.blocks.delete(key);
  }

  /** Forgets expired counters and blocks, at most once a second, so memory stays bounded. */
  private sweep(nowMs: number): void {
    if (nowMs < this.sweepAt) return;
    this.sweepAt = nowMs + 1000;
    for (const [key, c] of this.counters) if (c.expiresAt <= nowMs) this.counters.delete(key);
    for (const [key, end] of this.blocks) if (end <= nowMs) this.blocks.delete(key);
  }
}
