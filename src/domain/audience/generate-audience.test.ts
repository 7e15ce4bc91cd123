import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { IngestEventSchema, type IngestEvent } from '../../protocol/events.js';
import { EXTERNAL_USERID_PATTERN, USERID_PATTERN } from '../../protocol/ids.js';
import { validateEvent } from '../activity/validate-event.js';
import { viewerKey } from '../activity/viewer-key.js';
import { audienceEventBatches, audienceEvents } from './audience-events.js';
import { expectedStats } from './expected-stats.js';
import { generateAudience } from './generate-audience.js';
import { Prng } from './prng.js';

const LV = 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw';
const START = Date.UTC(2025, 10, 27, 8, 0, 0);
const HOUR = 3_600_000;
const OPTS = { livingid: LV, viewers: 600, startMs: START, durationMs: HOUR, seed: 20251127 };
const audience = generateAudience(OPTS);
const { events, expected, live } = audience;

function groupByViewer(list: readonly IngestEvent[]): Map<string, IngestEvent[]> {
  const m = new Map<string, IngestEvent[]>();
  for (const e of list) {
    const k = viewerKey(e.viewer);
    const arr = m.get(k);
    if (arr) arr.push(e);
    else m.set(k, [e]);
  }
  return m;
}
const perViewer = groupByViewer(events);

describe('generateAudience: determinism', () => {
  it('gives the same events and statistics for the same seed', () => {
    expect(generateAudience(OPTS)).toEqual(audience);
  });

  it('gives another audience for another seed', () => {
    const other = generateAudience({ ...OPTS, seed: OPTS.seed + 1 });
    expect(other.events.slice(0, 50)).not.toEqual(events.slice(0, 50));
  });

  it('streams the very same events, in batches of the asked size', () => {
    const batches = [...audienceEventBatches(OPTS, 1000)];
    expect(batches.slice(0, -1).every((b) => b.length === 1000)).toBe(true);
    expect((batches.at(-1) ?? []).length).toBeGreaterThan(0);
    expect(batches.flat()).toEqual(events);
    expect(() => audienceEventBatches(OPTS, 0).next()).toThrow(RangeError);
  });
});

