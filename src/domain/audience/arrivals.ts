import type { Prng } from './prng.js';

/**
 * `count` uniform numbers in [0, 1), yielded in ascending order without holding them all:
 * each is the minimum of the uniforms still to come, drawn from its exact distribution.
 */
function* sortedUniforms(rng: Prng, count: number): Generator<number> {
  let m = 0;
  for (let left = count; left > 0; left--) {
    m += (1 - m) * (1 - Math.pow(1 - rng.next(), 1 / left));
    yield m;
  }
}

/** Share of viewers who open the live before it starts (their time before the start is clipped). */
const PRE_ROLL_SHARE = 0.05;
const PRE_ROLL_MS = 10 * 60_000;

/**
 * Arrival times in ascending order: a few minutes of early birds, then a rush right after
 * the start that thins out (density falling like 1/sqrt(t)); nobody arrives in the last 5%.
 */
export function* arrivalTimes(rng: Prng, count: number, startMs: number, durationMs: number): Generator<number> {
  for (const u of sortedUniforms(rng, count)) {
    if (u < PRE_ROLL_SHARE) yield Math.floor(startMs - PRE_ROLL_MS + (u / PRE_ROLL_SHARE) * PRE_ROLL_MS);
    else {
      const v = (u - PRE_ROLL_SHARE) / (1 - PRE_ROLL_SHARE);
      yield Math.floor(startMs + durationMs * 0.95 * v * v);
    }
  }
}
