import { describe, expect, it } from 'vitest';
import type { Viewer } from '../client/index.js';
import { formatDuration, PullSummary } from './pull-summary.js';

const member = (watch_time: number, is_comment: 0 | 1 = 0, is_mic: 0 | 1 = 0): Viewer => ({ kind: 'member', userid: 'u', watch_time, is_comment, is_mic });
const external = (watch_time: number): Viewer => ({ kind: 'external', external_userid: 'wm', type: 1, name: 'n', watch_time, is_comment: 1, is_mic: 1 });

describe('PullSummary', () => {
  it('counts kinds, flags and total watch time', () => {
    const s = new PullSummary();
    s.add([member(10, 1), member(20, 0, 1), external(30)]);
    expect([s.members, s.externals, s.totalWatchSeconds, s.commenters, s.micTakers]).toEqual([2, 1, 60, 2, 2]);
  });

  it('computes the median from the histogram', () => {
    const s = new PullSummary();
    expect(s.medianWatchSeconds()).toBe(0);
    s.add([member(5), member(1), member(9)]);
    expect(s.medianWatchSeconds()).toBe(5);
    s.add([member(100)]);
    expect(s.medianWatchSeconds()).toBe(7);
    s.add([member(100), member(100)]);
    expect(s.medianWatchSeconds()).toBe(54.5);
  });

  it('survives a round trip through its saved state', () => {
    const s = new PullSummary();
    s.add([member(3), external(8), external(8)]);
    const restored = PullSummary.fromState(JSON.parse(JSON.stringify(s.toState())));
    restored.add([member(1)]);
    s.add([member(1)]);
    expect(restored.format()).toBe(s.format());
  });

  it('formats a readable summary', () => {
    const s = new PullSummary();
    s.add([member(3725, 1), external(65)]);
    expect(s.format()).toBe(
      'viewers: 2 (1 members, 1 external)\nwatch time: total 1h03m10s, median 31m35s\ncommenters: 2, mic takers: 1\n',
    );
    expect([formatDuration(7), formatDuration(65), formatDuration(3600)]).toEqual(['7s', '1m05s', '1h00m00s']);
  });
});
