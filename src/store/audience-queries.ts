import type { AudiencePosition, AudienceSort } from '../domain/dashboard/audience-order.js';
// member: kind 0; wechat: kind 1 and type is not 2; wecom: kind 1 and type 2.
import type { AudienceKind } from '../protocol/admin/admin-audience.js';

export type { AudienceSort, WatchTimeCount } from '../domain/dashboard/audience-order.js';

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

/** One inviter: how many viewers first came through them, and those viewers' summed watch time. */
export interface InviterStanding {
  /** 0 = a member (invitor_userid), 1 = an external user (invitor_external_userid). */
  kind: 0 | 1;
  id: string;
  viewers: number;
  watchTime: number;
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
