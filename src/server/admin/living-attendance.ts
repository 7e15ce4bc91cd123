import type { Living } from '../../domain/model.js';
import type { RosterMember } from '../../export/roster.js';
import type { Store } from '../../store/store.js';
import { audiencePages } from './audience-rows.js';

/**
 * Roster userid → watch time in the live, for the roster members among its viewers, read as
 * the downloads read the audience (get_watch_stat's rows, open sessions up to `nowMs`), so the
 * attendance agrees with `livestat report --roster` over the same live. Memory follows the
 * roster, not the audience.
 */
export async function rosterWatch(store: Store, living: Living, nowMs: number, roster: readonly RosterMember[]): Promise<Map<string, number>> {
  const onRoster = new Set(roster.map((m) => m.userid));
  const watch = new Map<string, number>();
  for await (const viewers of audiencePages(store, living, nowMs)) {
    for (const v of viewers) if (v.kind === 'member' && onRoster.has(v.userid)) watch.set(v.userid, (watch.get(v.userid) ?? 0) + v.watch_time);
  }
  return watch;
}
