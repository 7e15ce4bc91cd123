import { openToken, signToken } from './signed-token.js';
import type { ViewerPosition } from './viewer-position.js';

/**
 * get_watch_stat's next_key. A key names the last viewer returned, is opaque to callers, and
 * is bound to the corp and the live (signed-token.ts), so a forged, truncated or foreign key
 * is refused (40058).
 */

const VERSION = 1;

const binding = (corpid: string, livingid: string) => `${corpid}\0${livingid}`;

/** Encodes the position after which the next page starts. */
export function encodeNextKey(secret: Buffer, corpid: string, livingid: string, after: ViewerPosition): string {
  const payload = Buffer.concat([Buffer.from([VERSION, after.kind]), Buffer.from(after.id, 'utf8')]);
  return signToken(secret, binding(corpid, livingid), payload);
}

/** Decodes a next_key issued for this corp and live; undefined when it is not one. */
export function decodeNextKey(secret: Buffer, corpid: string, livingid: string, nextKey: string): ViewerPosition | undefined {
  const payload = openToken(secret, binding(corpid, livingid), nextKey, 2);
  if (!payload) return undefined;
  const kind = payload[1];
  if (payload[0] !== VERSION || (kind !== 0 && kind !== 1)) return undefined;
  return { kind, id: payload.subarray(2).toString('utf8') };
}
