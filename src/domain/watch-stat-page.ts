import { watchTimeAt } from './activity/watch-time.js';
import { livingSpan, type Living } from './model.js';
import type { ViewerPosition } from './viewer-position.js';
import { type WireRow, withWatchTime } from './wire-row.js';

/** What a get_watch_stat page is made of, besides its rows. */
export interface WatchStatPageRules {
  /** Viewers per page (users and external_users together). */
  pageSize: number;
  /** The live, whose end caps the watch time of viewers still watching. */
  living: Pick<Living, 'livingStart' | 'livingDuration'>;
  nowMs: number;
  /** The next_key that continues after this viewer. */
  nextKeyAfter(last: ViewerPosition): string;
}

/**
 * One successful get_watch_stat reply as JSON text. `rows` are the viewers after the request's
 * position in the stable order, up to `pageSize + 1`: the extra row only tells that the page
 * does not end. Stored entries are joined, not re-serialized, in the key order of real traffic
 * (errcode, errmsg, stat_info, ending, next_key); entries of viewers still watching get their
 * watch time brought up to `nowMs`. `ending` is 1 on the last page, whose next_key is "".
 */
export function watchStatPageJson(rows: readonly WireRow[], rules: WatchStatPageRules): string {
  const ending = rows.length <= rules.pageSize;
  const size = ending ? rows.length : rules.pageSize;
  const users: string[] = [];
  const externalUsers: string[] = [];
  let span: { startMs: number; endMs: number } | undefined;
  for (let i = 0; i < size; i++) {
    const row = rows[i]!;
    let json = row.json;
    if (row.openWatch) json = withWatchTime(json, watchTimeAt(row.openWatch, rules.nowMs, (span ??= livingSpan(rules.living))));
    (row.kind === 0 ? users : externalUsers).push(json);
  }
  const last = rows[size - 1];
  const next = ending || !last ? '' : rules.nextKeyAfter(last);
  return `{"errcode":0,"errmsg":"ok","stat_info":{"users":[${users.join(',')}],"external_users":[${externalUsers.join(',')}]},"ending":${ending ? 1 : 0},"next_key":${JSON.stringify(next)}}`;
}

/**
 * Whether the reply built from `rows` may be sent again for the very same rows: replies never
 * vary by caller, only by page, but a page with a viewer still watching changes with the clock.
 */
export function isReplyReusable(rows: readonly WireRow[], pageSize: number): boolean {
  const size = Math.min(rows.length, pageSize);
  for (let i = 0; i < size; i++) if (rows[i]!.openWatch) return false;
  return true;
}

/**
 * A page whose entries a store has already joined, as UTF-8 bytes: what a page without viewers
 * still watching is served from, with no object per viewer.
 */
export interface JoinedPage {
  /** The members' entries, comma-separated (empty when none). */
  users: Buffer;
  /** The external viewers' entries, comma-separated. */
  externalUsers: Buffer;
  /** The last viewer on the page; undefined when the page is empty. */
  last: ViewerPosition | undefined;
  /** Whether viewers follow this page. */
  more: boolean;
}

const HEAD = Buffer.from('{"errcode":0,"errmsg":"ok","stat_info":{"users":[');
const BETWEEN = Buffer.from('],"external_users":[');

/** The reply of a joined page: byte for byte what watchStatPageJson gives for the same rows. */
export function joinedPageReply(page: JoinedPage, nextKeyAfter: (last: ViewerPosition) => string): Buffer {
  const next = page.more && page.last ? nextKeyAfter(page.last) : '';
  const tail = Buffer.from(`]},"ending":${page.more ? 0 : 1},"next_key":${JSON.stringify(next)}}`);
  return Buffer.concat([HEAD, page.users, BETWEEN, page.externalUsers, tail]);
}

/** The joined form of rows that hold no viewer still watching (`rows` up to pageSize + 1, as watchStatPageJson takes them). */
export function joinRows(rows: readonly WireRow[], pageSize: number): JoinedPage | undefined {
  if (!isReplyReusable(rows, pageSize)) return undefined;
  const size = Math.min(rows.length, pageSize);
  const users: string[] = [];
  const externalUsers: string[] = [];
  for (let i = 0; i < size; i++) (rows[i]!.kind === 0 ? users : externalUsers).push(rows[i]!.json);
  const last = rows[size - 1];
  return { users: Buffer.from(users.join(',')), externalUsers: Buffer.from(externalUsers.join(',')), last: last && { kind: last.kind, id: last.id }, more: rows.length > pageSize };
}
