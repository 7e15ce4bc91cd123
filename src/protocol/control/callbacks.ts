import Type, { type Static } from 'typebox';

/**
 * A callback as an app or suite sets it in WeCom's admin console: the URL, a Token of 3–32
 * letters or digits and a 43-character EncodingAESKey. The same object in a scenario and in
 * `PUT .../callback`.
 */
export const CallbackSettingsSchema = Type.Object(
  {
    url: Type.String({ maxLength: 2048, pattern: '^https?://[^\\s]+$', description: 'where livestat checks and pushes (http or https)' }),
    token: Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9]+$', description: 'the callback Token' }),
    encoding_aes_key: Type.String({ minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9]{43}$', description: 'the 43-character EncodingAESKey' }),
  },
  { additionalProperties: false, $id: 'CallbackSettings', description: 'checked with a URL check (GET with an echostr) before anything is pushed' },
);
export type CallbackSettings = Static<typeof CallbackSettingsSchema>;

/** A callback as the control API shows it: never its Token or key. */
export const CallbackReplySchema = Type.Object(
  { url: Type.String(), verified: Type.Boolean({ description: 'its URL check passed: pushes go out' }) },
  { $id: 'CallbackReply' },
);
export type CallbackReply = Static<typeof CallbackReplySchema>;

/** `POST /callbacks/flush`: what a pass did, once it is done. */
export const FlushReplySchema = Type.Object(
  { flushed: Type.Boolean() },
  { $id: 'FlushReply' },
);
export type FlushReply = Static<typeof FlushReplySchema>;
