import { describe, expect, it } from 'vitest';
import type { LivingCounts } from './living-record.js';
import { livingFigures } from './living-status.js';

const SPAN = { livingStart: 1000, livingDuration: 60, cancelled: false };
const START = 1_000_000;
const END = 1_060_000;
const NOBODY: LivingCounts = { viewers: 0, commenters: 0, micTakers: 0, open: [] };
// Two viewers; one still watching until its cap at END - 10 s.
const WATCHED: LivingCounts = { viewers: 2, commenters: 1, micTakers: 1, open: [{ closedMs: 0, open: [{ start: START, cap: END - 10_000 }] }] };

describe('livingFigures', () => {
  it('gives each of the five statuses from the clock and whether anyone watched', () => {
    expect(livingFigures(SPAN, WATCHED, START - 1).status).toBe(0);
    expect(livingFigures(SPAN, NOBODY, START).status).toBe(0);
    expect(livingFigures(SPAN, WATCHED, START).status).toBe(1);
    expect(livingFigures(SPAN, WATCHED, END).status).toBe(2);
    expect(livingFigures(SPAN, NOBODY, END).status).toBe(3);
    expect(livingFigures({ ...SPAN, cancelled: true }, WATCHED, START).status).toBe(4);
  });

  it('counts viewers online only while the live is on', () => {
    expect(livingFigures(SPAN, WATCHED, START)).toEqual({ status: 1, viewers: 2, commenters: 1, micTakers: 1, online: 1 });
    expect(livingFigures(SPAN, WATCHED, END - 10_000).online).toBe(0);
    // An open run reaching past the end does not make anyone online in an ended live.
    const late: LivingCounts = { ...WATCHED, open: [{ closedMs: 0, open: [{ start: START, cap: END + 60_000 }] }] };
    expect(livingFigures(SPAN, late, END).online).toBe(0);
    expect(livingFigures({ ...SPAN, cancelled: true }, late, START).online).toBe(0);
  });
});
