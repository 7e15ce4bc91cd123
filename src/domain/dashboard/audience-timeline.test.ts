import { describe, expect, it } from 'vitest';
import { EXTERNAL, GRACE, LIVE, MIN, S, T0, ev } from '../../../test/support/activity-events.js';
import { audienceTimeline } from './audience-timeline.js';

const AFTER = LIVE.endMs + MIN;
const online = (events: Parameters<typeof audienceTimeline>[0], now = AFTER) => audienceTimeline(events, LIVE, GRACE.graceMs, now).map((m) => m.online);

describe('audienceTimeline', () => {
  it('has one minute per minute of the live, none before it starts, up to now while it is on', () => {
    expect(audienceTimeline([], LIVE, GRACE.graceMs, AFTER)).toHaveLength(60);
    expect(audienceTimeline([], LIVE, GRACE.graceMs, T0)).toEqual([]);
    const partial = audienceTimeline([], LIVE, GRACE.graceMs, T0 + 2 * MIN + S);
    expect(partial.map((m) => m.at)).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
  });

  it('counts a viewer in every minute their run touches, a leave ending it', () => {
    const counts = online([ev('enter', 90 * S), ev('leave', 3 * MIN)]);
    // [1:30, 3:00): minutes 1 and 2; a run ending exactly at 3:00 does not touch minute 3.
    expect(counts.slice(0, 5)).toEqual([0, 1, 1, 0, 0]);
    expect(counts.reduce((a, b) => a + b)).toBe(2);
  });

  it('keeps a run without leave for the grace after the last heartbeat', () => {
    const counts = online([ev('enter', 0), ev('heartbeat', 2 * MIN + 10 * S)]);
    // Last sign of life 2:10, grace 60 s: on until 3:10.
    expect(counts.slice(0, 5)).toEqual([1, 1, 1, 1, 0]);
  });

  it('counts a viewer on two devices once, and two viewers twice', () => {
    const counts = online([
      ev('enter', 0, { session: 'a' }),
      ev('enter', 30 * S, { session: 'b' }),
      ev('leave', MIN + 30 * S, { session: 'a' }),
      ev('leave', 2 * MIN, { session: 'b' }),
      ev('enter', 0, { viewer: EXTERNAL }),
      ev('leave', 30 * S, { viewer: EXTERNAL }),
    ]);
    expect(counts.slice(0, 3)).toEqual([2, 1, 0]);
  });

  it('cuts runs to the live and open runs to now', () => {
    expect(online([ev('enter', -5 * MIN), ev('leave', 30 * S)]).slice(0, 2)).toEqual([1, 0]);
    expect(online([ev('enter', 59 * MIN), ev('leave', 70 * MIN)]).slice(-2)).toEqual([0, 1]);
    // On, with the viewer still heartbeating at now = 3:20: minutes 0..3, all online.
    const now = T0 + 3 * MIN + 20 * S;
    expect(online([ev('enter', 0), ev('heartbeat', 3 * MIN + 20 * S)], now)).toEqual([1, 1, 1, 1]);
  });

  it('counts comments and mic-ons per minute, a resent event once, events outside the live not at all', () => {
    const comment = ev('comment', 10 * S);
    const minutes = audienceTimeline(
      [ev('enter', 0), comment, { ...comment }, ev('comment', MIN + 5 * S), ev('mic_on', MIN + 6 * S), ev('mic_off', MIN + 9 * S), ev('comment', -S), ev('mic_on', 61 * MIN)],
      LIVE,
      GRACE.graceMs,
      AFTER,
    );
    expect(minutes.slice(0, 3).map((m) => [m.comments, m.micOn])).toEqual([[1, 0], [1, 1], [0, 0]]);
    expect(minutes.reduce((n, m) => n + m.comments + m.micOn, 0)).toBe(3);
  });

  it('does not depend on the order events arrive in', () => {
    const events = [ev('enter', 0), ev('heartbeat', 50 * S), ev('enter', 4 * MIN), ev('comment', 4 * MIN + S), ev('leave', 6 * MIN)];
    expect(audienceTimeline([...events].reverse(), LIVE, GRACE.graceMs, AFTER)).toEqual(audienceTimeline(events, LIVE, GRACE.graceMs, AFTER));
    // Re-enter after the grace: the first run ends at 50 s + 60 s = 1:50, the second starts at 4:00.
    expect(online(events).slice(0, 7)).toEqual([1, 1, 0, 0, 1, 1, 0]);
  });
});
