import { describe, expect, it } from 'vitest';
import { endedBefore, parseEndedBefore } from './prune-rule.js';

describe('prune: --ended-before and the selection rule', () => {
  it('a bare date is midnight in UTC+8; an ISO time keeps its offset', () => {
    expect(parseEndedBefore('2026-06-01')).toBe(Date.UTC(2026, 4, 31, 16, 0, 0));
    expect(parseEndedBefore('2026-06-01T00:00:00Z')).toBe(Date.UTC(2026, 5, 1));
    expect(parseEndedBefore('2026-06-01T08:30:00+08:00')).toBe(Date.UTC(2026, 5, 1, 0, 30));
  });

  it('refuses what is not a real date or has no offset', () => {
    for (const bad of ['2026-02-30', '2026-13-01', 'yesterday', '2026-06-01T00:00:00', '1764230400', '']) expect(() => parseEndedBefore(bad)).toThrow(/--ended-before must be/);
  });

  it('selects lives whose end is before the cutoff, never one still running', () => {
    const cutoff = Date.UTC(2026, 5, 1);
    const now = Date.UTC(2026, 6, 1);
    const live = (startMs: number, durationS: number) => ({ livingStart: startMs / 1000, livingDuration: durationS });
    expect(endedBefore(live(cutoff - 7_200_000, 3600), cutoff, now)).toBe(true);
    expect(endedBefore(live(cutoff - 3_600_000, 3600), cutoff, now)).toBe(false); // ends exactly at the cutoff
    expect(endedBefore(live(cutoff - 3_600_000, 7200), cutoff, now)).toBe(false); // spans the cutoff
    // A cutoff in the future does not take a live that is still on.
    expect(endedBefore(live(now - 600_000, 3600), now + 86_400_000, now)).toBe(false);
    // A cancelled live ended when it was cancelled, even if it was scheduled for later.
    const later = live(now + 86_400_000, 3600);
    expect(endedBefore({ ...later, cancelledAtMs: cutoff - 1 }, cutoff, now)).toBe(true);
    expect(endedBefore({ ...later, cancelledAtMs: cutoff }, cutoff, now)).toBe(false);
    // Cancelled after its end: it had ended at its scheduled end.
    expect(endedBefore({ ...live(cutoff - 7_200_000, 3600), cancelledAtMs: cutoff + 1 }, cutoff, now)).toBe(true);
  });
});
