import type { EventKind, IngestInvitor, IngestViewer } from '../../src/protocol/events.js';
import type { ViewerEvent } from '../../src/domain/activity/viewer-state.js';

/** Live start used across the tests: 2025-11-27 08:00 UTC. */
export const T0 = Date.UTC(2025, 10, 27, 8, 0, 0);
export const S = 1000;
export const MIN = 60 * S;
export const LIVE = { startMs: T0, endMs: T0 + 60 * MIN };
export const GRACE = { graceMs: 60 * S };

export const MEMBER: IngestViewer = { userid: 'lisi' };
export const EXTERNAL: IngestViewer = { external_userid: 'wmd9BGagAAcV672nvFb2SHGwFHKotxQg', type: 1, name: '万强' };

let counter = 0;

/** An event of `MEMBER` at `T0 + offsetMs`; ids are unique unless given. */
export function ev(
  kind: EventKind,
  offsetMs: number,
  extra: { session?: string; invitor?: IngestInvitor; viewer?: IngestViewer; id?: string } = {},
): ViewerEvent {
  const e: ViewerEvent = { id: extra.id ?? `e-${++counter}`, at: T0 + offsetMs, kind, viewer: extra.viewer ?? MEMBER };
  if (extra.session !== undefined) e.session = extra.session;
  if (extra.invitor !== undefined) e.invitor = extra.invitor;
  return e;
}
