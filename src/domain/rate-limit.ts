/**
 * WeCom's frequency limits, per API: per corp 10,000 calls a minute and 150,000 an hour;
 * per IP 20,000 a minute and 600,000 an hour; per IP of a third-party provider (its suite
 * token calls and its apps' calls) 40,000 a minute and 1,200,000 an hour (doc 90454).
 * Crossing one blocks for that window's length (a minute block lasts 60 s, an hour block
 * 60 min) and answers 45009.
 */
export interface RateLimits {
  corpPerMinute: number;
  corpPerHour: number;
  ipPerMinute: number;
  ipPerHour: number;
  providerIpPerMinute: number;
  providerIpPerHour: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  corpPerMinute: 10_000,
  corpPerHour: 150_000,
  ipPerMinute: 20_000,
  ipPerHour: 600_000,
  providerIpPerMinute: 40_000,
  providerIpPerHour: 1_200_000,
};

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** One fixed-window counter to bump for a call. */
export interface RateBucket {
  /** Identifies the counter: scope, subject, API, window length and window start. */
  key: string;
  /** The block key set when this bucket overflows. */
  blockKey: string;
  limit: number;
  windowMs: number;
  /** When the counter may be forgotten. */
  expiresAt: number;
}

/**
 * The counters a call of `api` by `corpid` from `ip` bumps at `nowMs`. A provider's call
 * (`byProvider`) counts per IP under the provider limits, in counters of their own, so a
 * provider's traffic and a corp's own apps' traffic from one address do not share a budget.
 */
export function rateBuckets(limits: RateLimits, api: string, corpid: string | undefined, ip: string, nowMs: number, byProvider = false): RateBucket[] {
  const rules: [scope: string, subject: string | undefined, windowMs: number, limit: number][] = [
    ['corp', corpid, MINUTE, limits.corpPerMinute],
    ['corp', corpid, HOUR, limits.corpPerHour],
    byProvider ? ['provider-ip', ip, MINUTE, limits.providerIpPerMinute] : ['ip', ip, MINUTE, limits.ipPerMinute],
    byProvider ? ['provider-ip', ip, HOUR, limits.providerIpPerHour] : ['ip', ip, HOUR, limits.ipPerHour],
  ];
  const buckets: RateBucket[] = [];
  for (const [scope, subject, windowMs, limit] of rules) {
    if (subject === undefined) continue;
    const start = Math.floor(nowMs / windowMs) * windowMs;
    const blockKey = `${scope}:${subject}:${api}:${windowMs}`;
    buckets.push({ key: `${blockKey}:${start}`, blockKey, limit, windowMs, expiresAt: start + windowMs });
  }
  return buckets;
}

/** The block keys that a call's buckets may be under. */
export function blockKeys(buckets: readonly RateBucket[]): string[] {
  return buckets.map((b) => b.blockKey);
}

/** The first bucket whose new count passed its limit, if any. */
export function overflowed(buckets: readonly RateBucket[], counts: readonly number[]): RateBucket | undefined {
  return buckets.find((b, i) => (counts[i] ?? 0) > b.limit);
}
