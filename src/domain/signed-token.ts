import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one way livestat hands out a paging position: an opaque base64url token of the payload
 * and a truncated HMAC over what the token is bound to (corp, live or member) and the payload.
 * A forged, truncated, foreign or non-canonically spelled token opens to nothing.
 */

const MAC_BYTES = 16;

function mac(secret: Buffer, binding: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${binding}\0`).update(payload).digest().subarray(0, MAC_BYTES);
}

/** The token for `payload`, bound to `binding` (its parts joined by NUL, so they cannot run together). */
export function signToken(secret: Buffer, binding: string, payload: Buffer): string {
  return Buffer.concat([payload, mac(secret, binding, payload)]).toString('base64url');
}

/** The payload of a token signed for this binding, at least `minPayloadBytes` long; undefined otherwise. */
export function openToken(secret: Buffer, binding: string, token: string, minPayloadBytes: number): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64url');
  // Re-encoding must give the same text, so that non-canonical spellings are refused too.
  if (raw.length < minPayloadBytes + MAC_BYTES || raw.toString('base64url') !== token) return undefined;
  const payload = raw.subarray(0, raw.length - MAC_BYTES);
  if (!timingSafeEqual(raw.subarray(raw.length - MAC_BYTES), mac(secret, binding, payload))) return undefined;
  return payload;
}
