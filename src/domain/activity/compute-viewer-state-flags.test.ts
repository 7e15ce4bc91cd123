import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../../protocol/events.js';
import { computeViewerState } from './compute-viewer-state.js';
import { EXTERNAL, GRACE, LIVE, MIN, S, T0, ev } from '../../../test/support/activity-events.js';
import { isSettled, watchTimeAt } from './watch-time.js';


describe('computeViewerState: open runs count up to now', () => {
  const live = { startMs: T0, endMs: Infinity };

  it('counts up to now while the grace has not run out', () => {
    const state = computeViewerState([ev('enter', 0), ev('heartbeat', 5 * MIN)], live, GRACE);
    expect(watchTimeAt(state, T0 + 5 * MIN + 20 * S, live)).toBe(5 * 60 + 20);
    expect(watchTimeAt(state, T0 + 5 * MIN + 59 * S, live)).toBe(5 * 60 + 59);
    expect(watchTimeAt(state, T0 + 30 * MIN, live)).toBe(6 * 60);
  });

  it('counts nothing before the live starts', () => {
    const state = computeViewerState([ev('enter', -5 * MIN)], live, GRACE);
    expect(watchTimeAt(state, T0 - MIN, live)).toBe(0);
  });

  it('does not double count an open device overlapping a closed one', () => {
    const events = [
      ev('enter', 0, { session: 'a' }),
      ev('leave', 10 * MIN, { session: 'a' }),
      ev('enter', 5 * MIN, { session: 'b' }),
      ev('heartbeat', 12 * MIN, { session: 'b' }),
    ];
    const state = computeViewerState(events, live, GRACE);
    expect(state.closedMs).toBe(10 * MIN);
    expect(state.open).toEqual([{ start: T0 + 10 * MIN, cap: T0 + 13 * MIN }]);
    expect(watchTimeAt(state, T0 + 12 * MIN, live)).toBe(12 * 60);
    expect(watchTimeAt(state, T0 + 20 * MIN, live)).toBe(13 * 60);
  });

  it('reports when the clock no longer matters', () => {
    const state = computeViewerState([ev('enter', 0), ev('heartbeat', MIN)], live, GRACE);
    expect(isSettled(state, T0 + MIN)).toBe(false);
    expect(isSettled(state, T0 + 2 * MIN)).toBe(true);
  });

  it('is a constant once no run is open', () => {
    const state = computeViewerState([ev('enter', 0), ev('leave', MIN)], live, GRACE);
    expect(state.open).toEqual([]);
    expect(watchTimeAt(state, T0 + MIN, live)).toBe(60);
    expect(watchTimeAt(state, T0 + 600 * MIN, live)).toBe(60);
  });
});

