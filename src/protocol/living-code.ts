export { GET_LIVING_CODE_PATH, GET_LIVING_SHARE_INFO_PATH, LIVING_CODE_TTL_SECONDS } from './paths.js';
import Type, { type Static } from 'typebox';
import { MAX_LIVINGID_LENGTH } from './ids.js';

/**
 * The two codes of the 直播 family (WIRE.md, "get_living_code", "get_living_share_info"):
 * `POST /cgi-bin/living/get_living_code` hands a WeChat user a code that opens the live in the
 * live mini-program; `POST /cgi-bin/living/get_living_share_info` tells whose share a
 * `ww_share_code` (appended by the mini-program) came from. Both codes are valid 5 minutes.
 */

/** The longest openid livestat accepts (WeChat's are 28 characters) before answering 40058. */
export const MAX_OPENID_LENGTH = 128;
/** The longest ww_share_code livestat accepts before answering 40058. */
export const MAX_SHARE_CODE_LENGTH = 128;

/** Request body of get_living_code. */
export const GetLivingCodeRequestSchema = Type.Object(
  {
    livingid: Type.String({ minLength: 1, maxLength: MAX_LIVINGID_LENGTH, description: 'the live (created by the calling app)' }),
    openid: Type.String({ minLength: 1, maxLength: MAX_OPENID_LENGTH, description: "the WeChat user's openid" }),
  },
  { $id: 'GetLivingCodeRequest' },
);
export type GetLivingCodeRequest = Static<typeof GetLivingCodeRequestSchema>;

/** Reply of get_living_code: `living_code` is a string (PowerWeChat types it as a number: an SDK bug). */
export const GetLivingCodeReplySchema = Type.Object(
  {
    errcode: Type.Integer(),
    errmsg: Type.String(),
    living_code: Type.Optional(Type.String({ description: 'opens the live as pages/watch/index?living_code=...; reusable for 5 minutes' })),
  },
  { $id: 'GetLivingCodeReply' },
);
export type GetLivingCodeReply = Static<typeof GetLivingCodeReplySchema>;

/** Request body of get_living_share_info. */
export const GetLivingShareInfoRequestSchema = Type.Object(
  { ww_share_code: Type.String({ minLength: 1, maxLength: MAX_SHARE_CODE_LENGTH, description: 'the code the mini-program appended as ww_share_code=; valid 5 minutes' }) },
  { $id: 'GetLivingShareInfoRequest' },
);
export type GetLivingShareInfoRequest = Static<typeof GetLivingShareInfoRequestSchema>;

/**
 * Reply of get_living_share_info, keys in the doc's order: one of viewer_userid (a member) and
 * viewer_external_userid, then at most one of invitor_userid and invitor_external_userid.
 */
export const GetLivingShareInfoReplySchema = Type.Object(
  {
    errcode: Type.Integer(),
    errmsg: Type.String(),
    livingid: Type.Optional(Type.String()),
    viewer_userid: Type.Optional(Type.String({ description: 'the viewer, when a member' })),
    viewer_external_userid: Type.Optional(Type.String({ description: 'the viewer, when not a member' })),
    invitor_userid: Type.Optional(Type.String({ description: "the sharer of the viewer's first entry, when a member" })),
    invitor_external_userid: Type.Optional(Type.String({ description: "the sharer of the viewer's first entry, when not a member" })),
  },
  { $id: 'GetLivingShareInfoReply' },
);
export type GetLivingShareInfoReply = Static<typeof GetLivingShareInfoReplySchema>;

/** A resolved share: the live, the viewer and (when there is one) the inviter of their first entry. */
export type LivingShareInfo = Omit<GetLivingShareInfoReply, 'errcode' | 'errmsg' | 'livingid'> & { livingid: string };
