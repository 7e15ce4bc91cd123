export { LIVING_CREATE_PATH, LIVING_MODIFY_PATH, LIVING_CANCEL_PATH, LIVING_DELETE_REPLAY_DATA_PATH } from './paths.js';
import Type, { type Static } from 'typebox';
import { MAX_LIVINGID_LENGTH, USERID_PATTERN } from './ids.js';

/**
 * Creating and changing lives: `create`, `modify`, `cancel` and `delete_replay_data`, all
 * `POST /cgi-bin/living/...?access_token=...` (WIRE.md, "The rest of the live-stream family").
 */





/** The longest theme, in characters (Unicode code points). */
export const MAX_THEME_LENGTH = 20;
/** The longest description, in characters. */
export const MAX_DESCRIPTION_LENGTH = 100;
/** Live types: 0 general, 1 small class, 2 large class, 3 corporate training, 4 event. */
export const LIVING_TYPES = [0, 1, 2, 3, 4] as const;
export type LivingType = (typeof LIVING_TYPES)[number];
/** Unix seconds and durations fit a signed 32-bit integer, as in WeCom's replies. */
const MAX_INT32 = 2_147_483_647;

const LivingidField = Type.String({ minLength: 1, maxLength: MAX_LIVINGID_LENGTH, description: 'the live' });
const Theme = Type.String({ minLength: 1, maxLength: MAX_THEME_LENGTH, description: 'the theme, at most 20 characters' });
const LivingStart = Type.Integer({ minimum: 0, maximum: MAX_INT32, description: 'start, unix seconds' });
const LivingDuration = Type.Integer({ minimum: 1, maximum: MAX_INT32, description: 'length in seconds' });
const LivingTypeField = Type.Unsafe<LivingType>({ type: 'integer', enum: [...LIVING_TYPES], description: '0 general, 1 small class, 2 large class, 3 corporate training, 4 event' });
const Description = Type.String({ maxLength: MAX_DESCRIPTION_LENGTH, description: 'at most 100 characters' });
const RemindTime = Type.Integer({ minimum: 0, maximum: MAX_INT32, description: 'seconds before the start to remind viewers' });

/**
 * Request body of `create`. Activity fields (`activity_cover_mediaid`, `activity_share_mediaid`,
 * `activity_detail`) and `agentid` are accepted and ignored, so other properties are allowed.
 */
export const LivingCreateRequestSchema = Type.Object(
  {
    anchor_userid: Type.String({ pattern: USERID_PATTERN.source, description: 'the anchor (a member userid)' }),
    theme: Theme,
    living_start: LivingStart,
    living_duration: LivingDuration,
    type: Type.Optional(LivingTypeField),
    description: Type.Optional(Description),
    remind_time: Type.Optional(RemindTime),
  },
  { $id: 'LivingCreateRequest' },
);
export type LivingCreateRequest = Static<typeof LivingCreateRequestSchema>;

/** Reply of `create`: the new live's id (32 characters, `lv` prefix). */
export const LivingCreateReplySchema = Type.Object(
  {
    errcode: Type.Integer(),
    errmsg: Type.String(),
    livingid: Type.Optional(Type.String()),
  },
  { $id: 'LivingCreateReply' },
);
export type LivingCreateReply = Static<typeof LivingCreateReplySchema>;

/** Request body of `modify`: the live and the fields to change (reserved lives only). */
export const LivingModifyRequestSchema = Type.Object(
  {
    livingid: LivingidField,
    theme: Type.Optional(Theme),
    living_start: Type.Optional(LivingStart),
    living_duration: Type.Optional(LivingDuration),
    type: Type.Optional(LivingTypeField),
    description: Type.Optional(Description),
    remind_time: Type.Optional(RemindTime),
  },
  { $id: 'LivingModifyRequest' },
);
export type LivingModifyRequest = Static<typeof LivingModifyRequestSchema>;

/** Request body of `cancel` and `delete_replay_data`. */
export const LivingIdRequestSchema = Type.Object({ livingid: LivingidField }, { $id: 'LivingIdRequest' });
export type LivingIdRequest = Static<typeof LivingIdRequestSchema>;
