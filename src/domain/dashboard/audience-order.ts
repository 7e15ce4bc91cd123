import { AUDIENCE_SORTS as WIRE_SORTS, type AudienceSort as WireSort } from '../../protocol/admin/admin-audience.js';

/**
 * Audience orders (their names are the admin API's `sort`). Every order ends in (kind, id), the primary key, so it is total and a
 * keyset position is unique: `id` = (kind, id); `watch_time` = (watch_time, kind, id);
 * `name` = (coalesce(name, ''), kind, id) — members have no name and sort as ''.
 */
export type AudienceSort = WireSort;
export const AUDIENCE_SORTS: readonly AudienceSort[] = WIRE_SORTS;

/** A row's place in an audience order: the sort value and the primary key. */
export interface AudiencePosition {
  /** watch_time for `watch_time`, the name ('' for none) for `name`, unused (0) for `id`. */
  value: number | string;
  kind: 0 | 1;
  id: string;
}

/** How many viewers have exactly this watch time (seconds). */
export interface WatchTimeCount {
  watchTime: number;
  viewers: number;
}

/** The position of a row (its stored watch time, name, kind and id) in an order. */
export function positionOf(sort: AudienceSort, row: { kind: 0 | 1; id: string; watchTime: number; name?: string }): AudiencePosition {
  const value = sort === 'watch_time' ? row.watchTime : sort === 'name' ? (row.name ?? '') : 0;
  return { value, kind: row.kind, id: row.id };
}
