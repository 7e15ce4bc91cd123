import { GET_WATCH_STAT_PATH, isStartKey, type GetWatchStatReply, type WatchStatPage } from '../protocol/index.js';
import type { ApiCall } from './client.js';
import { WeComResponseError } from './transport-errors.js';
import { pageViewers, type ViewerEntry } from './viewers.js';
import { iterateWatchStatPages } from './watch-stat-pages.js';

/** The part of the client the living API needs. */
export interface ApiCaller {
  request<T extends { errcode: number; errmsg: string }>(call: ApiCall): Promise<T>;
}

/** Parameters of one get_watch_stat call. */
export interface GetWatchStatParams {
  livingid: string;
  /** Where the previous page left off; absent for the first page. */
  nextKey?: string;
}

/** Where a multi-page pull starts. */
export interface WatchStatIterationOptions {
  /** A `next_key` saved from an earlier pull, to resume after its page. */
  fromKey?: string;
}

/**
 * The 直播 endpoints. Reach it as `client.living`.
 *
 * @example
 * const page = await client.living.getWatchStat({ livingid: 'lvXXXX' });
 */
export class LivingApi {
  readonly #caller: ApiCaller;

  constructor(caller: ApiCaller) {
    this.#caller = caller;
  }

  /**
   * One page of `POST /cgi-bin/living/get_watch_stat`.
   *
   * @throws {WeComPermissionError} 48002 / 92008 when the app may not read this live.
   * @example
   * const { stat_info, ending, next_key } = await client.living.getWatchStat({ livingid, nextKey });
   */
  async getWatchStat(params: GetWatchStatParams): Promise<WatchStatPage> {
    const reply = await this.#caller.request<GetWatchStatReply>({
      method: 'POST',
      path: GET_WATCH_STAT_PATH,
      body: { livingid: params.livingid, next_key: isStartKey(params.nextKey) ? '0' : params.nextKey },
    });
    return toPage(reply);
  }

  /**
   * Every page, lazily; stops on `ending === 1` only.
   *
   * @throws {WeComPaginationLoopError} when the server repeats a `next_key`.
   * @example
   * for await (const page of client.living.watchStat(livingid, { fromKey: saved })) save(page.next_key);
   */
  watchStat(livingid: string, options: WatchStatIterationOptions = {}): AsyncIterable<WatchStatPage> {
    return {
      [Symbol.asyncIterator]: () =>
        iterateWatchStatPages(
          livingid,
          (nextKey) => this.getWatchStat(nextKey === undefined ? { livingid } : { livingid, nextKey }),
          options.fromKey,
        ),
    };
  }

  /**
   * Every viewer, one by one, members before external viewers within each page. Each entry
   * carries its page's `nextKey` for checkpointing.
   *
   * @example
   * for await (const { viewer } of client.living.watchStatViewers(livingid)) {
   *   console.log(viewer.kind === 'member' ? viewer.userid : viewer.external_userid, viewer.watch_time);
   * }
   */
  async *watchStatViewers(livingid: string, options: WatchStatIterationOptions = {}): AsyncGenerator<ViewerEntry, void, undefined> {
    for await (const page of this.watchStat(livingid, options)) {
      const viewers = pageViewers(page);
      for (const [i, viewer] of viewers.entries()) {
        yield { viewer, nextKey: page.next_key, ending: page.ending === 1, lastOnPage: i === viewers.length - 1 };
      }
    }
  }
}

function toPage(reply: GetWatchStatReply): WatchStatPage {
  const { ending, next_key: nextKey } = reply;
  if ((ending !== 0 && ending !== 1) || (ending === 0 && typeof nextKey !== 'string')) {
    throw new WeComResponseError('get_watch_stat reply lacks ending/next_key', { status: 200, endpoint: GET_WATCH_STAT_PATH });
  }
  return {
    errcode: 0,
    errmsg: reply.errmsg,
    stat_info: { users: reply.stat_info?.users ?? [], external_users: reply.stat_info?.external_users ?? [] },
    ending,
    next_key: nextKey ?? '',
  };
}
