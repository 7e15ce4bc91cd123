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
// A page another process stored first is the same page: it was joined from the same rows.
const STORE_PAGE = `INSERT INTO stored_pages (living_pk, page_size, after_kind, after_id, last_kind, last_id, more, users, external_users)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (living_pk, page_size, after_kind, after_id) DO NOTHING`;
export const HAS_STORED_PAGES = 'SELECT 1 AS one FROM stored_pages WHERE living_pk = ? AND page_size = ? LIMIT 1';
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

/** Where a walk stopped: the position to go on after, or done. */
export type PagesWalk = { done: true } | { done: false; after: ViewerPosition | undefined };

/**
 * Joins and stores the pages of the live `pk` for `pageSize` from `from` on (the first page when
 * undefined), at most `limit` of them, inside `tx`, walking the live with the backend's own
 * range read. The caller holds what keeps the rows still while it reads them (the live's row
 * for update, or SQLite's one writer). Each page is right on its own: it holds the rows after
 * its key as they are now, and any later write to them deletes it; so a walk may go on in
 * another transaction.
 */
export async function storePages<Joined>(
  tx: Sql,
  pk: number,
  pageSize: number,
  read: (after: ViewerPosition | undefined) => Promise<PageRange<Joined>>,
  from?: ViewerPosition,
  limit = Number.POSITIVE_INFINITY,
): Promise<PagesWalk> {
  let after = from;
  for (let n = 0; n < limit; n++) {
    const page = await read(after);
    if (!page.open) {
      await tx.run(STORE_PAGE, [pk, pageSize, after?.kind ?? -1, after?.id ?? '', page.last?.kind ?? null, page.last?.id ?? null, page.more ? 1 : 0, page.users, page.externalUsers]);
    }
    if (!page.more || !page.last) return { done: true };
    after = page.last;
  }
  return { done: false, after };
}
