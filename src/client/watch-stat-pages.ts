import { isStartKey, type WatchStatPage } from '../protocol/index.js';
import { WeComPaginationLoopError } from './transport-errors.js';

/**
 * Every page of a live's watch statistics, fetched lazily (one request per `next()`),
 * stopping on `ending === 1` only. Before yielding a page it checks the page's `next_key`
 * was never seen: a repeat (or a start key before the end) would loop or repeat viewers.
 */
export async function* iterateWatchStatPages(
  livingid: string,
  fetchPage: (nextKey: string | undefined) => Promise<WatchStatPage>,
  fromKey?: string,
): AsyncGenerator<WatchStatPage, void, undefined> {
  // Keys are short strings and a pull has at most thousands of pages, so remembering them all is cheap.
  const seen = new Set<string>();
  let key = isStartKey(fromKey) ? undefined : fromKey;
  if (key !== undefined) seen.add(key);
  for (;;) {
    const page = await fetchPage(key);
    if (page.ending === 1) {
      yield page;
      return;
    }
    if (isStartKey(page.next_key) || seen.has(page.next_key)) {
      throw new WeComPaginationLoopError(livingid, page.next_key);
    }
    seen.add(page.next_key);
    key = page.next_key;
    yield page;
  }
}
