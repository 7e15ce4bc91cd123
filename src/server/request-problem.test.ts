import { describe, expect, it } from 'vitest';
import { GetWatchStatRequestSchema } from '../protocol/watch-stat.js';
import { LivingCreateRequestSchema } from '../protocol/living-manage.js';
import { requestProblem } from './request-problem.js';

const WATCH_STAT_TOO_LONG = { livingid: 'livingid longer than 64', next_key: 'invalid next_key' };

describe('40058 details', () => {
  it("use an endpoint's own wording for over-long fields, and the common wording otherwise", () => {
    const live = 'lv' + 'x'.repeat(30);
    expect(requestProblem(GetWatchStatRequestSchema, { livingid: 'l'.repeat(65) }, WATCH_STAT_TOO_LONG)).toBe('livingid longer than 64');
    expect(requestProblem(GetWatchStatRequestSchema, { livingid: live, next_key: 'A'.repeat(513) }, WATCH_STAT_TOO_LONG)).toBe('invalid next_key');
    expect(requestProblem(GetWatchStatRequestSchema, { livingid: 'l'.repeat(65) })).toBe('livingid exceeds 64 characters');
    expect(requestProblem(LivingCreateRequestSchema, { anchor_userid: 'a', theme: '一'.repeat(21) }, WATCH_STAT_TOO_LONG)).toBe('theme exceeds 20 characters');
  });

  it('name the first bad field in the schema order, missing before wrong type', () => {
    expect(requestProblem(GetWatchStatRequestSchema, undefined, WATCH_STAT_TOO_LONG)).toBe('livingid missing');
    expect(requestProblem(GetWatchStatRequestSchema, { livingid: '' }, WATCH_STAT_TOO_LONG)).toBe('livingid missing');
    expect(requestProblem(GetWatchStatRequestSchema, { livingid: 12, next_key: 0 }, WATCH_STAT_TOO_LONG)).toBe('livingid must be a string');
    expect(requestProblem(GetWatchStatRequestSchema, { livingid: 'lv1', next_key: 0 }, WATCH_STAT_TOO_LONG)).toBe('next_key must be a string');
    expect(requestProblem(GetWatchStatRequestSchema, [], WATCH_STAT_TOO_LONG)).toBe('request body must be a json object');
  });
});
