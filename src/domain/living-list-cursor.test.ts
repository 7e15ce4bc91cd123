import { describe, expect, it } from 'vitest';
import { decodeListCursor, encodeListCursor, listScope } from './living-list-cursor.js';

const secret = Buffer.alloc(32, 7);
const scope = listScope('corp', 1000002, 'anchor1');
const after = { livingStart: 1764230400, livingid: 'lvAbc' };

describe("get_user_all_livingid's cursor", () => {
  it('round-trips a position, and opens a cursor that livestat 0.1 issued', () => {
    expect(decodeListCursor(secret, scope, encodeListCursor(secret, scope, after))).toEqual(after);
    // Encoded by 0.1's domain/list-cursor.ts with this secret.
    expect(decodeListCursor(secret, scope, 'AQAAAABpKAUAbHZBYmMJFyN3MwYiEbS64EYUxWT6')).toEqual(after);
  });

  it('is bound to the corp, the app and the member', () => {
    const cursor = encodeListCursor(secret, scope, after);
    for (const other of [listScope('corp2', 1000002, 'anchor1'), listScope('corp', 1000003, 'anchor1'), listScope('corp', 1000002, 'anchor2')]) {
      expect(decodeListCursor(secret, other, cursor)).toBeUndefined();
    }
  });
});
