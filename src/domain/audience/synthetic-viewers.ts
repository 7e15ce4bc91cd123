import { ExternalUseridMint, UseridMint, displayName } from './names.js';
import { Prng, deriveSeed } from './prng.js';

/** A final statistics row, with no events behind it: for seeding huge lives quickly. */
export interface SyntheticViewerRow {
  kind: 'member' | 'external';
  id: string;
  /** External viewers only. */
  type?: 1 | 2;
  name?: string;
  watch_time: number;
  is_comment: 0 | 1;
  is_mic: 0 | 1;
  invitor_userid?: string;
  invitor_external_userid?: string;
}

export interface SyntheticViewersOptions {
  members: number;
  external: number;
  seed: number;
  /** The live's length; no one watches longer. Default 7200 s. */
  durationSeconds?: number;
  /** A product-promotion live: some viewers have inviters. Default true. */
  promotion?: boolean;
}

/** Recent ids to draw inviters from; a fixed window keeps memory flat at any row count. */
const WINDOW = 1024;

function watchSeconds(rng: Prng, duration: number): number {
  const r = rng.next();
  if (r < 0.02) return 0;
  if (r < 0.17) return rng.int(5, Math.min(180, duration));
  // Arrivals crowd the start, so "stayed to the end" often means nearly the whole live.
  const arrivedAfter = Math.floor(duration * 0.95 * rng.next() ** 2);
  if (r < 0.45) return duration - arrivedAfter;
  return Math.min(duration - arrivedAfter, 30 + Math.floor(rng.exponential(duration * 0.25)));
}

/**
 * Deterministic final rows for `members` members then `external` external viewers, with
 * unique ids, Chinese and Latin names, varied watch times and flags, and inviters drawn from
 * viewers generated earlier. Lazy: a million rows take about a second and constant memory
 * beyond the userid counter.
 */
export function* syntheticViewers(opts: SyntheticViewersOptions): Generator<SyntheticViewerRow> {
  const rng = new Prng(deriveSeed(opts.seed, 0x5e7));
  const duration = opts.durationSeconds ?? 7200;
  const promotion = opts.promotion ?? true;
  const userids = new UseridMint();
  const externalIds = new ExternalUseridMint(rng);
  const recentMembers: string[] = [];
  const recentExternals: string[] = [];

  for (let i = 0; i < opts.members; i++) {
    const id = userids.next(rng);
    const watch_time = watchSeconds(rng, duration);
    const row: SyntheticViewerRow = {
      kind: 'member',
      id,
      watch_time,
      is_comment: rng.chance(0.05 + (0.3 * watch_time) / duration) ? 1 : 0,
      is_mic: rng.chance(0.015) ? 1 : 0,
    };
    if (promotion && recentMembers.length > 0 && rng.chance(0.1)) row.invitor_userid = rng.pick(recentMembers);
    recentMembers[i % WINDOW] = id;
    yield row;
  }

  for (let i = 0; i < opts.external; i++) {
    const id = externalIds.id(i, rng);
    const watch_time = watchSeconds(rng, duration);
    const row: SyntheticViewerRow = {
      kind: 'external',
      id,
      type: rng.chance(0.8) ? 1 : 2,
      name: displayName(rng),
      watch_time,
      is_comment: rng.chance(0.05 + (0.3 * watch_time) / duration) ? 1 : 0,
      is_mic: rng.chance(0.01) ? 1 : 0,
    };
    if (promotion && rng.chance(0.65)) {
      // Chains: a viewer shares onward to friends, so many external viewers come through another one.
      if (recentExternals.length > 0 && rng.chance(0.45)) row.invitor_external_userid = rng.pick(recentExternals);
      else if (recentMembers.length > 0) row.invitor_userid = rng.pick(recentMembers);
    }
    recentExternals[i % WINDOW] = id;
    yield row;
  }
}
