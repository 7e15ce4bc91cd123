import type { IngestViewer } from '../../protocol/events.js';
import type { WatchStatExternalUser, WatchStatUser } from '../../protocol/watch-stat.js';
import { toWireExternalUser, toWireUser } from '../wire-row.js';
import { viewerStatOf } from './viewer-stat.js';
import type { LiveSpan, ViewerState } from './viewer-state.js';

export type WatchStatRow =
  | { kind: 'member'; row: WatchStatUser }
  | { kind: 'external'; row: WatchStatExternalUser };

/**
 * The get_watch_stat row of a viewer, keys in the order of real traffic, inviter fields
 * omitted when absent (WIRE.md).
 */
export function watchStatRow(viewer: IngestViewer, state: ViewerState, nowMs: number, live: LiveSpan): WatchStatRow {
  const stat = viewerStatOf(viewer, state, nowMs, live);
  return stat.kind === 0 ? { kind: 'member', row: toWireUser(stat) } : { kind: 'external', row: toWireExternalUser(stat) };
}
