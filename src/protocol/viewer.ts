import type { WatchStatExternalUser, WatchStatUser } from './watch-stat.js';

// One shape for a viewer everywhere a row leaves livestat (the SDK's pages, `livestat pull`,
// the dashboard's API and CSV): get_watch_stat's fields in wire order, tagged by kind.

/** A member (企业成员) of the corp who watched. */
export type MemberViewer = { kind: 'member' } & WatchStatUser;
/** An external viewer (WeChat user, or WeCom user of another corp). */
export type ExternalViewer = { kind: 'external' } & WatchStatExternalUser;
/** One viewer of a live stream, tagged by `kind`. */
export type Viewer = MemberViewer | ExternalViewer;