describe('computeViewerState: flags, inviter, external viewers', () => {
  it('sets is_comment on any comment and is_mic on any mic_on', () => {
    const s1 = computeViewerState([ev('enter', 0), ev('comment', S)], LIVE, GRACE);
    expect([s1.is_comment, s1.is_mic]).toEqual([1, 0]);
    const s2 = computeViewerState([ev('mic_off', S)], LIVE, GRACE);
    expect([s2.is_comment, s2.is_mic]).toEqual([0, 0]);
    const s3 = computeViewerState([ev('mic_on', 2 * MIN), ev('mic_off', 3 * MIN)], LIVE, GRACE);
    expect(s3.is_mic).toBe(1);
  });

  it('takes the inviter from the first enter by time, not by arrival', () => {
    const later = ev('enter', 5 * MIN, { session: 'b', invitor: { userid: 'wangwu' } });
    const first = ev('enter', 0, { invitor: { external_userid: 'wmd9BGagAAImsTlYX4a4RGavhNT5LvEA' } });
    const state = computeViewerState([later, first], LIVE, GRACE);
    expect(state.invitor_external_userid).toBe('wmd9BGagAAImsTlYX4a4RGavhNT5LvEA');
    expect(state.invitor_userid).toBeUndefined();
  });

  it('leaves the viewer without inviter when the first enter carries none', () => {
    const state = computeViewerState([ev('enter', 0), ev('enter', MIN, { session: 'b', invitor: { userid: 'wangwu' } })], LIVE, GRACE);
    expect(state).not.toHaveProperty('invitor_userid');
    expect(state).not.toHaveProperty('invitor_external_userid');
  });

  it('ignores inviters on events other than enter', () => {
    const state = computeViewerState([ev('heartbeat', 0, { invitor: { userid: 'x' } }), ev('enter', S)], LIVE, GRACE);
    expect(state).not.toHaveProperty('invitor_userid');
  });

  it('follows the latest event by time for an external viewer name and type', () => {
    const renamed = { ...EXTERNAL, type: 2 as const, name: 'Wan, "Q" 🌟' };
    const events = [ev('heartbeat', 2 * MIN, { viewer: renamed }), ev('enter', 0, { viewer: EXTERNAL }), ev('comment', MIN, { viewer: EXTERNAL })];
    const state = computeViewerState(events, LIVE, GRACE);
    expect([state.type, state.name]).toEqual([2, 'Wan, "Q" 🌟']);
  });

  it('is JSON round-trippable', () => {
    const state = computeViewerState([ev('enter', 0, { viewer: EXTERNAL, invitor: { userid: 'a' } }), ev('heartbeat', 30 * S, { viewer: EXTERNAL })], LIVE, GRACE);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('computeViewerState: arrival order is irrelevant', () => {
  const arbEvent = fc.record({
    kind: fc.constantFrom(...EVENT_KINDS),
    offset: fc.integer({ min: -5 * 60, max: 65 * 60 }).map((s) => s * S),
    session: fc.constantFrom('a', 'b', 'c'),
    invitor: fc.option(fc.constantFrom('x1', 'x2', 'x3'), { nil: undefined }),
  });
  const arbEvents = fc
    .array(arbEvent, { maxLength: 30 })
    .map((specs) =>
      specs.map((s, i) =>
        ev(s.kind, s.offset, { id: `p-${i}`, session: s.session, ...(s.invitor ? { invitor: { userid: s.invitor } } : {}) }),
      ),
    );

  it('gives the same state and watch time for any permutation, with any duplicates', () => {
    fc.assert(
      fc.property(
        arbEvents,
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(fc.integer(), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: -10 * 60, max: 80 * 60 }),
        fc.boolean(),
        (events, dupPicks, sortKeys, nowOffsetS, ended) => {
          const live = ended ? LIVE : { startMs: T0, endMs: Infinity };
          const dups = events.length ? dupPicks.map((p) => ({ ...(events[p % events.length]!) })) : [];
          const shuffled = [...events, ...dups]
            .map((e, i) => ({ e, key: sortKeys[i] ?? i }))
            .sort((x, y) => x.key - y.key)
            .map((x) => x.e);
          const a = computeViewerState(events, live, GRACE);
          const b = computeViewerState(shuffled, live, GRACE);
          expect(b).toEqual(a);
          const now = T0 + nowOffsetS * S;
          expect(watchTimeAt(b, now, live)).toBe(watchTimeAt(a, now, live));
        },
      ),
      { seed: 20251127, numRuns: 500 },
    );
  });

  it('never counts more than the live or less than zero, and grows with now', () => {
    fc.assert(
      fc.property(arbEvents, fc.integer({ min: 0, max: 100 * 60 }), (events, nowS) => {
        const state = computeViewerState(events, LIVE, GRACE);
        const t1 = watchTimeAt(state, T0 + nowS * S, LIVE);
        const t2 = watchTimeAt(state, T0 + nowS * S + 30 * S, LIVE);
        expect(t1).toBeGreaterThanOrEqual(0);
        expect(t2).toBeGreaterThanOrEqual(t1);
        expect(t2).toBeLessThanOrEqual(60 * 60);
      }),
      { seed: 20251128, numRuns: 500 },
    );
  });
});
