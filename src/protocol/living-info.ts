export { GET_LIVING_INFO_PATH } from './paths.js';
import Type, { type Static } from 'typebox';
import { MAX_LIVINGID_LENGTH } from './ids.js';

/** `GET /cgi-bin/living/get_living_info?access_token=...&livingid=...` */


/** A live's status: 0 reserved, 1 live, 2 ended, 3 expired, 4 cancelled. */
export const LIVING_STATUS = { RESERVED: 0, LIVE: 1, ENDED: 2, EXPIRED: 3, CANCELLED: 4 } as const;
export type LivingStatus = (typeof LIVING_STATUS)[keyof typeof LIVING_STATUS];

/** replay_status (only when open_replay is 1 and the live has ended): 0 generated, 1 generating, 2 deleted, 3 failed. */
export const REPLAY_STATUS = { GENERATED: 0, GENERATING: 1, DELETED: 2, FAILED: 3 } as const;
export type ReplayStatus = (typeof REPLAY_STATUS)[keyof typeof REPLAY_STATUS];

/** Query of get_living_info (besides access_token). */
export const GetLivingInfoQuerySchema = Type.Object(
  { livingid: Type.String({ minLength: 1, maxLength: MAX_LIVINGID_LENGTH, description: 'the live' }) },
  { $id: 'GetLivingInfoQuery' },
);
export type GetLivingInfoQuery = Static<typeof GetLivingInfoQuerySchema>;

const Int = (description: string) => Type.Integer({ description });

/** `living_info`, keys in the order of WeCom's documented example. */
export const LivingInfoSchema = Type.Object({
  theme: Type.String(),
  living_start: Int('start, unix seconds'),
  living_duration: Int('length in seconds'),
  status: Type.Unsafe<LivingStatus>({ type: 'integer', enum: [0, 1, 2, 3, 4], description: '0 reserved, 1 live, 2 ended, 3 expired, 4 cancelled' }),
  reserve_start: Int('the reserved start, unix seconds'),
  reserve_living_duration: Int('the reserved length in seconds'),
  description: Type.String(),
  anchor_userid: Type.String(),
  main_department: Int("the anchor's main department"),
  viewer_num: Int('viewers in total'),
  comment_num: Int('comments'),
  mic_num: Int('viewers who spoke on the mic'),
  open_replay: Type.Unsafe<0 | 1>({ type: 'integer', enum: [0, 1], description: 'the replay setting: 1 on, 0 off' }),
  /** Only when open_replay is 1. */
  replay_status: Type.Optional(Type.Unsafe<ReplayStatus>({ type: 'integer', enum: [0, 1, 2, 3], description: 'only when open_replay is 1 and the live has ended: 0 generated, 1 generating, 2 deleted, 3 failed' })),
  type: Int('0 general, 1 small class, 2 large class, 3 corporate training, 4 event'),
  /** Only for event lives (type 4) that are still reserved. */
  push_stream_url: Type.Optional(Type.String({ description: 'only for event lives (type 4) still reserved' })),
  online_count: Int('viewers watching now'),
  subscribe_count: Int('viewers who subscribed'),
});
export type LivingInfo = Static<typeof LivingInfoSchema>;

/** Reply of get_living_info. */
export const GetLivingInfoReplySchema = Type.Object(
  { errcode: Type.Integer(), errmsg: Type.String(), living_info: Type.Optional(LivingInfoSchema) },
  { $id: 'GetLivingInfoReply' },
);
export type GetLivingInfoReply = Static<typeof GetLivingInfoReplySchema>;
