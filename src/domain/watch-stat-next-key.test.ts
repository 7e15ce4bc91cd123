import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNextKey, encodeNextKey } from './watch-stat-next-key.js';

const secret = Buffer.alloc(32, 7);

describe('next_key codec', () => {
  it('round-trips any position', () => {
    fc.assert(
      fc.property(fc.constantFrom(0 as const, 1 as const), fc.string({ maxLength: 64, unit: 'grapheme' }), (kind, id) => {
        const key = encodeNextKey(secret, 'corp', 'lv1', { kind, id });
        expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeNextKey(secret, 'corp', 'lv1', key)).toEqual({ kind, id });
      }),
    );
  });

  it('is bound to its corp, its live and the server secret', () => {
    const key = encodeNextKey(secret, 'corp', 'lv1', { kind: 0, id: 'lisi' });
    expect(decodeNextKey(secret, 'corp2', 'lv1', key)).toBeUndefined();
    expect(decodeNextKey(secret, 'corp', 'lv2', key)).toBeUndefined();
    expect(decodeNextKey(Buffer.alloc(32, 8), 'corp', 'lv1', key)).toBeUndefined();
  });

  it('refuses every tampered, truncated or extended key', () => {
    const key = encodeNextKey(secret, 'corp', 'lv1', { kind: 1, id: 'wmabc' });
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (other) => {
        if (other !== key) expect(decodeNextKey(secret, 'corp', 'lv1', other)).toBeUndefined();
      }),
    );
    for (let i = 1; i < key.length; i++) expect(decodeNextKey(secret, 'corp', 'lv1', key.slice(0, i))).toBeUndefined();
    expect(decodeNextKey(secret, 'corp', 'lv1', `${key}A`)).toBeUndefined();
    const flipped = key.slice(0, 3) + (key[3] === 'A' ? 'B' : 'A') + key.slice(4);
    expect(decodeNextKey(secret, 'corp', 'lv1', flipped)).toBeUndefined();
  });
});

describe('next_key across versions', () => {
  it('opens a key that livestat 0.1 issued, so pulls survive an upgrade', () => {
    // Encoded by 0.1's domain/cursor.ts with this secret.
    expect(decodeNextKey(secret, 'corp', 'lv1', 'AQF3beiuv-Wuoib-PG9kU6raTFGSYsi4tjw')).toEqual({ kind: 1, id: 'wm访客' });
    expect(encodeNextKey(secret, 'corp', 'lv1', { kind: 1, id: 'wm访客' })).toBe('AQF3beiuv-Wuoib-PG9kU6raTFGSYsi4tjw');
  });
});
