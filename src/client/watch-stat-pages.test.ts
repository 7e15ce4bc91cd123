import { describe, expect, it } from 'vitest';
import type { WatchStatPage } from '../protocol/index.js';
import { iterateWatchStatPages } from './watch-stat-pages.js';

const page = (n: number, last: number): WatchStatPage => ({
  errcode: 0,
  errmsg: 'ok',
  stat_info: { users: [{ userid: `u${n}`, watch_time: n, is_comment: 0, is_mic: 0 }], external_users: [] },
  ending: n === last ? 1 : 0,
  next_key: n === last ? '' : `k${n}`,
});

function server(last: number) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (key: string | undefined) => {
    asked.push(key);
    return page(key === undefined ? 1 : Number(key.slice(1)) + 1, last);
  };
  return { asked, fetchPage };
}

describe('iterateWatchStatPages', () => {
  it('is lazy by default: one request per page taken', async () => {
    const s = server(5);
    const it = iterateWatchStatPages('lv', s.fetchPage);
    await it.next();
    expect(s.asked).toEqual([undefined]);
    await it.next();
    expect(s.asked).toEqual([undefined, 'k1']);
  });

  it('with prefetch, asks for the next page as soon as a page arrives, and yields the same pages', async () => {
    const s = server(4);
    const it = iterateWatchStatPages('lv', s.fetchPage, undefined, true);
    const first = await it.next();
    expect(first.value?.next_key).toBe('k1');
    expect(s.asked).toEqual([undefined, 'k1']);
    const rest: string[] = [];
    for await (const p of it) rest.push(p.next_key);
    expect(rest).toEqual(['k2', 'k3', '']);
    expect(s.asked).toEqual([undefined, 'k1', 'k2', 'k3']);
  });

  it('with prefetch, a failing prefetched page surfaces on the next step, not as an unhandled rejection', async () => {
    let calls = 0;
    const fetchPage = async () => {
      if (++calls === 2) throw new Error('boom');
      return page(1, 3);
    };
    const it = iterateWatchStatPages('lv', fetchPage, undefined, true);
    await it.next();
    await expect(it.next()).rejects.toThrow('boom');
  });
});
