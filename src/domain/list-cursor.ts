import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AnchorListKey } from './living-record.js';

/**
 * get_user_all_livingid's cursor, built like next_key (cursor.ts): opaque, and tamper-evident
 * through an HMAC over who asked (corp, app) and whose list it is, so a forged, truncated or
 * foreign cursor is refused (40058).
 */

const VERSION = 1;
const MAC_BYTES = 16;

function mac(secret: Buffer, scope: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(`anchor-list\0${scope}\0`).update(payload).digest().subarray(0, MAC_BYTES);
}

/** What a cursor is bound to: the corp, the calling app and the member listed. */
export function listScope(corpid: string, agentid: number, userid: string): string {
  return `${corpid}\0${agentid}\0${userid}`;
}

/** Encodes the position after which the next page starts. */
export function encodeListCursor(secret: Buffer, scope: string, key: AnchorListKey): string {
  const start = Buffer.alloc(8);
  start.writeBigInt64BE(BigInt(key.livingStart));
  const payload = Buffer.concat([Buffer.from([VERSION]), start, Buffer.from(key.livingid, 'utf8')]);
  return Buffer.concat([payload, mac(secret, scope, payload)]).toString('base64url');
}

/** Decodes a cursor issued for this scope; undefined when it is not one. */
export function decodeListCursor(secret: Buffer, scope: string, cursor: string): AnchorListKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const raw = Buffer.from(cursor, 'base64url');
  // Re-encoding must give the same text, so non-canonical spellings are refused too.
  if (raw.length < 1 + 8 + MAC_BYTES || raw.toString('base64url') !== cursor) return undefined;
  const payload = raw.subarray(0, raw.length - MAC_BYTES);
  if (!timingSafeEqual(raw.subarray(raw.length - MAC_BYTES), mac(secret, scope, payload))) return undefined;
  if (payload[0] !== VERSION) return undefined;
  return { livingStart: Number(payload.readBigInt64BE(1)), livingid: payload.subarray(9).toString('utf8') };
}
