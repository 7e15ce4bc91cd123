import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openToken, signToken } from './signed-token.js';

const secret = Buffer.alloc(32, 3);

describe('signed paging tokens', () => {
  it('open to their payload under the same secret and binding only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 20 }), (bytes, binding) => {
        const payload = Buffer.from(bytes);
        const token = signToken(secret, binding, payload);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(openToken(secret, binding, token, 1)).toEqual(payload);
        expect(openToken(secret, `${binding}x`, token, 1)).toBeUndefined();
        expect(openToken(Buffer.alloc(32, 4), binding, token, 1)).toBeUndefined();
      }),
    );
  });

  it('refuse a payload shorter than the caller needs, and non-base64url text', () => {
    const token = signToken(secret, 'b', Buffer.from([1]));
    expect(openToken(secret, 'b', token, 1)).toEqual(Buffer.from([1]));
    expect(openToken(secret, 'b', token, 2)).toBeUndefined();
    expect(openToken(secret, 'b', `${token}=`, 1)).toBeUndefined();
    expect(openToken(secret, 'b', '', 0)).toBeUndefined();
  });
});
