import type { WatchStatExternalUser, WatchStatPage, WatchStatUser } from '../protocol/index.js';

/** A member (企业成员) of the corp who watched. */
export type MemberViewer = { kind: 'member' } & WatchStatUser;
/** An external viewer (WeChat user, or WeCom user of another corp). */
export type ExternalViewer = { kind: 'external' } & WatchStatExternalUser;
/** One viewer of a live stream, tagged by `kind`. */
export type Viewer = MemberViewer | ExternalViewer;

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
