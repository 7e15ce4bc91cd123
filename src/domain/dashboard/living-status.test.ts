import { describe, expect, it } from 'vitest';
import { livingStatus } from './living-status.js';

describe('livingStatus', () => {
  const living = { livingStart: 1000, livingDuration: 60 };
  it('is reserved before the start, live from the start, ended at start + duration', () => {
    expect(livingStatus(living, 999_999)).toBe('reserved');
    expect(livingStatus(living, 1_000_000)).toBe('live');
    expect(livingStatus(living, 1_059_999)).toBe('live');
    expect(livingStatus(living, 1_060_000)).toBe('ended');
  });
  it('a live of zero length is never on', () => {
    expect(livingStatus({ livingStart: 1000, livingDuration: 0 }, 1_000_000)).toBe('ended');
  });
});
