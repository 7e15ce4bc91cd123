/**
 * A position in a live's stable viewer order (members before external viewers, each by id):
 * where a get_watch_stat page, a CSV export or a store's keyset read continues after.
 */
export interface ViewerPosition {
  /** 0 = member, 1 = external viewer: members come first. */
  kind: 0 | 1;
  id: string;
}
