import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cryptoRandom, type RandomSource } from './random.js';

/**
 * Secrets, tokens and keys are stored only as hashes. Secrets are salted; tokens and keys
 * are looked up by an unsalted SHA-256 (they carry ≥ 128 random bits, so a fast hash
 * is enough and keeps lookups an index probe).
 */

/** A new random credential: 32 bytes (256 bits) as base64url, 43 characters of [A-Za-z0-9_-]. */
export function newCredential(): string {
  return randomBytes(32).toString('base64url');
}

/** The lookup hash of a token or ingest key. */
export function lookupHash(credential: string): Buffer {
  return createHash('sha256').update(credential, 'utf8').digest();
}

/** `sha256$<salt b64url>$<hash b64url>` for a secret. */
export function hashSecret(secret: string, salt: Buffer = randomBytes(16)): string {
  const digest = createHash('sha256').update(salt).update(secret, 'utf8').digest();
  return `sha256$${salt.toString('base64url')}$${digest.toString('base64url')}`;
}

/** Whether `secret` matches a stored `hashSecret` value, compared in constant time. */
export function verifySecret(secret: string, stored: string): boolean {
  const [scheme, saltText, hashText] = stored.split('$');
  if (scheme !== 'sha256' || saltText === undefined || hashText === undefined) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const actual = createHash('sha256').update(Buffer.from(saltText, 'base64url')).update(secret, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Constant-time equality of two hashes. */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The access token for one issue of (corp, app): derived from the caller's secret and a
 * random nonce kept in the store. A repeat gettoken with the same secret re-derives the same
 * token (WeCom returns the same token while it is valid) although the store holds only its hash.
 */
export function deriveAccessToken(secret: string, corpid: string, agentid: number, nonce: Buffer): string {
  return createHmac('sha256', secret).update(`${corpid}\0${agentid}\0`).update(nonce).digest('base64url');
}

/** A fresh random nonce for deriveAccessToken. */
export function newNonce(random: RandomSource = cryptoRandom): Buffer {
  return random.bytes(16);
}
