import type { TSchema } from 'typebox';
import { GETTOKEN_PATH, GetTokenQuerySchema, GetTokenReplySchema } from './gettoken.js';
import {
  GET_LIVING_CODE_PATH,
  GET_LIVING_SHARE_INFO_PATH,
  GetLivingCodeReplySchema,
  GetLivingCodeRequestSchema,
  GetLivingShareInfoReplySchema,
  GetLivingShareInfoRequestSchema,
} from './living-code.js';
import { GET_LIVING_INFO_PATH, GetLivingInfoQuerySchema, GetLivingInfoReplySchema } from './living-info.js';
import { GET_USER_ALL_LIVINGID_PATH, GetUserAllLivingidReplySchema, GetUserAllLivingidRequestSchema } from './living-list.js';
import {
  LIVING_CANCEL_PATH,
  LIVING_CREATE_PATH,
  LIVING_DELETE_REPLAY_DATA_PATH,
  LIVING_MODIFY_PATH,
  LivingCreateReplySchema,
  LivingCreateRequestSchema,
  LivingIdRequestSchema,
  LivingModifyRequestSchema,
} from './living-manage.js';
import {
  GET_CORP_TOKEN_PATH,
  GET_SUITE_TOKEN_PATH,
  GetCorpTokenQuerySchema,
  GetCorpTokenReplySchema,
  GetCorpTokenRequestSchema,
  GetSuiteTokenReplySchema,
  GetSuiteTokenRequestSchema,
} from './suite-token.js';
import { ErrorReplySchema } from './gettoken.js';
import { GET_WATCH_STAT_PATH, GetWatchStatReplySchema, GetWatchStatRequestSchema } from './watch-stat.js';

/** How an endpoint authenticates: an access_token, a suite_access_token, or credentials in the call. */
export type EndpointAuth = 'access_token' | 'suite_access_token' | 'none';

/** One WeCom endpoint livestat serves, described by the same schemas that validate it. */
export interface WeComEndpoint {
  /** The name fault specs and rate limits use, e.g. `get_watch_stat`. */
  api: string;
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  auth: EndpointAuth;
  /** Query parameters besides the token. */
  query?: TSchema;
  body?: TSchema;
  reply: TSchema;
  /** The errcodes this endpoint may answer besides the envelope's. */
  errcodes: readonly number[];
}

const TOKEN_ERRCODES = [41001, 40014, 42001, 60020, 45009, 45033, 48002, 40058];
const LIVING_ERRCODES = [...TOKEN_ERRCODES, 92008];

/** Every WeCom endpoint livestat serves: the source of the OpenAPI document. */
export const WECOM_ENDPOINTS: readonly WeComEndpoint[] = [
  {
    api: 'gettoken',
    method: 'GET',
    path: GETTOKEN_PATH,
    summary: "An app's access_token from its corpid and secret (an agency app's permanent code is its secret)",
    auth: 'none',
    query: GetTokenQuerySchema,
    reply: GetTokenReplySchema,
    errcodes: [41004, 41002, 40013, 40001, 45009],
  },
  {
    api: 'get_suite_token',
    method: 'POST',
    path: GET_SUITE_TOKEN_PATH,
    summary: "A third-party suite's suite_access_token (success carries no errcode)",
    auth: 'none',
    body: GetSuiteTokenRequestSchema,
    reply: GetSuiteTokenReplySchema,
    errcodes: [40058, 41021, 40083, 40001, 40085, 60020, 45009],
  },
  {
    api: 'get_corp_token',
    method: 'POST',
    path: GET_CORP_TOKEN_PATH,
    summary: "An authorizing corp's access_token for a third-party suite's app (success carries no errcode)",
    auth: 'suite_access_token',
    query: GetCorpTokenQuerySchema,
    body: GetCorpTokenRequestSchema,
    reply: GetCorpTokenReplySchema,
    errcodes: [41022, 40082, 42009, 40058, 40084, 60020, 45009],
  },
  {
    api: 'get_watch_stat',
    method: 'POST',
    path: GET_WATCH_STAT_PATH,
    summary: "One page of a live's viewers and their statistics",
    auth: 'access_token',
    body: GetWatchStatRequestSchema,
    reply: GetWatchStatReplySchema,
    errcodes: LIVING_ERRCODES,
  },
  {
    api: 'living_create',
    method: 'POST',
    path: LIVING_CREATE_PATH,
    summary: 'Reserve a live; the calling app becomes its creator',
    auth: 'access_token',
    body: LivingCreateRequestSchema,
    reply: LivingCreateReplySchema,
    errcodes: TOKEN_ERRCODES,
  },
  {
    api: 'living_modify',
    method: 'POST',
    path: LIVING_MODIFY_PATH,
    summary: 'Change a reserved live',
    auth: 'access_token',
    body: LivingModifyRequestSchema,
    reply: ErrorReplySchema,
    errcodes: [...LIVING_ERRCODES, 92006],
  },
  {
    api: 'living_cancel',
    method: 'POST',
    path: LIVING_CANCEL_PATH,
    summary: 'Cancel a reserved live',
    auth: 'access_token',
    body: LivingIdRequestSchema,
    reply: ErrorReplySchema,
    errcodes: [...LIVING_ERRCODES, 92006],
  },
  {
    api: 'delete_replay_data',
    method: 'POST',
    path: LIVING_DELETE_REPLAY_DATA_PATH,
    summary: "Delete an ended live's replay",
    auth: 'access_token',
    body: LivingIdRequestSchema,
    reply: ErrorReplySchema,
    errcodes: [...LIVING_ERRCODES, 92007],
  },
  {
    api: 'get_living_info',
    method: 'GET',
    path: GET_LIVING_INFO_PATH,
    summary: "A live's details, status and audience numbers",
    auth: 'access_token',
    query: GetLivingInfoQuerySchema,
    reply: GetLivingInfoReplySchema,
    errcodes: LIVING_ERRCODES,
  },
  {
    api: 'get_user_all_livingid',
    method: 'POST',
    path: GET_USER_ALL_LIVINGID_PATH,
    summary: 'The lives a member anchors, one page at a time',
    auth: 'access_token',
    body: GetUserAllLivingidRequestSchema,
    reply: GetUserAllLivingidReplySchema,
    errcodes: TOKEN_ERRCODES,
  },
  {
    api: 'get_living_code',
    method: 'POST',
    path: GET_LIVING_CODE_PATH,
    summary: 'A code that opens the live for one WeChat user in the live mini-program, reusable for 5 minutes (lives the app created)',
    auth: 'access_token',
    body: GetLivingCodeRequestSchema,
    reply: GetLivingCodeReplySchema,
    errcodes: LIVING_ERRCODES,
  },
  {
    api: 'get_living_share_info',
    method: 'POST',
    path: GET_LIVING_SHARE_INFO_PATH,
    summary: "Who entered which live through whose share, from the ww_share_code (valid 5 minutes)",
    auth: 'access_token',
    body: GetLivingShareInfoRequestSchema,
    reply: GetLivingShareInfoReplySchema,
    errcodes: LIVING_ERRCODES,
  },
];
