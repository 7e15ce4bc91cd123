import type { IngestViewer } from '../../protocol/events.js';

/**
 * One string per viewer of a live, to group events by viewer. Members and external viewers
 * live in different id spaces, so the kind is part of the key.
 */
export function viewerKey(viewer: IngestViewer): string {
  return 'userid' in viewer ? `u:${viewer.userid}` : `x:${viewer.external_userid}`;
}
