import { afterEach, describe, expect, it } from 'vitest';
import { WeComInvalidParameterError, WeComPermissionError, WeComRateLimitError } from './errors.js';
import { retryDelayMs } from './retry-timing.js';
import { clientFor, recordingSleep } from '../../test/support/client/client-for.js';
import { startFakeWeCom, type FakeWeCom, type Fault } from '../../test/support/client/fake-wecom.js';
import { makeMembers } from '../../test/support/client/viewers.js';
import { WeComResponseError, WeComTimeoutError } from './transport-errors.js';

let fake: FakeWeCom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('retryDelayMs', () => {
  it('starts at 0.5 s, doubles, caps at 8 s and jitters down by up to 25%', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(retryDelayMs(0, () => 0.999999)).toBeCloseTo(375, 0);
    expect(retryDelayMs(2, () => 0.5)).toBe(1750);
  });

  it('honours a reasonable Retry-After', () => {
    expect(retryDelayMs(0, () => 0, 3000)).toBe(3000);
    expect(retryDelayMs(0, () => 0, 10 * 60_000)).toBe(500);
  });
});

describe('retries', () => {
  const retryable: [string, Fault][] = [
    ['errcode -1', { errcode: -1 }],
    ['errcode 45009', { errcode: 45009 }],
    ['errcode 45033', { errcode: 45033 }],
    ['HTTP 500', { httpStatus: 500 }],
    ['HTTP 503', { httpStatus: 503 }],
  ];

  it.each(retryable)('retries %s with backoff, then succeeds', async (_name, fault) => {
    fake = await startFakeWeCom({ users: makeMembers(2) });
    fake.failNext('get_watch_stat', fault, fault);
    const { sleep, delays } = recordingSleep();
    const page = await clientFor(fake, { sleep, random: () => 0.5 }).living.getWatchStat({ livingid: fake.livingid });
    expect(page.stat_info.users).toHaveLength(2);
    expect(delays).toEqual([437.5, 875]);
    expect(fake.counts.get_watch_stat).toBe(3);
  });

  it('gives up after maxRetries with the last error', async () => {
    fake = await startFakeWeCom();
    fake.failAlways('get_watch_stat', { errcode: 45009 });
    const { sleep, delays } = recordingSleep();
    const client = clientFor(fake, { sleep, maxRetries: 4 });
    const err = await client.living.getWatchStat({ livingid: fake.livingid }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComRateLimitError);
    expect(delays).toEqual([500, 1000, 2000, 4000]);
    expect(fake.counts.get_watch_stat).toBe(5);
  });

  it('reports a persistent 5xx as WeComResponseError', async () => {
    fake = await startFakeWeCom();
    fake.failAlways('get_watch_stat', { httpStatus: 502 });
    const err = await clientFor(fake).living.getWatchStat({ livingid: fake.livingid }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComResponseError);
    expect((err as WeComResponseError).status).toBe(502);
    expect(fake.counts.get_watch_stat).toBe(3);
  });

  it('uses Retry-After from a 503', async () => {
    fake = await startFakeWeCom();
    fake.failNext('get_watch_stat', { httpStatus: 503, retryAfter: '2' });
    const { sleep, delays } = recordingSleep();
    await clientFor(fake, { sleep }).living.getWatchStat({ livingid: fake.livingid });
    expect(delays).toEqual([2000]);
  });

  it('retries gettoken too', async () => {
    fake = await startFakeWeCom();
    fake.failNext('gettoken', { errcode: -1 });
    await clientFor(fake).getAccessToken();
    expect(fake.counts.gettoken).toBe(2);
  });

  it('times out a hanging request and retries it', async () => {
    fake = await startFakeWeCom({ users: makeMembers(1) });
    fake.failNext('get_watch_stat', { hang: true });
    const { sleep, delays } = recordingSleep();
    const page = await clientFor(fake, { sleep, timeoutMs: 2000 }).living.getWatchStat({ livingid: fake.livingid });
    expect(page.stat_info.users).toHaveLength(1);
    expect(delays).toHaveLength(1);
  });

  it('throws WeComTimeoutError when every attempt times out', async () => {
    fake = await startFakeWeCom();
    fake.failAlways('get_watch_stat', { hang: true });
    const err = await clientFor(fake, { timeoutMs: 300, maxRetries: 1 }).living.getWatchStat({ livingid: fake.livingid }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComTimeoutError);
    expect(fake.counts.get_watch_stat).toBe(2);
  });

  it('retries network errors', async () => {
    fake = await startFakeWeCom();
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (++calls === 2) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    await clientFor(fake, { fetch: flaky }).living.getWatchStat({ livingid: fake.livingid });
    expect(calls).toBe(3); // gettoken, failed attempt, retry
  });

  it.each([
    [40058, WeComInvalidParameterError],
    [48002, WeComPermissionError],
    [92008, WeComPermissionError],
  ])('does not retry errcode %i', async (errcode, cls) => {
    fake = await startFakeWeCom();
    fake.failAlways('get_watch_stat', { errcode });
    const { sleep, delays } = recordingSleep();
    const err = await clientFor(fake, { sleep }).living.getWatchStat({ livingid: fake.livingid }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect(delays).toEqual([]);
    expect(fake.counts.get_watch_stat).toBe(1);
  });
});
