import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, overflowed, rateBuckets } from './rate-limit.js';

describe('rateBuckets', () => {
  it('counts per corp and per IP, per minute and per hour, with WeCom limits', () => {
    const b = rateBuckets(DEFAULT_RATE_LIMITS, 'get_watch_stat', 'corp', '1.2.3.4', 90_000);
    expect(b.map((x) => [x.blockKey, x.limit, x.expiresAt])).toEqual([
      ['corp:corp:get_watch_stat:60000', 10_000, 120_000],
      ['corp:corp:get_watch_stat:3600000', 150_000, 3_600_000],
      ['ip:1.2.3.4:get_watch_stat:60000', 20_000, 120_000],
      ['ip:1.2.3.4:get_watch_stat:3600000', 600_000, 3_600_000],
    ]);
    expect(rateBuckets(DEFAULT_RATE_LIMITS, 'gettoken', undefined, '1.2.3.4', 0)).toHaveLength(2);
  });
  it("counts a provider's calls per IP under doc 90454's limits, in counters of their own", () => {
    const b = rateBuckets(DEFAULT_RATE_LIMITS, 'get_watch_stat', 'corp', '1.2.3.4', 90_000, true);
    expect(b.map((x) => [x.blockKey, x.limit])).toEqual([
      ['corp:corp:get_watch_stat:60000', 10_000],
      ['corp:corp:get_watch_stat:3600000', 150_000],
      ['provider-ip:1.2.3.4:get_watch_stat:60000', 40_000],
      ['provider-ip:1.2.3.4:get_watch_stat:3600000', 1_200_000],
    ]);
  });
  it('finds the first counter past its limit', () => {
    const b = rateBuckets({ ...DEFAULT_RATE_LIMITS, corpPerMinute: 2 }, 'x', 'c', 'ip', 0);
    expect(overflowed(b, [2, 2, 2, 2])).toBeUndefined();
    expect(overflowed(b, [3, 3, 3, 3])?.windowMs).toBe(60_000);
  });
});
