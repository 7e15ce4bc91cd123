import Type, { type Static } from 'typebox';
import { EXTERNAL_USERID_PATTERN, MAX_LIVINGID_LENGTH, USERID_PATTERN } from '../ids.js';

/**
 * The codes of the 直播 family from the test's side: make the ww_share_code a viewer's entry
 * through a share would carry (get_living_share_info resolves it), and look up a living_code
 * as the live mini-program would (get_living_code hands them out).
 */

const Party = (what: string) =>
  Type.Union(
    [
      Type.Object({ userid: Type.String({ pattern: USERID_PATTERN.source, description: `the ${what}, a member` }) }, { additionalProperties: false }),
      Type.Object({ external_userid: Type.String({ pattern: EXTERNAL_USERID_PATTERN.source, description: `the ${what}, an external user` }) }, { additionalProperties: false }),
    ],
    { description: `the ${what}: {"userid"} for a member, {"external_userid"} otherwise` },
  );

/** `POST /livestat/admin/corps/{corpid}/share-codes`. */
export const ShareCodeRequestSchema = Type.Object(
  {
    livingid: Type.String({ minLength: 1, maxLength: MAX_LIVINGID_LENGTH, description: "a live of the corp" }),
    viewer: Party('viewer'),
    invitor: Party('sharer whose card or QR code the viewer entered through'),
  },
  { additionalProperties: false, $id: 'ShareCodeRequest' },
);
export type ShareCodeRequest = Static<typeof ShareCodeRequestSchema>;

/** A new share code, valid 5 minutes by the corp's clock. */
export const ShareCodeReplySchema = Type.Object(
  {
    ww_share_code: Type.String({ description: 'what the mini-program appends as ww_share_code=' }),
    expires_at: Type.Integer({ description: 'unix seconds' }),
  },
  { $id: 'ShareCodeReply' },
);
export type ShareCodeReply = Static<typeof ShareCodeReplySchema>;

/** `POST /livestat/admin/corps/{corpid}/living-codes/resolve`: the code in the body, never in a URL. */
export const LivingCodeLookupRequestSchema = Type.Object(
  { living_code: Type.String({ minLength: 1, maxLength: 128, description: 'a code get_living_code returned' }) },
  { additionalProperties: false, $id: 'LivingCodeLookupRequest' },
);
export type LivingCodeLookupRequest = Static<typeof LivingCodeLookupRequestSchema>;

/** What a living_code opens while valid (404 once expired). */
export const LivingCodeLookupReplySchema = Type.Object(
  {
    livingid: Type.String(),
    openid: Type.String({ description: 'the WeChat user it was made for' }),
    expires_at: Type.Integer({ description: 'unix seconds' }),
  },
  { $id: 'LivingCodeLookupReply' },
);
export type LivingCodeLookupReply = Static<typeof LivingCodeLookupReplySchema>;
