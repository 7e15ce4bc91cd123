import { GET_LIVING_CODE_PATH, GET_LIVING_INFO_PATH, GET_LIVING_SHARE_INFO_PATH, GET_USER_ALL_LIVINGID_PATH, GET_WATCH_STAT_PATH, LIVING_CANCEL_PATH, LIVING_CREATE_PATH, LIVING_DELETE_REPLAY_DATA_PATH, LIVING_MODIFY_PATH, isStartKey } from '../protocol/paths.js';
import type { ErrorReply, GetLivingCodeReply, GetLivingCodeRequest, GetLivingInfoReply, GetLivingShareInfoReply, LivingShareInfo, GetUserAllLivingidReply, GetWatchStatReply, LivingCreateReply, LivingCreateRequest, LivingInfo, LivingModifyRequest, WatchStatPage } from '../protocol/index.js';
import type { ApiCaller } from './api-call.js';
import { WeComResponseError } from './transport-errors.js';
import { pageViewers, type ViewerEntry } from './viewers.js';
import { iterateWatchStatPages } from './watch-stat-pages.js';

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
  /** Request the next page while the caller handles this one (faster pulls; one extra request if stopped early). */
  prefetch?: boolean;
}

/** Parameters of one get_user_all_livingid call. */
export interface GetUserAllLivingidParams {
  userid: string;
  /** `next_cursor` of the previous page; absent for the first page. */
  cursor?: string;
  /** Lives per page, at most 100 (the default). */
  limit?: number;
}

