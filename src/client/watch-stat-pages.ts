import { isStartKey } from '../protocol/paths.js';
import type { WatchStatPage } from '../protocol/index.js';
import { WeComPaginationLoopError } from './transport-errors.js';

/**
 * Every page of a live's watch statistics, stopping on `ending === 1` only. Before yielding a
 * page it checks the page's `next_key` was never seen: a repeat (or a start key before the
 * end) would loop or repeat viewers. Lazy by default (one request per `next()`); with
 * `prefetch`, the next page is requested as soon as a page arrives, so the network round trip
 * overlaps the caller's work on the page (one request more if the caller stops early).
 */
export async function* iterateWatchStatPages(
  livingid: string,
  fetchPage: (nextKey: string | undefined) => Promise<WatchStatPage>,
  fromKey?: string,
  prefetch = false,
): AsyncGenerator<WatchStatPage, void, undefined> {
  // Keys are short strings and a pull has at most thousands of pages, so remembering them all is cheap.
  const seen = new Set<string>();
  let key = isStartKey(fromKey) ? undefined : fromKey;
  if (key !== undefined) seen.add(key);
  let pending = fetchPage(key);
  for (;;) {
    const page = await pending;
    if (page.ending === 1) {
      yield page;
      return;
    }
    if (isStartKey(page.next_key) || seen.has(page.next_key)) {
      throw new WeComPaginationLoopError(livingid, page.next_key);
    }
    seen.add(page.next_key);
    key = page.next_key;
    if (prefetch) {
      pending = fetchPage(key);
      // Awaited on the next turn; this only keeps an abandoned prefetch from going unhandled.
      pending.catch(() => undefined);
    }
    yield page;
    if (!prefetch) pending = fetchPage(key);
  }
}
