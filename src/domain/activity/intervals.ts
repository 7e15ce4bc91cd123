/** Half-open [from, to) stretches of time in ms. */
export type Interval = readonly [from: number, to: number];

/** Intervals cut to [lo, hi]; empty ones dropped. */
export function clipIntervals(intervals: readonly Interval[], lo: number, hi: number): Interval[] {
  const out: Interval[] = [];
  for (const [from, to] of intervals) {
    const a = Math.max(from, lo);
    const b = Math.min(to, hi);
    if (b > a) out.push([a, b]);
  }
  return out;
}

/** The union as sorted, disjoint, non-touching intervals. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** `a` minus `b`, both merged (sorted, disjoint). */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const [from, to] of a) {
    let cursor = from;
    while (j < b.length && (b[j]!)[1] <= cursor) j++;
    let k = j;
    while (k < b.length && (b[k]!)[0] < to) {
      const [bf, bt] = b[k]!;
      if (bf > cursor) out.push([cursor, bf]);
      cursor = Math.max(cursor, bt);
      if (cursor >= to) break;
      k++;
    }
    if (cursor < to) out.push([cursor, to]);
  }
  return out;
}

export function totalLength(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const [from, to] of intervals) sum += to - from;
  return sum;
}
