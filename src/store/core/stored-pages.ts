import type { ViewerPosition } from '../../domain/viewer-position.js';
import type { Sql } from '../sql/sql.js';

/**
 * Stored pages: a live's get_watch_stat pages joined once, when its viewers are loaded, so that
 * a pull reads one row per page instead of walking a hundred viewer rows (bench/CHANGES.md).
 * They are derived data with one rule: whoever writes a live's viewer rows deletes its stored
 * pages in the same transaction, so a stored page is always what the rows would give now.
 * Pages with a viewer still watching are not stored (their entries move with the clock).
 */
export const DROP_STORED_PAGES = 'DELETE FROM stored_pages WHERE living_pk = ?';
const STORE_PAGE = `INSERT INTO stored_pages (living_pk, page_size, after_kind, after_id, last_kind, last_id, more, users, external_users)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** Parameters: living_pk, page_size, the position the page continues after (-1, '' for the first page). */
export const STORED_PAGE_WHERE = 'living_pk = ? AND page_size = ? AND after_kind = ? AND after_id = ?';

/** A page as the backend's range read gives it, in the backend's own form of joined entries. */
export interface PageRange<Joined> {
  users: Joined;
  externalUsers: Joined;
  last: ViewerPosition | undefined;
  more: boolean;
  /** Some viewer on the page is still watching: the page is not stored. */
  open: boolean;
}

/**
 * Joins and stores every page of the live `pk` for `pageSize`, inside `tx`, walking the live
 * with the backend's own range read. The caller holds what keeps the rows still (the live's
 * row for update, or SQLite's one writer) and has already dropped the live's old pages.
 */
export async function storePages<Joined>(tx: Sql, pk: number, pageSize: number, read: (after: ViewerPosition | undefined) => Promise<PageRange<Joined>>): Promise<void> {
  for (let after: ViewerPosition | undefined; ; ) {
    const page = await read(after);
    if (!page.open) {
      await tx.run(STORE_PAGE, [pk, pageSize, after?.kind ?? -1, after?.id ?? '', page.last?.kind ?? null, page.last?.id ?? null, page.more ? 1 : 0, page.users, page.externalUsers]);
    }
    if (!page.more || !page.last) return;
    after = page.last;
  }
}
