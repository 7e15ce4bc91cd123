/** Identifier shapes seen on the wire (WIRE.md, "IDs"). */

/** livingid: 32 characters, prefix `lv`. */
export const LIVINGID_PATTERN = /^lv[A-Za-z0-9_-]{30}$/;
/** external_userid: 32 characters, prefix `wm` (WeChat users; `wo` for WeCom users is also seen). */
export const EXTERNAL_USERID_PATTERN = /^w[mo][A-Za-z0-9_-]{30}$/;
/** userid: 1–64 characters of `[A-Za-z0-9_.-]`. */
export const USERID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** The longest livingid livestat accepts in a request before answering 40058. */
export const MAX_LIVINGID_LENGTH = 64;
/** The longest next_key livestat accepts in a request before answering 40058. */
export const MAX_NEXT_KEY_LENGTH = 512;
/** WeCom promises access tokens fit in 512 bytes. */
export const MAX_ACCESS_TOKEN_LENGTH = 512;
