import { LIVING_CODE_TTL_SECONDS } from '../protocol/paths.js';
import { lookupHash } from './credentials.js';
import type { RandomSource } from './random.js';

/**
 * The codes of the 直播 family: get_living_code's living_code and the ww_share_code that
 * get_living_share_info resolves. Each is a bearer capability for 5 minutes, so livestat keeps
 * only its SHA-256 (like tokens) and hands the code out once.
 */

/** A member (kind 0, userid) or an external user (kind 1, external_userid), as viewer rows key them. */
export interface PartyRef {
  kind: 0 | 1;
  id: string;
}

/** A stored living_code. */
export interface LivingCodeRecord {
  hash: Buffer;
  corpid: string;
  livingid: string;
  openid: string;
  /** Unix ms. */
  expiresAt: number;
}

/** A stored share code: who entered which live through whose share. */
export interface ShareCodeRecord {
  hash: Buffer;
  corpid: string;
  livingid: string;
  viewer: PartyRef;
  /** The sharer whose card or QR code this entry came through. */
  invitor?: PartyRef;
  expiresAt: number;
}

/** A share code found by its hash, with what the store knows of the viewer on that live. */
export interface FoundShareCode extends ShareCodeRecord {
  /** The viewer's row on the live, if it has one, with the inviter of their first entry (if any). */
  viewerRow?: { invitor?: PartyRef };
}

/** How long a code is valid, in ms. */
export const LIVING_CODE_TTL_MS = LIVING_CODE_TTL_SECONDS * 1000;

/** A new code: 24 random bytes (192 bits) as 32 characters of base64url, and its lookup hash. */
export function newCode(random: RandomSource): { code: string; hash: Buffer } {
  const code = random.bytes(24).toString('base64url');
  return { code, hash: lookupHash(code) };
}

/**
 * The inviter get_living_share_info reports: WeCom names the sharer of the viewer's *first*
 * entry (WIRE.md, doc 94442), which is what the viewer's row keeps; a viewer without a row yet
 * (a code made through the control API) gets the code's sharer.
 */
export function shareInvitor(found: FoundShareCode): PartyRef | undefined {
  return found.viewerRow ? found.viewerRow.invitor : found.invitor;
}
