import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../../protocol/events.js';
import { computeViewerState } from './compute-viewer-state.js';
import { EXTERNAL, GRACE, LIVE, MIN, S, T0, ev } from '../../../test/support/activity-events.js';
import type { ViewerEvent } from './viewer-state.js';
import { isSettled, watchTimeAt } from './watch-time.js';

const AFTER = LIVE.endMs + 10 * MIN;
const secondsWatched = (events: ViewerEvent[], now = AFTER, live = LIVE) =>
  watchTimeAt(computeViewerState(events, live, GRACE), now, live);

describe('computeViewerState: runs and watch time', () => {
  it('counts enter to leave in whole seconds, floored', () => {
    expect(secondsWatched([ev('enter', 0), ev('leave', 10 * S + 999)])).toBe(10);
  });

  it('counts two overlapping devices once', () => {
    const events = [
      ev('enter', 0, { session: 'phone' }),
      ev('leave', 10 * MIN, { session: 'phone' }),
      ev('enter', 5 * MIN, { session: 'laptop' }),
      ev('leave', 15 * MIN, { session: 'laptop' }),
    ];
    expect(secondsWatched(events)).toBe(15 * 60);
  });

  it('adds up disjoint devices', () => {
    const events = [
      ev('enter', 0, { session: 'a' }),
      ev('leave', 1 * MIN, { session: 'a' }),
      ev('enter', 2 * MIN, { session: 'b' }),
      ev('leave', 3 * MIN, { session: 'b' }),
    ];
    expect(secondsWatched(events)).toBe(120);
  });

  it('ends a run without leave at its last heartbeat plus the grace', () => {
    const events = [ev('enter', 0), ev('heartbeat', 30 * S), ev('heartbeat', 60 * S)];
    expect(secondsWatched(events)).toBe(60 + 60);
  });

  it('ends a run with neither leave nor heartbeat at its enter plus the grace', () => {
    expect(secondsWatched([ev('enter', 0)])).toBe(60);
  });

  it('honours a configured grace', () => {
    const state = computeViewerState([ev('enter', 0)], LIVE, { graceMs: 5 * S });
    expect(watchTimeAt(state, AFTER, LIVE)).toBe(5);
  });

  it('treats a re-enter within the grace as a reconnect of the same run', () => {
    const events = [ev('enter', 0), ev('heartbeat', 30 * S), ev('enter', 80 * S), ev('leave', 120 * S)];
    const state = computeViewerState(events, LIVE, GRACE);
    expect(watchTimeAt(state, AFTER, LIVE)).toBe(120);
    expect(state.open).toEqual([]);
  });

  it('starts a new run on a re-enter after the grace, the gap not counted', () => {
    const events = [ev('enter', 0), ev('heartbeat', 30 * S), ev('enter', 5 * MIN), ev('leave', 6 * MIN)];
    // First run: 0 .. 30 s + 60 s grace; second run: 5 min .. 6 min.
    expect(secondsWatched(events)).toBe(90 + 60);
  });

  it('ignores heartbeats and leaves with no open run in their session', () => {
    const events = [
      ev('leave', 0),
      ev('heartbeat', 10 * S),
      ev('enter', MIN),
      ev('leave', 2 * MIN),
      ev('heartbeat', 2 * MIN + 10 * S),
      ev('leave', 3 * MIN),
      ev('heartbeat', 4 * MIN, { session: 'other' }),
    ];
    expect(secondsWatched(events)).toBe(60);
  });

  it('closes a run at its leave however long the silence before it', () => {
    expect(secondsWatched([ev('enter', 0), ev('leave', 6 * MIN)])).toBe(6 * 60);
  });

  it('lets heartbeats keep a run alive across a gap longer than the grace', () => {
    expect(secondsWatched([ev('enter', 0), ev('heartbeat', 5 * MIN)])).toBe(6 * 60);
  });

  it('does not extend runs by comments or mic events', () => {
    const events = [ev('enter', 0), ev('comment', 50 * S), ev('mic_on', 55 * S)];
    expect(secondsWatched(events)).toBe(60);
  });

  it('clips to the live: time before the start and after the end does not count', () => {
    const events = [ev('enter', -10 * MIN), ev('leave', 5 * MIN), ev('enter', 55 * MIN, { session: 'b' }), ev('leave', 70 * MIN, { session: 'b' })];
    expect(secondsWatched(events)).toBe(10 * 60);
  });

  it('counts nothing for a viewer who only came after the end', () => {
    expect(secondsWatched([ev('enter', 61 * MIN), ev('leave', 70 * MIN)])).toBe(0);
  });

  it('closes open runs at the live end', () => {
    const events = [ev('enter', 59 * MIN), ev('heartbeat', 59 * MIN + 30 * S)];
    const state = computeViewerState(events, LIVE, GRACE);
    expect(state.open).toEqual([{ start: T0 + 59 * MIN, cap: LIVE.endMs }]);
    expect(watchTimeAt(state, AFTER, LIVE)).toBe(60);
  });

  it('folds in late-arriving events for a live that already ended', () => {
    const early = [ev('enter', 0), ev('heartbeat', 30 * S)];
    const late = [ev('heartbeat', 60 * S), ev('leave', 20 * MIN, { session: 'x' }), ev('leave', 80 * S)];
    expect(secondsWatched(early)).toBe(90);
    expect(secondsWatched([...early, ...late])).toBe(80);
  });

  it('counts only once the same event id seen twice', () => {
    const enter = ev('enter', 0);
    const leave = ev('leave', 30 * S);
    const a = computeViewerState([enter, leave], LIVE, GRACE);
    const b = computeViewerState([enter, leave, { ...leave }, { ...enter }], LIVE, GRACE);
    expect(b).toEqual(a);
  });

  it('keeps one of two different events sharing an id, whatever their arrival order', () => {
    const x = ev('leave', 30 * S, { id: 'same' });
    const y = ev('leave', 40 * S, { id: 'same' });
    const enter = ev('enter', 0);
    const a = computeViewerState([enter, x, y], LIVE, GRACE);
    const b = computeViewerState([y, enter, x], LIVE, GRACE);
    expect(a).toEqual(b);
    expect(watchTimeAt(a, AFTER, LIVE)).toBe(30);
  });

  it('returns a zero state for no events', () => {
    expect(computeViewerState([], LIVE, GRACE)).toEqual({ closedMs: 0, open: [], is_comment: 0, is_mic: 0, lastAt: null });
  });
});

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
