export { GET_USER_ALL_LIVINGID_PATH } from './paths.js';
import Type, { type Static } from 'typebox';
import { USERID_PATTERN } from './ids.js';

/** `POST /cgi-bin/living/get_user_all_livingid?access_token=...` */


/** The largest (and the default) page of get_user_all_livingid. */
export const MAX_LIVINGID_LIST_LIMIT = 100;
/** The longest cursor livestat accepts before answering 40058. */
export const MAX_CURSOR_LENGTH = 512;

/** Request body of get_user_all_livingid: `cursor` absent or `""` starts from the beginning. */
export const GetUserAllLivingidRequestSchema = Type.Object(
  {
    userid: Type.String({ pattern: USERID_PATTERN.source, description: 'the member whose lives to list' }),
    cursor: Type.Optional(Type.String({ maxLength: MAX_CURSOR_LENGTH, description: 'next_cursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_LIVINGID_LIST_LIMIT, description: 'at most 100; 0 or absent = 100' })),
  },
  { $id: 'GetUserAllLivingidRequest' },
);
export type GetUserAllLivingidRequest = Static<typeof GetUserAllLivingidRequestSchema>;

/** Reply of get_user_all_livingid; `next_cursor` is `""` on the last page. */
export const GetUserAllLivingidReplySchema = Type.Object(
  {
    errcode: Type.Integer(),
    errmsg: Type.String(),
    next_cursor: Type.Optional(Type.String()),
    livingid_list: Type.Optional(Type.Array(Type.String())),
  },
  { $id: 'GetUserAllLivingidReply' },
);
export type GetUserAllLivingidReply = Static<typeof GetUserAllLivingidReplySchema>;
