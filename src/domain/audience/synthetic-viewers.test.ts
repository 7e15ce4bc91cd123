import { describe, expect, it } from 'vitest';
import { USERID_PATTERN } from '../../protocol/ids.js';
import { validateEvent } from '../activity/validate-event.js';
import { syntheticViewers, type SyntheticViewerRow } from './synthetic-viewers.js';

const take = (opts: Parameters<typeof syntheticViewers>[0]) => [...syntheticViewers(opts)];
const rows = take({ members: 20_000, external: 20_000, seed: 7 });

describe('syntheticViewers', () => {
  it('is deterministic per seed', () => {
    expect(take({ members: 20_000, external: 20_000, seed: 7 })).toEqual(rows);
    // Streaming: a shorter run is a prefix of a longer one.
    expect(take({ members: 500, external: 0, seed: 7 })).toEqual(rows.slice(0, 500));
    expect(take({ members: 50, external: 50, seed: 8 })).not.toEqual(take({ members: 50, external: 50, seed: 7 }));
  });

  it('yields the asked numbers, members first, with unique well-formed ids', () => {
    expect(rows.length).toBe(40_000);
    expect(rows.slice(0, 20_000).every((r) => r.kind === 'member')).toBe(true);
    expect(rows.slice(20_000).every((r) => r.kind === 'external')).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      if (r.kind === 'member') {
        expect(r.id).toMatch(USERID_PATTERN);
        expect(r).not.toHaveProperty('name');
        expect(r).not.toHaveProperty('type');
      } else {
        expect(r.id).toMatch(/^wm[A-Za-z0-9_-]{30}$/);
      }
    }
  });

  it('gives external viewers names and types the ingest API would accept', () => {
    for (const r of rows.filter((x) => x.kind === 'external').slice(0, 3000)) {
      const v = validateEvent(
        { id: 'x', livingid: 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw', at: Date.UTC(2025, 0, 1), kind: 'enter', viewer: { external_userid: r.id, type: r.type, name: r.name } },
        0,
      );
      expect(v.ok ? 'ok' : v.reason).toBe('ok');
    }
  });

  it('varies watch times and flags within the live', () => {
    const watch = rows.map((r) => r.watch_time);
    expect(Math.min(...watch)).toBe(0);
    expect(Math.max(...watch)).toBe(7200);
    expect(new Set(watch).size).toBeGreaterThan(3000);
    expect(rows.every((r) => Number.isInteger(r.watch_time) && r.watch_time >= 0 && r.watch_time <= 7200)).toBe(true);
    const share = (f: (r: SyntheticViewerRow) => boolean) => rows.filter(f).length / rows.length;
    expect(share((r) => r.is_comment === 1)).toBeGreaterThan(0.05);
    expect(share((r) => r.is_mic === 1)).toBeGreaterThan(0.002);
    expect(share((r) => r.is_mic === 1)).toBeLessThan(0.05);
    const short = take({ members: 2000, external: 0, seed: 1, durationSeconds: 600 });
    expect(Math.max(...short.map((r) => r.watch_time))).toBe(600);
  });

  it('draws inviters from viewers generated earlier, never both kinds at once', () => {
    const seen = new Set<string>();
    let members = 0;
    let externals = 0;
    for (const r of rows) {
      if (r.invitor_userid !== undefined) {
        expect(seen.has(r.invitor_userid)).toBe(true);
        members++;
      }
      if (r.invitor_external_userid !== undefined) {
        expect(seen.has(r.invitor_external_userid)).toBe(true);
        externals++;
      }
      expect(r.invitor_userid !== undefined && r.invitor_external_userid !== undefined).toBe(false);
      seen.add(r.id);
    }
    expect(members).toBeGreaterThan(1000);
    expect(externals).toBeGreaterThan(1000);
    expect(take({ members: 100, external: 100, seed: 1, promotion: false }).some((r) => r.invitor_userid ?? r.invitor_external_userid)).toBe(false);
  });
});
