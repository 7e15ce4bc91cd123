import { describe, expect, it } from 'vitest';
import type { LivingCounts } from './living-record.js';
import { livingFigures, livingStatus } from './living-status.js';

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

describe('livingStatus with the anchor on air', () => {
  const aired = (onAirAt?: number, offAirAt?: number) => ({ ...SPAN, ...(onAirAt === undefined ? {} : { onAirAt }), ...(offAirAt === undefined ? {} : { offAirAt }) });

  it('is live from the first on-air, before the schedule and without viewers, and ended from an off-air after it', () => {
    expect(livingStatus(aired(START - 5000), false, START - 5000)).toBe(1);
    expect(livingStatus(aired(START - 5000), false, START - 5001)).toBe(0);
    // Past the scheduled end the anchor is still on air: the signal wins over the schedule.
    expect(livingStatus(aired(START), false, END + 60_000)).toBe(1);
    expect(livingStatus(aired(START, START + 10_000), true, START + 9_999)).toBe(1);
    expect(livingStatus(aired(START, START + 10_000), true, START + 10_000)).toBe(2);
    expect(livingStatus(aired(START, START + 10_000), false, END + 1)).toBe(2);
  });

  it('falls back to the viewer rule while no on-air has come, and ignores an off-air older than the on-air', () => {
    expect(livingStatus(aired(undefined, START + 1000), true, START + 2000)).toBe(1);
    expect(livingStatus(aired(undefined, START + 1000), false, END)).toBe(3);
    expect(livingStatus(aired(START + 1000, START), false, START + 2000)).toBe(1);
    expect(livingStatus({ ...aired(START, START + 1000), cancelled: true }, true, START + 500)).toBe(4);
  });
});
