import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentWatchTimes, medianWatchTime, totalWatchTime, watchTimeHistogram } from './watch-time-stats.js';

const dist = (...pairs: [number, number][]) => pairs.map(([watchTime, viewers]) => ({ watchTime, viewers }));

describe('medianWatchTime', () => {
  it('is 0 for nobody, the middle value for an odd count, the mean of the middle two for an even one', () => {
    expect(medianWatchTime([])).toBe(0);
    expect(medianWatchTime(dist([10, 1], [20, 1], [90, 1]))).toBe(20);
    expect(medianWatchTime(dist([10, 2], [21, 2]))).toBe(15);
    expect(medianWatchTime(dist([5, 3], [100, 1]))).toBe(5);
  });
  it('matches sorting every viewer', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 200 }), (times) => {
        const sorted = [...times].sort((a, b) => a - b);
        const n = sorted.length;
        const expected = Math.floor((sorted[Math.floor((n - 1) / 2)]! + sorted[Math.floor(n / 2)]!) / 2);
        const counts = new Map<number, number>();
        for (const t of sorted) counts.set(t, (counts.get(t) ?? 0) + 1);
        expect(medianWatchTime([...counts].map(([watchTime, viewers]) => ({ watchTime, viewers })))).toBe(expected);
      }),
    );
  });
});

describe('currentWatchTimes', () => {
  it('moves each open viewer from the stored to the current watch time, dropping empty entries', () => {
    expect(currentWatchTimes(dist([10, 1], [20, 2]), [{ stored: 10, current: 25 }])).toEqual(dist([20, 2], [25, 1]));
    expect(totalWatchTime(dist([20, 2], [25, 1]))).toBe(65);
  });
});

describe('watchTimeHistogram', () => {
  it('covers the live with nice equal bars and puts the end in the last bar', () => {
    const bars = watchTimeHistogram(dist([0, 1], [299, 2], [300, 1], [3600, 4]), 3600);
    expect(bars).toHaveLength(12);
    expect(bars[0]).toEqual({ from: 0, to: 300, viewers: 3 });
    expect(bars[1]).toEqual({ from: 300, to: 600, viewers: 1 });
    expect(bars.at(-1)).toEqual({ from: 3300, to: 3600, viewers: 4 });
  });
  it('stretches to a watch time longer than the live and never loses a viewer', () => {
    const bars = watchTimeHistogram(dist([5, 1], [100, 3]), 60);
    expect(bars.at(-1)!.to).toBeGreaterThanOrEqual(100);
    expect(bars.reduce((s, b) => s + b.viewers, 0)).toBe(4);
  });
});
