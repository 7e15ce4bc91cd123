export { GET_SUITE_TOKEN_PATH, GET_CORP_TOKEN_PATH } from './paths.js';
import Type, { type Static } from 'typebox';

/**
 * Third-party (suite) apps get a corp's token in two steps: `get_suite_token` with the suite's
 * secret and the latest suite_ticket, then `get_corp_token` with that suite token and the
 * permanent code the corp's authorization produced.
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

/** Reply of get_suite_token. */
export const GetSuiteTokenReplySchema = Type.Object(
  {
    errcode: Type.Integer(),
    errmsg: Type.String(),
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

/** Reply of get_corp_token: an access_token for the corp, used like gettoken's. */
export const GetCorpTokenReplySchema = Type.Object(
  {
    errcode: Type.Integer(),
    errmsg: Type.String(),
    access_token: Type.Optional(Type.String()),
    expires_in: Type.Optional(Type.Integer()),
  },
  { $id: 'GetCorpTokenReply' },
);
export type GetCorpTokenReply = Static<typeof GetCorpTokenReplySchema>;
