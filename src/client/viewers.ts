import type { WatchStatPage } from '../protocol/index.js';
import type { Viewer } from '../protocol/viewer.js';

// The SDK's names for the tagged viewer; the shape lives in protocol/ so the server can share it.
export type { ExternalViewer, MemberViewer, Viewer } from '../protocol/viewer.js';

/**
 * A viewer together with where its page left off. `nextKey` resumes after this viewer's
 * page: checkpoint it once `lastOnPage` is true, and a resumed pull repeats nothing.
 */
export interface ViewerEntry {
  viewer: Viewer;
  nextKey: string;
  ending: boolean;
  lastOnPage: boolean;
}

/**
 * The viewers of one page, members first, as tagged objects (`kind` first, then the
 * wire fields in wire order).
 *
 * @example
 * for (const v of pageViewers(page)) console.log(v.kind === 'member' ? v.userid : v.name);
 */
export function pageViewers(page: WatchStatPage): Viewer[] {
  const members = page.stat_info.users.map((u): Viewer => ({ kind: 'member', ...u }));
  const externals = page.stat_info.external_users.map((u): Viewer => ({ kind: 'external', ...u }));
  return [...members, ...externals];
}
