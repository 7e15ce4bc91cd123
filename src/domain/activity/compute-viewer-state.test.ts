import { describe, expect, it } from 'vitest';
import { computeViewerState } from './compute-viewer-state.js';
import { GRACE, LIVE, MIN, S, T0, ev } from '../../../test/support/activity-events.js';
import type { ViewerEvent } from './viewer-state.js';
import { watchTimeAt } from './watch-time.js';

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
