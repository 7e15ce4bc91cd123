import type { IngestViewer } from '../../protocol/events.js';

/**
 * A viewer key: the one string that names a viewer among a live's viewers, to group events by
 * viewer. Members and external viewers live in different id spaces, so the kind is part of it.
 * (A viewer's place in the paging order is a ViewerPosition, not a key.)
 */
export type ViewerKey = `u:${string}` | `x:${string}`;

/** The viewer's key. */
export function viewerKey(viewer: IngestViewer): ViewerKey {
  return 'userid' in viewer ? `u:${viewer.userid}` : `x:${viewer.external_userid}`;
}
