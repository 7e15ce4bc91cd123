import type { IngestEvent, IngestViewer } from '../../protocol/events.js';
import type { WatchStatExternalUser, WatchStatUser } from '../../protocol/watch-stat.js';
import { computeViewerState } from '../activity/compute-viewer-state.js';
import { viewerKey } from '../activity/viewer-key.js';
import { DEFAULT_GRACE_MS, type LiveSpan } from '../activity/viewer-state.js';
import { watchStatRow } from '../activity/watch-stat-row.js';

export interface ExpectedStats {
  /** Members by userid, as a whole get_watch_stat pull returns them. */
  users: WatchStatUser[];
  /** External viewers by external_userid, after the members. */
  external_users: WatchStatExternalUser[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What a full pull should return at `nowMs` for these events (any order, one live),
 * by the rules in domain/activity. Holds every event by viewer: fine up to ~100,000 viewers.
 */
export function expectedStats(
  events: Iterable<IngestEvent>,
  live: LiveSpan,
  nowMs: number,
  graceMs: number = DEFAULT_GRACE_MS,
): ExpectedStats {
  const byViewer = new Map<string, { viewer: IngestViewer; events: IngestEvent[] }>();
  for (const e of events) {
    const key = viewerKey(e.viewer);
    const entry = byViewer.get(key);
    if (entry) entry.events.push(e);
    else byViewer.set(key, { viewer: e.viewer, events: [e] });
  }
  const out: ExpectedStats = { users: [], external_users: [] };
  for (const { viewer, events: mine } of byViewer.values()) {
    const state = computeViewerState(mine, live, { graceMs });
    const r = watchStatRow(viewer, state, nowMs, live);
    if (r.kind === 'member') out.users.push(r.row);
    else out.external_users.push(r.row);
  }
  out.users.sort((a, b) => byId(a.userid, b.userid));
  out.external_users.sort((a, b) => byId(a.external_userid, b.external_userid));
  return out;
}
