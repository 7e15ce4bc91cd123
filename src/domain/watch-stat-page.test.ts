import { describe, expect, it } from 'vitest';
import type { ViewerPosition } from './viewer-position.js';
import { type WatchStatPageRules, isReplyReusable, joinRows, joinedPageReply, watchStatPageJson } from './watch-stat-page.js';
import type { WireRow } from './wire-row.js';

const LIVING = { livingStart: 1000, livingDuration: 600 };
const START = 1_000_000;
const member = (id: string, watchTime = 10): WireRow => ({ kind: 0, id, json: `{"userid":"${id}","watch_time":${watchTime},"is_comment":0,"is_mic":0}` });
const external = (id: string): WireRow => ({ kind: 1, id, json: `{"external_userid":"${id}","type":1,"name":"n","watch_time":5,"is_comment":1,"is_mic":0}` });
// Watched 30 s closed, and is still in a run that began at the start, capped 100 s in.
const watching = (id: string): WireRow => ({ ...member(id, 30), openWatch: { closedMs: 30_000, open: [{ start: START, cap: START + 100_000 }] } });

function rules(pageSize: number, nowMs = START): WatchStatPageRules & { keyed: ViewerPosition[] } {
  const keyed: ViewerPosition[] = [];
  return { pageSize, living: LIVING, nowMs, keyed, nextKeyAfter: (last) => (keyed.push({ kind: last.kind, id: last.id }), `after:${last.id}`) };
}
const parse = (json: string) => JSON.parse(json) as { stat_info: { users: { userid: string; watch_time: number }[]; external_users: unknown[] }; ending: number; next_key: string };

describe('a get_watch_stat page', () => {
  it('is the last one (ending 1, next_key "") when no row is left over, in real traffic\'s key order', () => {
    const r = rules(3);
    const json = watchStatPageJson([member('a'), external('wmx')], r);
    expect(json).toBe(
      '{"errcode":0,"errmsg":"ok","stat_info":{"users":[{"userid":"a","watch_time":10,"is_comment":0,"is_mic":0}],' +
        '"external_users":[{"external_userid":"wmx","type":1,"name":"n","watch_time":5,"is_comment":1,"is_mic":0}]},"ending":1,"next_key":""}',
    );
    expect(r.keyed).toEqual([]);
    expect(parse(watchStatPageJson([member('a'), member('b'), member('c')], rules(3))).ending).toBe(1);
  });

  it('holds pageSize rows and continues after the last of them when one more was read', () => {
    const r = rules(2);
    const page = parse(watchStatPageJson([member('a'), member('b'), member('c')], r));
    expect(page.stat_info.users.map((u) => u.userid)).toEqual(['a', 'b']);
    expect(page.ending).toBe(0);
    expect(page.next_key).toBe('after:b');
    expect(r.keyed).toEqual([{ kind: 0, id: 'b' }]);
  });

  it('is empty lists for a live nobody watched', () => {
    expect(watchStatPageJson([], rules(100))).toBe('{"errcode":0,"errmsg":"ok","stat_info":{"users":[],"external_users":[]},"ending":1,"next_key":""}');
  });

  it('brings the watch time of viewers still watching up to now, capped by their run and the live', () => {
    const at = (nowMs: number) => parse(watchStatPageJson([member('a'), watching('b')], rules(10, nowMs))).stat_info.users.map((u) => u.watch_time);
    expect(at(START)).toEqual([10, 30]);
    expect(at(START + 45_500)).toEqual([10, 75]);
    expect(at(START + 500_000)).toEqual([10, 130]);
    // A run capped past the live's end stops at the end.
    const long: WireRow = { ...member('c', 0), openWatch: { closedMs: 0, open: [{ start: START, cap: START + 10_000_000 }] } };
    expect(parse(watchStatPageJson([long], rules(10, START + 10_000_000))).stat_info.users[0]!.watch_time).toBe(600);
  });

  it('may be sent again for the same rows only while no viewer on it is still watching', () => {
    expect(isReplyReusable([member('a'), external('wmx')], 2)).toBe(true);
    expect(isReplyReusable([member('a'), watching('b')], 2)).toBe(false);
    // The left-over row is not on the page, so its clock does not matter.
    expect(isReplyReusable([member('a'), member('b'), watching('c')], 2)).toBe(true);
    expect(isReplyReusable([], 2)).toBe(true);
  });
});

describe('a joined page', () => {
  it('gives the very bytes of the page built from its rows', () => {
    const cases: WireRow[][] = [[], [member('a')], [member('a'), external('wmx')], [member('a'), member('b'), member('c')], [external('wm1'), external('wm2'), external('wm3'), external('wm4')], [member('é'), external('wm"')]];
    for (const rows of cases)
      for (const size of [1, 2, 3]) {
        const joined = joinRows(rows, size)!;
        const key = (last: ViewerPosition) => `after:${last.kind}:${last.id}`;
        expect(joinedPageReply(joined, key).toString('utf8')).toBe(watchStatPageJson(rows, { ...rules(size), nextKeyAfter: key }));
      }
  });

  it('is not made of rows with a viewer still watching', () => {
    expect(joinRows([member('a'), watching('b')], 2)).toBeUndefined();
    expect(joinRows([member('a'), member('b'), watching('c')], 2)).toBeDefined();
  });
});
