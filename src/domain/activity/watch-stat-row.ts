import type { IngestViewer } from '../../protocol/events.js';
import type { WatchStatExternalUser, WatchStatUser } from '../../protocol/watch-stat.js';
import { watchTimeAt } from './watch-time.js';
import type { LiveSpan, ViewerState } from './viewer-state.js';

export type WatchStatRow =
  | { kind: 'member'; row: WatchStatUser }
  | { kind: 'external'; row: WatchStatExternalUser };

/**
 * The get_watch_stat row of a viewer, keys in the order of real traffic, inviter fields
 * omitted when absent (WIRE.md).
 */
export function watchStatRow(viewer: IngestViewer, state: ViewerState, nowMs: number, live: LiveSpan): WatchStatRow {
  const watch_time = watchTimeAt(state, nowMs, live);
  const inviter =
    state.invitor_userid !== undefined
      ? { invitor_userid: state.invitor_userid }
      : state.invitor_external_userid !== undefined
        ? { invitor_external_userid: state.invitor_external_userid }
        : {};
  if ('userid' in viewer) {
    return {
      kind: 'member',
      row: { userid: viewer.userid, watch_time, is_comment: state.is_comment, is_mic: state.is_mic, ...inviter },
    };
  }
  return {
    kind: 'external',
    row: {
      external_userid: viewer.external_userid,
      type: state.type ?? viewer.type,
      name: state.name ?? viewer.name,
      watch_time,
      is_comment: state.is_comment,
      is_mic: state.is_mic,
      ...inviter,
    },
  };
}
