import type { AnchorListKey } from './living-record.js';
import { openToken, signToken } from './signed-token.js';

/**
 * get_user_all_livingid's cursor, built like get_watch_stat's next_key: opaque, and bound
 * (signed-token.ts) to who asked (corp, app) and whose list it is, so a forged, truncated or
 * foreign cursor is refused (40058).
 */

const VERSION = 1;

/** What a cursor is bound to: the corp, the calling app and the member listed. */
export function listScope(corpid: string, agentid: number, userid: string): string {
  return `anchor-list\0${corpid}\0${agentid}\0${userid}`;
}

/** Encodes the position after which the next page starts. */
export function encodeListCursor(secret: Buffer, scope: string, after: AnchorListKey): string {
  const start = Buffer.alloc(8);
  start.writeBigInt64BE(BigInt(after.livingStart));
  const payload = Buffer.concat([Buffer.from([VERSION]), start, Buffer.from(after.livingid, 'utf8')]);
  return signToken(secret, scope, payload);
}

/** Decodes a cursor issued for this scope; undefined when it is not one. */
export function decodeListCursor(secret: Buffer, scope: string, cursor: string): AnchorListKey | undefined {
  const payload = openToken(secret, scope, cursor, 1 + 8);
  if (payload?.[0] !== VERSION) return undefined;
  return { livingStart: Number(payload.readBigInt64BE(1)), livingid: payload.subarray(9).toString('utf8') };
}
