/**
 * Endpoint paths and the few wire constants a client needs at run time, in a module without
 * TypeBox: the SDK imports these (and only types from the schema modules), so using the
 * client does not load the schema library.
 */

export const GETTOKEN_PATH = '/cgi-bin/gettoken';
export const GET_WATCH_STAT_PATH = '/cgi-bin/living/get_watch_stat';
export const GET_LIVING_INFO_PATH = '/cgi-bin/living/get_living_info';
export const GET_USER_ALL_LIVINGID_PATH = '/cgi-bin/living/get_user_all_livingid';
export const LIVING_CREATE_PATH = '/cgi-bin/living/create';
export const LIVING_MODIFY_PATH = '/cgi-bin/living/modify';
export const LIVING_CANCEL_PATH = '/cgi-bin/living/cancel';
export const LIVING_DELETE_REPLAY_DATA_PATH = '/cgi-bin/living/delete_replay_data';
export const GET_LIVING_CODE_PATH = '/cgi-bin/living/get_living_code';
export const GET_LIVING_SHARE_INFO_PATH = '/cgi-bin/living/get_living_share_info';
export const GET_SUITE_TOKEN_PATH = '/cgi-bin/service/get_suite_token';
export const GET_CORP_TOKEN_PATH = '/cgi-bin/service/get_corp_token';
export const EVENTS_PATH = '/livestat/v1/events';

/** How long a token lives, in seconds, as WeCom announces it. */
export const TOKEN_TTL_SECONDS = 7200;

/** How long a living_code and a ww_share_code stay valid: 5 minutes (WIRE.md, doc 93721 and 94442). */
export const LIVING_CODE_TTL_SECONDS = 300;

/** True when a next_key means "from the start" (WIRE.md: "0", "" or absent). */
export function isStartKey(nextKey: string | undefined): boolean {
  return nextKey === undefined || nextKey === '' || nextKey === '0';
}
