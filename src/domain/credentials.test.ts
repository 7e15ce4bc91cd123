import { describe, expect, it } from 'vitest';
import { deriveAccessToken, hashSecret, newCredential, newNonce, verifySecret } from './credentials.js';

describe('credentials', () => {
  it('makes random 256-bit credentials', () => {
    const a = newCredential();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCredential()).not.toBe(a);
  });
  it('hashes secrets with a salt and verifies them', () => {
    const h1 = hashSecret('s3cret');
    const h2 = hashSecret('s3cret');
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain('s3cret');
    expect(verifySecret('s3cret', h1)).toBe(true);
    expect(verifySecret('s3cret!', h1)).toBe(false);
    expect(verifySecret('s3cret', 'garbage')).toBe(false);
  });
  it('derives the same token from the same secret and nonce only', () => {
    const nonce = newNonce();
    const t = deriveAccessToken('secret', 'corp', 1, nonce);
    expect(deriveAccessToken('secret', 'corp', 1, nonce)).toBe(t);
    expect(deriveAccessToken('secret2', 'corp', 1, nonce)).not.toBe(t);
    expect(deriveAccessToken('secret', 'corp', 2, nonce)).not.toBe(t);
    expect(deriveAccessToken('secret', 'corp', 1, newNonce())).not.toBe(t);
  });
});
