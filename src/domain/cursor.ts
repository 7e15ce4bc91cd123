import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The next_key codec. A key names the last viewer returned (members sort before external
 * viewers, each by id), is opaque to callers, and is tamper-evident: an HMAC over the corp,
 * the live and the position, so a forged, truncated or foreign key is refused (40058).
 */

/** A position in a live's stable viewer order. */
export interface ViewerKey {
  /** 0 = member, 1 = external viewer: members come first. */
  kind: 0 | 1;
  id: string;
}

const VERSION = 1;
const MAC_BYTES = 16;

function mac(secret: Buffer, corpid: string, livingid: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${corpid}\0${livingid}\0`).update(payload).digest().subarray(0, MAC_BYTES);
}

/** Encodes the position after which the next page starts. */
export function encodeNextKey(secret: Buffer, corpid: string, livingid: string, key: ViewerKey): string {
  const id = Buffer.from(key.id, 'utf8');
  const payload = Buffer.concat([Buffer.from([VERSION, key.kind]), id]);
  return Buffer.concat([payload, mac(secret, corpid, livingid, payload)]).toString('base64url');
}

/** Decodes a next_key issued for this corp and live; undefined when it is not one. */
export function decodeNextKey(secret: Buffer, corpid: string, livingid: string, nextKey: string): ViewerKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(nextKey)) return undefined;
  const raw = Buffer.from(nextKey, 'base64url');
  // Re-encoding must give the same text, so that non-canonical spellings are refused too.
  if (raw.length < 2 + MAC_BYTES || raw.toString('base64url') !== nextKey) return undefined;
  const payload = raw.subarray(0, raw.length - MAC_BYTES);
  const tag = raw.subarray(raw.length - MAC_BYTES);
  if (!timingSafeEqual(tag, mac(secret, corpid, livingid, payload))) return undefined;
  const kind = payload[1];
  if (payload[0] !== VERSION || (kind !== 0 && kind !== 1)) return undefined;
  return { kind, id: payload.subarray(2).toString('utf8') };
}
