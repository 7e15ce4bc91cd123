import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipIntervals, mergeIntervals, subtractIntervals, totalLength, type Interval } from './intervals.js';

const covered = (xs: readonly Interval[], t: number) => xs.some(([a, b]) => t >= a && t < b);
const arbIntervals = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 })).map(([a, len]): Interval => [a, a + len]),
  { maxLength: 8 },
);

describe('intervals', () => {
  it('merges overlapping and touching intervals', () => {
    expect(mergeIntervals([[5, 8], [0, 3], [3, 4], [7, 10], [20, 20]])).toEqual([[0, 4], [5, 10]]);
  });

  it('clips to a window and drops what falls outside', () => {
    expect(clipIntervals([[0, 10], [15, 30], [40, 50]], 5, 20)).toEqual([[5, 10], [15, 20]]);
  });

  it('subtracts one union from another', () => {
    expect(subtractIntervals([[0, 10], [20, 30]], [[2, 4], [6, 22], [28, 40]])).toEqual([[0, 2], [4, 6], [22, 28]]);
  });

  it('agrees with a point-by-point model on any input', () => {
    fc.assert(
      fc.property(arbIntervals, arbIntervals, (a, b) => {
        const ma = mergeIntervals(a);
        const mb = mergeIntervals(b);
        const diff = subtractIntervals(ma, mb);
        let union = 0;
        let minus = 0;
        for (let t = 0; t < 90; t++) {
          if (covered(a, t)) union++;
          if (covered(a, t) && !covered(b, t)) minus++;
          expect(covered(diff, t)).toBe(covered(a, t) && !covered(b, t));
        }
        expect(totalLength(ma)).toBe(union);
        expect(totalLength(diff)).toBe(minus);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
