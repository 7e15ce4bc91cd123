/**
 * The read side the dashboard needs, in store terms. Every method is scoped to one corp and
 * answers as if a live of another corp did not exist (empty / zero), like the rest of Store.
 * Watch times here are the stored ones (as of a viewer's last event); callers bring open
 * sessions up to now with the rows of `openViewers`.
 */

/** Head counts of one live's audience. `external` = `wechat` + `wecom`; an external row without a type counts as WeChat. */
export interface AudienceCounts {
  viewers: number;
  members: number;
  external: number;
  wechat: number;
  wecom: number;
  commenters: number;
  micTakers: number;
}

/** How many viewers have exactly this stored watch time (seconds). */
export interface WatchTimeCount {
  watchTime: number;
  viewers: number;
}

/** One inviter: how many viewers first came through them, and those viewers' summed watch time. */
export interface InviterStanding {
  /** 0 = a member (invitor_userid), 1 = an external user (invitor_external_userid). */
  kind: 0 | 1;
  id: string;
  viewers: number;
  watchTime: number;
}

/**
 * Audience orders. Every order ends in (kind, id), the primary key, so it is total and a
 * keyset position is unique: `id` = (kind, id); `watch_time` = (watch_time, kind, id);
 * `name` = (coalesce(name, ''), kind, id) — members have no name and sort as ''.
 */
export type AudienceSort = 'id' | 'watch_time' | 'name';
export const AUDIENCE_SORTS: readonly AudienceSort[] = ['id', 'watch_time', 'name'];

/** member: kind 0; wechat: kind 1 and type is not 2; wecom: kind 1 and type 2. */
export type AudienceKind = 'member' | 'wechat' | 'wecom';
export const AUDIENCE_KINDS: readonly AudienceKind[] = ['member', 'wechat', 'wecom'];

/** A row's place in an audience order: the sort value and the primary key. */
export interface AudiencePosition {
  /** watch_time for `watch_time`, the name ('' for none) for `name`, unused (0) for `id`. */
  value: number | string;
  kind: 0 | 1;
  id: string;
}

/**
 * One page of an audience: rows strictly after `after` in the order (descending when `desc`),
 * filtered, at most `limit`. Filters: `kind`; `commented` / `mic` true = only viewers who did;
 * `search` = case-insensitive substring of the id or the name (LIKE '%s%' with %, _ and \ escaped).
 */
export interface AudienceQuery {
  sort: AudienceSort;
  desc: boolean;
  kind?: AudienceKind;
  commented?: boolean;
  mic?: boolean;
  search?: string;
  after?: AudiencePosition;
  limit: number;
}
