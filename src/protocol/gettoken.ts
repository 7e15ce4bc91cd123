export { GETTOKEN_PATH, TOKEN_TTL_SECONDS } from './paths.js';
import Type, { type Static } from 'typebox';

/** Path of the token endpoint, relative to the API base URL. */


/** How long a token lives, in seconds, as WeCom announces it. */


/** Query of `GET /cgi-bin/gettoken`. */
export const GetTokenQuerySchema = Type.Object({
  corpid: Type.Optional(Type.String()),
  corpsecret: Type.Optional(Type.String()),
});
export type GetTokenQuery = Static<typeof GetTokenQuerySchema>;

/** Reply of gettoken; on errors only `errcode` and `errmsg` are present. */
export const GetTokenReplySchema = Type.Object({
  errcode: Type.Integer(),
  errmsg: Type.String(),
  access_token: Type.Optional(Type.String()),
  expires_in: Type.Optional(Type.Integer()),
});
export type GetTokenReply = Static<typeof GetTokenReplySchema>;

/** The generic error reply every endpoint may give. */
export const ErrorReplySchema = Type.Object({
  errcode: Type.Integer(),
  errmsg: Type.String(),
});
export type ErrorReply = Static<typeof ErrorReplySchema>;
