import type { WatchStatExternalUser, WatchStatUser } from '../protocol/watch-stat.js';
import type { OpenWatch, ViewerStat } from './model.js';

/** A viewer's get_watch_stat entry as a store keeps it: JSON text in wire order, and where it sorts. */
export interface WireRow {
  kind: 0 | 1;
  id: string;
  json: string;
  /** Set while the viewer may still be watching: the entry's watch time then depends on the clock. */
  openWatch?: OpenWatch;
}

/** A viewer as get_watch_stat's `users` lists them: keys in real traffic's order, inviter omitted when absent. */
export function toWireUser(v: ViewerStat, watchTime = v.watchTime): WatchStatUser {
  const u: WatchStatUser = { userid: v.id, watch_time: watchTime, is_comment: v.isComment, is_mic: v.isMic };
  if (v.invitorUserid !== undefined) u.invitor_userid = v.invitorUserid;
  else if (v.invitorExternalUserid !== undefined) u.invitor_external_userid = v.invitorExternalUserid;
  return u;
}

/** A viewer as get_watch_stat's `external_users` lists them. */
export function toWireExternalUser(v: ViewerStat, watchTime = v.watchTime): WatchStatExternalUser {
  const u: WatchStatExternalUser = { external_userid: v.id, type: v.type ?? 1, name: v.name ?? '', watch_time: watchTime, is_comment: v.isComment, is_mic: v.isMic };
  if (v.invitorUserid !== undefined) u.invitor_userid = v.invitorUserid;
  else if (v.invitorExternalUserid !== undefined) u.invitor_external_userid = v.invitorExternalUserid;
  return u;
}

/**
 * The viewer's entry in a get_watch_stat page as JSON text. Stores keep it beside the row so
 * that a page is read as a few columns and joined, not rebuilt field by field on every call.
 */
export function wireRowJson(v: ViewerStat): string {
  return JSON.stringify(v.kind === 0 ? toWireUser(v) : toWireExternalUser(v));
}

/** The same entry with the watch time brought up to date (rows of viewers still watching). */
export function withWatchTime(json: string, watchTime: number): string {
  const row = JSON.parse(json) as { watch_time: number };
  row.watch_time = watchTime;
  return JSON.stringify(row);
}
