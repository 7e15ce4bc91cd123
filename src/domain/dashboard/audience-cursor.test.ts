import { describe, expect, it } from 'vitest';
import { decodeAudienceCursor, encodeAudienceCursor } from './audience-cursor.js';
import { positionOf } from './audience-order.js';

describe('audience cursor', () => {
  it('round-trips each order', () => {
    const row = { kind: 1 as const, id: 'wmX', watchTime: 42, name: '万强' };
    for (const sort of ['id', 'watch_time', 'name'] as const) {
      for (const desc of [false, true]) {
        const cursor = { sort, desc, after: positionOf(sort, row) };
        expect(decodeAudienceCursor(encodeAudienceCursor(cursor))).toEqual(cursor);
      }
    }
  });
  it('refuses what it did not write', () => {
    const bad = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');
    expect(decodeAudienceCursor('')).toBeUndefined();
    expect(decodeAudienceCursor('not a cursor!')).toBeUndefined();
    expect(decodeAudienceCursor(bad([1, 'watch_time', 0, 'x', 0, 'a']))).toBeUndefined();
    expect(decodeAudienceCursor(bad([1, 'name', 0, 3, 0, 'a']))).toBeUndefined();
    expect(decodeAudienceCursor(bad([1, 'rank', 0, 0, 0, 'a']))).toBeUndefined();
    expect(decodeAudienceCursor(bad([2, 'id', 0, 0, 0, 'a']))).toBeUndefined();
    expect(decodeAudienceCursor(bad({ sort: 'id' }))).toBeUndefined();
  });
});
