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
/** modify's limits are in UTF-8 bytes, not characters (doc 93640): a theme of at most 60 bytes. */
export const MAX_MODIFY_THEME_BYTES = 60;
/** modify's longest description, in UTF-8 bytes (doc 93640). */
export const MAX_MODIFY_DESCRIPTION_BYTES = 300;
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
// `x-maxBytes` is livestat's keyword, an OpenAPI extension (JSON Schema counts only characters): the request check
// (living-call.ts) and the 40058 detail (request-problem.ts) read it. maxLength stays as the
// bound every generator understands: a string of at most N bytes has at most N characters.
const ModifyTheme = Type.String({ minLength: 1, maxLength: MAX_MODIFY_THEME_BYTES, 'x-maxBytes': MAX_MODIFY_THEME_BYTES, description: 'the theme, at most 60 bytes of UTF-8 (20 Chinese characters)' });
const ModifyDescription = Type.String({ maxLength: MAX_MODIFY_DESCRIPTION_BYTES, 'x-maxBytes': MAX_MODIFY_DESCRIPTION_BYTES, description: 'at most 300 bytes of UTF-8' });
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

/**
 * Request body of `modify`: the live and the fields to change (reserved lives only, by the app
 * that created it). Its theme and description are limited in bytes, unlike create's.
 */
export const LivingModifyRequestSchema = Type.Object(
  {
    livingid: LivingidField,
    theme: Type.Optional(ModifyTheme),
    living_start: Type.Optional(LivingStart),
    living_duration: Type.Optional(LivingDuration),
    type: Type.Optional(LivingTypeField),
    description: Type.Optional(ModifyDescription),
    remind_time: Type.Optional(RemindTime),
  },
  { $id: 'LivingModifyRequest' },
);
export type LivingModifyRequest = Static<typeof LivingModifyRequestSchema>;

/** Request body of `cancel` and `delete_replay_data`. */
export const LivingIdRequestSchema = Type.Object({ livingid: LivingidField }, { $id: 'LivingIdRequest' });
export type LivingIdRequest = Static<typeof LivingIdRequestSchema>;
