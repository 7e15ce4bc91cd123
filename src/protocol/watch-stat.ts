export { GET_WATCH_STAT_PATH, isStartKey } from './paths.js';
import Type, { type Static } from 'typebox';
import { MAX_LIVINGID_LENGTH, MAX_NEXT_KEY_LENGTH } from './ids.js';

/** Path of the endpoint, relative to the API base URL. */


/** Request body of `POST /cgi-bin/living/get_watch_stat`. */
export const GetWatchStatRequestSchema = Type.Object(
  {
    livingid: Type.String({ minLength: 1, maxLength: MAX_LIVINGID_LENGTH }),
    // "0", "" and an absent next_key all mean "from the start".
    next_key: Type.Optional(Type.String({ maxLength: MAX_NEXT_KEY_LENGTH })),
  },
  { $id: 'GetWatchStatRequest' },
);
export type GetWatchStatRequest = Static<typeof GetWatchStatRequestSchema>;

// Plain integer schemas (not unions of literals) keep reply serialization on the fast path.
const Flag = Type.Unsafe<0 | 1>({ type: 'integer', enum: [0, 1] });
const Inviter = {
  /** The member whose live card or QR code the viewer first entered through (product-promotion lives only). */
  invitor_userid: Type.Optional(Type.String()),
  /** The external sharer whose card or QR code the viewer first entered through (product-promotion lives only). */
  invitor_external_userid: Type.Optional(Type.String()),
};

/** A member (企业成员) who watched. Key order is the order real traffic shows. */
export const WatchStatUserSchema = Type.Object({
  userid: Type.String(),
  watch_time: Type.Integer({ minimum: 0 }),
  is_comment: Flag,
  is_mic: Flag,
  ...Inviter,
});
export type WatchStatUser = Static<typeof WatchStatUserSchema>;

/** External viewer type: 1 a WeChat user, 2 a WeCom user of another corp. */
export const ExternalUserTypeSchema = Type.Unsafe<1 | 2>({ type: 'integer', enum: [1, 2] });
export type ExternalUserType = Static<typeof ExternalUserTypeSchema>;

/** An external viewer (外部成员) who watched. */
export const WatchStatExternalUserSchema = Type.Object({
  external_userid: Type.String(),
  type: ExternalUserTypeSchema,
  name: Type.String(),
  watch_time: Type.Integer({ minimum: 0 }),
  is_comment: Flag,
  is_mic: Flag,
  ...Inviter,
});
export type WatchStatExternalUser = Static<typeof WatchStatExternalUserSchema>;

/**
 * Reply of get_watch_stat. On errors only `errcode` and `errmsg` are present.
 * Property order is the order of real traffic: errcode, errmsg, stat_info, ending, next_key.
 */
export const GetWatchStatReplySchema = Type.Object({
  errcode: Type.Integer(),
  errmsg: Type.String(),
  stat_info: Type.Optional(
    Type.Object({
      users: Type.Array(WatchStatUserSchema),
      external_users: Type.Array(WatchStatExternalUserSchema),
    }),
  ),
  /** 1 when every viewer has been returned: the only stop signal. */
  ending: Type.Optional(Flag),
  /** Pass back to continue after this page; `""` on the last page. */
  next_key: Type.Optional(Type.String()),
});
export type GetWatchStatReply = Static<typeof GetWatchStatReplySchema>;

/** A successful get_watch_stat page. */
export interface WatchStatPage {
  errcode: 0;
  errmsg: string;
  stat_info: { users: WatchStatUser[]; external_users: WatchStatExternalUser[] };
  ending: 0 | 1;
  next_key: string;
}

