import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../../protocol/events.js';
import type { Living } from '../model.js';
import { computeViewerState } from './compute-viewer-state.js';
import { orderedUniqueEvents } from './event-order.js';
import { MIN, S, T0 } from '../../../test/support/activity-events.js';
import { foldNeedsAll, foldViewer } from './fold-viewer.js';
import type { ViewerEvent } from './viewer-state.js';
import { watchTimeAt } from './watch-time.js';

const living: Living = { corpid: 'c', livingid: 'lv', anchorUserid: 'a', theme: 't', type: 4, livingStart: T0 / 1000, livingDuration: 3600, description: '' };
const span = { startMs: T0, endMs: T0 + 3600 * S };
const GRACE_MS = 60 * S;
const NOW = T0 + 30 * MIN;

const eventArb = fc.record({
  at: fc.integer({ min: -5 * MIN, max: 65 * MIN }).map((o) => T0 + o),
  kind: fc.constantFrom(...EVENT_KINDS),
  session: fc.constantFrom('a', 'b', 'c'),
  inv: fc.constantFrom(undefined, 'x', 'y'),
  name: fc.constantFrom('甲', 'B, "b"'),
});

function toEvents(raw: { at: number; kind: (typeof EVENT_KINDS)[number]; session: string; inv: string | undefined; name: string }[]): ViewerEvent[] {
  return raw.map((r, i) => {
    const e: ViewerEvent = { id: `e${String(i).padStart(4, '0')}`, at: r.at, kind: r.kind, session: r.session, viewer: { external_userid: 'wm'.padEnd(32, 'x'), type: 1, name: r.name } };
    if (r.kind === 'enter' && r.inv) e.invitor = { userid: r.inv };
    return e;
  });
}

/** Feeds events batch by batch as the store would, keeping the fold state between batches. */
function incremental(batches: ViewerEvent[][]) {
  let prior: string | undefined;
  const seen: ViewerEvent[] = [];
  let last: ReturnType<typeof foldViewer> | undefined;
  for (const added of batches) {
    if (added.length === 0) continue;
    seen.push(...added);
    const input = { living, prior, added, ...(foldNeedsAll(prior, added) ? { all: [...seen] } : {}) };
    last = foldViewer(input, NOW, GRACE_MS);
    prior = last.state;
  }
  if (!last) throw new Error('every batch was empty');
  return last;
}

describe('foldViewer: incremental folding equals folding everything', () => {
  it('for batches in time order (the fast path) and in any order (the refold path)', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), fc.boolean(), (raw, size, sorted) => {
        const events = toEvents(raw);
        const feed = sorted ? orderedUniqueEvents(events) : events;
        const batches: ViewerEvent[][] = [];
        for (let i = 0; i < feed.length; i += size) batches.push(feed.slice(i, i + size));
        const { stat } = incremental(batches);
        const whole = computeViewerState(events, span, { graceMs: GRACE_MS });
        expect(stat.watchTime).toBe(watchTimeAt(whole, NOW, span));
        expect([stat.isComment, stat.isMic, stat.name, stat.type, stat.invitorUserid]).toEqual([whole.is_comment, whole.is_mic, whole.name, whole.type, whole.invitor_userid]);
        expect(stat.openWatch ? { closedMs: stat.openWatch.closedMs, open: stat.openWatch.open } : undefined).toEqual(
          whole.open.some((o) => o.cap > NOW) ? { closedMs: whole.closedMs, open: whole.open } : undefined,
        );
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('asks for all events only when there is no fold yet or an event comes late', () => {
    const events = toEvents([
      { at: T0, kind: 'enter', session: 'a', inv: undefined, name: 'n' },
      { at: T0 + MIN, kind: 'heartbeat', session: 'a', inv: undefined, name: 'n' },
    ]);
    expect(foldNeedsAll(undefined, events)).toBe(true);
    const { state } = foldViewer({ living, prior: undefined, added: [events[0]!], all: [events[0]!] }, NOW, GRACE_MS);
    expect(foldNeedsAll(state, [events[1]!])).toBe(false);
    expect(foldNeedsAll(state, [{ ...events[1]!, at: T0 - 1 }])).toBe(true);
    expect(() => foldViewer({ living, prior: state, added: [{ ...events[1]!, at: T0 - 1 }] }, NOW, GRACE_MS)).toThrow(/needs all/);
  });
});