describe('generateAudience: shape', () => {
  it('emits valid events sorted by time with unique sequential ids', () => {
    expect(events.length).toBeGreaterThan(OPTS.viewers * 10);
    events.forEach((e, i) => {
      expect(e.id).toBe(`${LV}-${i + 1}`);
      if (i > 0) expect(e.at).toBeGreaterThanOrEqual((events[i - 1]!).at);
      const v = validateEvent(JSON.parse(JSON.stringify(e)), i);
      expect(v.ok ? 'ok' : v.reason).toBe('ok');
    });
    expect(events.every((e) => Value.Check(IngestEventSchema, e))).toBe(true);
  });

  it('has exactly the asked number of viewers, members and external, with realistic ids', () => {
    expect(perViewer.size).toBe(OPTS.viewers);
    expect(expected.users.length + expected.external_users.length).toBe(OPTS.viewers);
    expect(expected.users.length).toBeGreaterThan(OPTS.viewers * 0.4);
    expect(expected.external_users.length).toBeGreaterThan(OPTS.viewers * 0.3);
    for (const u of expected.users) expect(u.userid).toMatch(USERID_PATTERN);
    for (const x of expected.external_users) {
      expect(x.external_userid).toMatch(/^wm[A-Za-z0-9_-]{30}$/);
      expect(x.external_userid).toMatch(EXTERNAL_USERID_PATTERN);
      expect([...x.name].length).toBeLessThanOrEqual(64);
    }
    const names = expected.external_users.map((x) => x.name);
    expect(names.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Za-z]/.test(n))).toBe(true);
    expect(names.some((n) => /[,"]/.test(n))).toBe(true);
  });

  it('arrives mostly early, some before the start, none in the last minutes', () => {
    const firsts = [...perViewer.values()].map((list) => (list[0]!).at);
    const firstQuarter = firsts.filter((t) => t < START + HOUR / 4).length;
    expect(firstQuarter).toBeGreaterThan(OPTS.viewers * 0.4);
    expect(firsts.some((t) => t < START)).toBe(true);
    expect(firsts.every((t) => t < live.endMs)).toBe(true);
    expect(events.some((e) => e.at > live.endMs)).toBe(true);
  });

  it('sends heartbeats every 30 s (give or take a second) while a session is on', () => {
    for (const list of perViewer.values()) {
      const lastBySession = new Map<string, IngestEvent>();
      for (const e of list) {
        const s = e.session ?? 'default';
        const prev = lastBySession.get(s);
        if (e.kind === 'heartbeat' && prev && (prev.kind === 'heartbeat' || prev.kind === 'enter')) {
          expect(e.at - prev.at).toBeGreaterThan(29_000);
          expect(e.at - prev.at).toBeLessThan(31_000);
        }
        if (e.kind !== 'comment' && e.kind !== 'mic_on' && e.kind !== 'mic_off') lastBySession.set(s, e);
      }
    }
  });

  it('includes reconnects, second devices, missing leaves, comments and mic takers', () => {
    let reconnects = 0;
    let multiDevice = 0;
    let noLeave = 0;
    for (const list of perViewer.values()) {
      const sessions = new Set(list.map((e) => e.session ?? 'default'));
      if (sessions.size > 1) multiDevice++;
      const enters = new Map<string, number>();
      for (const e of list) if (e.kind === 'enter') enters.set(e.session ?? 'default', (enters.get(e.session ?? 'default') ?? 0) + 1);
      if ([...enters.values()].some((n) => n > 1)) reconnects++;
      if (!list.some((e) => e.kind === 'leave')) noLeave++;
    }
    expect(reconnects).toBeGreaterThan(0);
    expect(multiDevice).toBeGreaterThan(0);
    expect(noLeave).toBeGreaterThan(0);
    const all = [...expected.users, ...expected.external_users];
    expect(all.filter((r) => r.is_comment === 1).length).toBeGreaterThan(OPTS.viewers * 0.1);
    expect(all.some((r) => r.is_mic === 1)).toBe(true);
    expect(events.some((e) => e.session === undefined)).toBe(true);
  });

  it('builds inviter chains from viewers who came earlier', () => {
    const firstAt = new Map([...perViewer.entries()].map(([k, list]) => [k, (list[0]!).at]));
    const byExternal = new Map(expected.external_users.map((x) => [x.external_userid, x]));
    let chained = 0;
    for (const x of expected.external_users) {
      const me = firstAt.get(`x:${x.external_userid}`) ?? 0;
      if (x.invitor_external_userid !== undefined) {
        expect(firstAt.get(`x:${x.invitor_external_userid}`)).toBeLessThanOrEqual(me);
        const parent = byExternal.get(x.invitor_external_userid);
        if (parent?.invitor_external_userid !== undefined || parent?.invitor_userid !== undefined) chained++;
      }
      if (x.invitor_userid !== undefined) expect(firstAt.get(`u:${x.invitor_userid}`)).toBeLessThanOrEqual(me);
      expect(x.invitor_userid !== undefined && x.invitor_external_userid !== undefined).toBe(false);
    }
    expect(expected.external_users.filter((x) => x.invitor_userid).length).toBeGreaterThan(0);
    expect(chained).toBeGreaterThan(0);
  });
});

describe('generateAudience: expected statistics', () => {
  it('equal the rules applied to the generated events in any arrival order', () => {
    const rng = new Prng(99);
    const shuffled = [...events];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const dupes = shuffled.slice(0, 500);
    expect(expectedStats([...dupes, ...shuffled], live, live.endMs + HOUR)).toEqual(expected);
  });

  it('stay within the live and grow while it is on', () => {
    const mid = expectedStats(events.filter((e) => e.at <= START + HOUR / 2), { startMs: START, endMs: Infinity }, START + HOUR / 2);
    const all = new Map([...expected.users.map((u) => [u.userid, u.watch_time] as const)]);
    for (const u of mid.users) expect(u.watch_time).toBeLessThanOrEqual(all.get(u.userid) ?? -1);
    for (const r of [...expected.users, ...expected.external_users]) {
      expect(r.watch_time).toBeGreaterThanOrEqual(0);
      expect(r.watch_time).toBeLessThanOrEqual(HOUR / 1000);
    }
    expect(expected.users.some((u) => u.watch_time === HOUR / 1000)).toBe(true);
  });

  it('streams a large audience without holding it (smoke: 5,000 viewers)', () => {
    let n = 0;
    let last = -Infinity;
    for (const e of audienceEvents({ ...OPTS, viewers: 5000, durationMs: 20 * 60_000, seed: 3 })) {
      expect(e.at >= last).toBe(true);
      last = e.at;
      n++;
    }
    expect(n).toBeGreaterThan(5000 * 5);
  });
});