/** One page of a member's lives. */
export interface UserLivingidPage {
  livingids: string[];
  /** Pass back as `cursor`; `""` on the last page. */
  nextCursor: string;
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
          options.prefetch ?? false,
        ),
    };
  }

  /**
   * `POST /cgi-bin/living/create`: reserves a live; the calling app becomes its creator.
   *
   * @returns the new livingid.
   * @throws {WeComInvalidParameterError} 40058 naming the bad field (e.g. a theme over 20 characters).
   * @example
   * const livingid = await client.living.create({ anchor_userid: 'zhangsan', theme: '周会', living_start: 1764230400, living_duration: 3600, type: 0 });
   */
  async create(params: LivingCreateRequest): Promise<string> {
    const reply = await this.#caller.request<LivingCreateReply>({ method: 'POST', path: LIVING_CREATE_PATH, body: params });
    if (typeof reply.livingid !== 'string') throw new WeComResponseError('create reply has no livingid', { status: 200, endpoint: LIVING_CREATE_PATH });
    return reply.livingid;
  }

  /**
   * `POST /cgi-bin/living/modify`: changes the given fields of a reserved live. Only the app
   * that created the live may; `theme` is at most 60 bytes of UTF-8 and `description` 300.
   *
   * @throws {WeComApiError} 92006 when the live is no longer reserved; {@link WeComPermissionError} 92008 for a live another app created; {@link WeComInvalidParameterError} 40058 past a byte limit.
   * @example
   * await client.living.modify({ livingid, theme: '新主题', living_duration: 5400 });
   */
  async modify(params: LivingModifyRequest): Promise<void> {
    await this.#caller.request<ErrorReply>({ method: 'POST', path: LIVING_MODIFY_PATH, body: params });
  }

  /**
   * `POST /cgi-bin/living/cancel`: cancels a reserved live.
   *
   * @throws {WeComApiError} 92006 when the live is no longer reserved (or already cancelled).
   * @example
   * await client.living.cancel(livingid);
   */
  async cancel(livingid: string): Promise<void> {
    await this.#caller.request<ErrorReply>({ method: 'POST', path: LIVING_CANCEL_PATH, body: { livingid } });
  }

  /**
   * `POST /cgi-bin/living/delete_replay_data`: deletes an ended live's replay.
   *
   * @throws {WeComApiError} 92007 when the live has not ended or its replay is already deleted.
   * @example
   * await client.living.deleteReplayData(livingid);
   */
  async deleteReplayData(livingid: string): Promise<void> {
    await this.#caller.request<ErrorReply>({ method: 'POST', path: LIVING_DELETE_REPLAY_DATA_PATH, body: { livingid } });
  }

  /**
   * `GET /cgi-bin/living/get_living_info`: the live's details, status (0 reserved, 1 live,
   * 2 ended, 3 expired, 4 cancelled) and audience numbers.
   *
   * @throws {WeComPermissionError} 48002 / 92008 when the app may not read this live.
   * @example
   * const { status, viewer_num, online_count } = await client.living.getLivingInfo(livingid);
   */
  async getLivingInfo(livingid: string): Promise<LivingInfo> {
    const reply = await this.#caller.request<GetLivingInfoReply>({ method: 'GET', path: GET_LIVING_INFO_PATH, query: { livingid } });
    if (!reply.living_info) throw new WeComResponseError('get_living_info reply has no living_info', { status: 200, endpoint: GET_LIVING_INFO_PATH });
    return reply.living_info;
  }

  /**
   * `POST /cgi-bin/living/get_living_code`: a code that opens the live for one WeChat user in
   * the live mini-program (`pages/watch/index?living_code=...`), reusable for 5 minutes. Only
   * for lives the calling app created. The code is a string, never a number.
   *
   * @throws {WeComPermissionError} 92008 for a live the app did not create.
   * @example
   * const code = await client.living.getLivingCode({ livingid, openid: 'oXXXXXXXXXXXXXXXXXXXXXXXXXXX' });
   */
  async getLivingCode(params: GetLivingCodeRequest): Promise<string> {
    const reply = await this.#caller.request<GetLivingCodeReply>({ method: 'POST', path: GET_LIVING_CODE_PATH, body: { livingid: params.livingid, openid: params.openid } });
    if (typeof reply.living_code !== 'string') throw new WeComResponseError('get_living_code reply has no living_code string', { status: 200, endpoint: GET_LIVING_CODE_PATH });
    return reply.living_code;
  }

  /**
   * `POST /cgi-bin/living/get_living_share_info`: who entered which live through whose share,
   * from the `ww_share_code` the mini-program appended (valid 5 minutes). `viewer_userid` is set
   * for a member, `viewer_external_userid` otherwise; the inviter likewise, when there is one.
   *
   * @throws {WeComInvalidParameterError} 40058 for an unknown or expired code.
   * @example
   * const { livingid, viewer_external_userid, invitor_userid } = await client.living.getLivingShareInfo(wwShareCode);
   */
  async getLivingShareInfo(wwShareCode: string): Promise<LivingShareInfo> {
    const reply = await this.#caller.request<GetLivingShareInfoReply>({ method: 'POST', path: GET_LIVING_SHARE_INFO_PATH, body: { ww_share_code: wwShareCode } });
    const { errcode: _errcode, errmsg: _errmsg, livingid, ...parties } = reply;
    if (typeof livingid !== 'string') throw new WeComResponseError('get_living_share_info reply has no livingid', { status: 200, endpoint: GET_LIVING_SHARE_INFO_PATH });
    return { livingid, ...parties };
  }

  /**
   * One page of `POST /cgi-bin/living/get_user_all_livingid`: the lives a member anchors.
   *
   * @example
   * const { livingids, nextCursor } = await client.living.getUserAllLivingid({ userid: 'zhangsan', limit: 50 });
   */
  async getUserAllLivingid(params: GetUserAllLivingidParams): Promise<UserLivingidPage> {
    const body = { userid: params.userid, cursor: params.cursor ?? '', limit: params.limit ?? 100 };
    const reply = await this.#caller.request<GetUserAllLivingidReply>({ method: 'POST', path: GET_USER_ALL_LIVINGID_PATH, body });
    return { livingids: reply.livingid_list ?? [], nextCursor: reply.next_cursor ?? '' };
  }

  /**
   * Every livingid a member anchors, lazily, page after page until `next_cursor` is `""`.
   *
   * @throws {WeComResponseError} when the server repeats a cursor (instead of looping forever).
   * @example
   * for await (const livingid of client.living.userLivingids('zhangsan')) console.log(livingid);
   */
  async *userLivingids(userid: string, options: { limit?: number } = {}): AsyncGenerator<string, void, undefined> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await this.getUserAllLivingid({ userid, ...(cursor === undefined ? {} : { cursor }), ...options });
      yield* page.livingids;
      if (page.nextCursor === '') return;
      if (seen.has(page.nextCursor)) throw new WeComResponseError('get_user_all_livingid repeated next_cursor', { status: 200, endpoint: GET_USER_ALL_LIVINGID_PATH });
      seen.add(page.nextCursor);
      cursor = page.nextCursor;
    }
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
