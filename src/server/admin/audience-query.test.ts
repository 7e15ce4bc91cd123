import { describe, expect, it } from 'vitest';
import { encodeAudienceCursor } from '../../domain/dashboard/audience-cursor.js';
import { audienceQuery } from './audience-query.js';

const refusal = (params: object) => {
  try {
    audienceQuery(params);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe('the audience query string', () => {
  it('becomes a store query with defaults', () => {
    expect(audienceQuery({})).toEqual({ sort: 'id', desc: false, limit: 50 });
    const after = encodeAudienceCursor({ sort: 'watch_time', desc: true, after: { value: 60, kind: 0, id: 'lisi' } });
    expect(audienceQuery({ sort: 'watch_time', order: 'desc', limit: '5', kind: 'wecom', commented: '1', mic: '0', q: '  万 ', after })).toEqual({
      sort: 'watch_time',
      desc: true,
      limit: 5,
      kind: 'wecom',
      commented: true,
      search: '万',
      after: { value: 60, kind: 0, id: 'lisi' },
    });
  });

  it('refuses the first bad field, in the order sort, order, limit, kind, flags, q, after', () => {
    expect(refusal({ sort: 'rank', limit: '0' })).toBe('sort must be one of id, watch_time, name');
    expect(refusal({ order: 'up', limit: '0' })).toBe('order must be asc or desc');
    expect(refusal({ limit: '100000', kind: 'robot' })).toBe('limit must be 1..500');
    expect(refusal({ kind: 'robot', mic: 'yes' })).toBe('kind must be one of member, wechat, wecom');
    expect(refusal({ mic: 'yes' })).toBe('mic must be 1 or 0');
    expect(refusal({ q: 'x'.repeat(101) })).toBe('q is longer than 100');
    expect(refusal({ q: ['a', 'b'] })).toBe('q must be given once');
    expect(refusal({ sort: ['id', 'name'] })).toBe('sort must be one of id, watch_time, name');
    const byId = encodeAudienceCursor({ sort: 'id', desc: false, after: { value: 0, kind: 0, id: 'a' } });
    expect(refusal({ sort: 'name', after: byId })).toBe('after is not a cursor of this order');
  });
});
