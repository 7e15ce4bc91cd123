export { GET_SUITE_TOKEN_PATH, GET_CORP_TOKEN_PATH } from './paths.js';
import Type, { type Static } from 'typebox';

/**
 * Third-party (suite) apps get a corp's token in two steps: `get_suite_token` with the suite's
 * secret and the latest suite_ticket, then `get_corp_token` with that suite token and the
 * permanent code the corp's authorization produced. On success both reply with no `errcode` and
 * no `errmsg` ("因历史原因，该接口在调用失败时才返回errcode。没返回errcode视为调用成功": a captured reply
 * is `{"suite_access_token":"...","expires_in":7200}`); only failures carry them.
 */



const Credential = (description: string) => Type.String({ minLength: 1, maxLength: 512, description });

/** Request body of `POST /cgi-bin/service/get_suite_token`. */
export const GetSuiteTokenRequestSchema = Type.Object(
  {
    suite_id: Credential('the suite (third-party app) id'),
    suite_secret: Credential("the suite's secret"),
    suite_ticket: Credential('the latest suite_ticket WeCom pushed'),
  },
  { $id: 'GetSuiteTokenRequest' },
);
export type GetSuiteTokenRequest = Static<typeof GetSuiteTokenRequestSchema>;

/** Only failures carry errcode and errmsg; a reply without errcode is a success. */
const FailureErrcode = Type.Optional(Type.Integer({ description: 'only on failure: a reply without errcode succeeded' }));
const FailureErrmsg = Type.Optional(Type.String({ description: 'only on failure' }));

/** Reply of get_suite_token: `{"suite_access_token":"...","expires_in":7200}` on success. */
export const GetSuiteTokenReplySchema = Type.Object(
  {
    errcode: FailureErrcode,
    errmsg: FailureErrmsg,
    suite_access_token: Type.Optional(Type.String()),
    expires_in: Type.Optional(Type.Integer()),
  },
  { $id: 'GetSuiteTokenReply' },
);
export type GetSuiteTokenReply = Static<typeof GetSuiteTokenReplySchema>;

/** Query of get_corp_token. */
export const GetCorpTokenQuerySchema = Type.Object(
  { suite_access_token: Type.String({ minLength: 1, maxLength: 512, description: 'from get_suite_token' }) },
  { $id: 'GetCorpTokenQuery' },
);

/** Request body of `POST /cgi-bin/service/get_corp_token?suite_access_token=...`. */
export const GetCorpTokenRequestSchema = Type.Object(
  {
    auth_corpid: Credential('the authorizing corp'),
    permanent_code: Credential("the corp's permanent code for this suite"),
  },
  { $id: 'GetCorpTokenRequest' },
);
export type GetCorpTokenRequest = Static<typeof GetCorpTokenRequestSchema>;

/** Reply of get_corp_token: an access_token for the corp, used like gettoken's; `{"access_token":"...","expires_in":7200}` on success. */
export const GetCorpTokenReplySchema = Type.Object(
  {
    errcode: FailureErrcode,
    errmsg: FailureErrmsg,
    access_token: Type.Optional(Type.String()),
    expires_in: Type.Optional(Type.Integer()),
  },
  { $id: 'GetCorpTokenReply' },
);
export type GetCorpTokenReply = Static<typeof GetCorpTokenReplySchema>;
