import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { IngestEventSchema } from '../../protocol/events.js';
import { validateEvent } from './validate-event.js';

const LV = 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw';
const WM = 'wmd9BGagAAcV672nvFb2SHGwFHKotxQg';
const AT = Date.UTC(2025, 10, 27, 8, 1, 0, 123);
const good = (over: Record<string, unknown> = {}) => ({
  id: 'e-000123',
  livingid: LV,
  at: AT,
  kind: 'enter',
  viewer: { userid: 'lisi' },
  session: 'device-1',
  invitor: { external_userid: WM },
  ...over,
});
const reason = (raw: unknown, index = 0) => {
  const r = validateEvent(raw, index);
  return r.ok ? 'ok' : r.reason;
};

describe('validateEvent', () => {
  it('accepts the documented example and agrees with the wire schema', () => {
    const r = validateEvent(good(), 0);
    expect(r).toEqual({ ok: true, event: good() });
    expect(Value.Check(IngestEventSchema, good())).toBe(true);
  });

  it('accepts an external viewer with a name full of commas, quotes and emoji', () => {
    const viewer = { external_userid: WM, type: 2, name: '张伟, "Zhang" 🐟' };
    expect(reason(good({ viewer, kind: 'heartbeat', invitor: undefined }))).toBe('ok');
  });

  it('treats absent, undefined and null optional fields alike', () => {
    const r = validateEvent(good({ session: null, invitor: null }), 0);
    expect(r.ok && r.event).toEqual({ id: 'e-000123', livingid: LV, at: AT, kind: 'enter', viewer: { userid: 'lisi' } });
  });

  it('names the wrong field', () => {
    const cases: [unknown, number, string][] = [
      [null, 4, 'events[4] must be an object'],
      [[good()], 0, 'events[0] must be an object'],
      ['enter', 0, 'events[0] must be an object'],
      [good({ extra: 1 }), 0, 'events[0] has unknown field "extra"'],
      [good({ inviter: { userid: 'a' } }), 0, 'events[0] has unknown field "inviter"'],
      [good({ id: '' }), 0, 'events[0].id must be 1-128 characters'],
      [good({ id: 'x'.repeat(129) }), 0, 'events[0].id must be 1-128 characters'],
      [good({ id: 7 }), 0, 'events[0].id must be a string'],
      [good({ livingid: undefined }), 0, 'events[0].livingid missing'],
      [{ livingid: LV }, 0, 'events[0].id missing'],
      [good({ livingid: 'lv123' }), 1, 'events[1].livingid must be a livingid: 32 characters starting with lv'],
      [good({ at: 1764230460.5 }), 0, 'events[0].at must be an integer unix millisecond timestamp'],
      [good({ at: '1764230460123' }), 0, 'events[0].at must be an integer unix millisecond timestamp'],
      [good({ at: 1764230460 }), 0, 'events[0].at must be an integer unix millisecond timestamp between years 2000 and 2100'],
      [good({ at: Date.UTC(2100, 0, 1) }), 0, 'events[0].at must be an integer unix millisecond timestamp between years 2000 and 2100'],
      [good({ kind: 'join' }), 2, 'events[2].kind must be one of enter, leave, heartbeat, comment, mic_on, mic_off, anchor_on_air, anchor_off_air'],
      [good({ viewer: undefined }), 0, 'events[0].viewer missing'],
      [good({ viewer: [] }), 0, 'events[0].viewer must be an object'],
      [good({ viewer: {} }), 0, 'events[0].viewer must have userid (a member) or external_userid (an external viewer)'],
      [good({ viewer: { userid: 'a', external_userid: WM } }), 0, 'events[0].viewer must have either userid or external_userid, not both'],
      [good({ viewer: { userid: 'a', name: 'A' } }), 0, 'events[0].viewer has unknown field "name"'],
      [good({ viewer: { userid: 'a b' } }), 0, 'events[0].viewer.userid must be 1-64 characters of A-Z a-z 0-9 _ . -'],
      [good({ viewer: { external_userid: 'wm1', type: 1, name: 'x' } }), 0, 'events[0].viewer.external_userid must be an external_userid: 32 characters starting with wm or wo'],
      [good({ viewer: { external_userid: WM, type: 3, name: 'x' } }), 3, 'events[3].viewer.type must be 1 or 2'],
      [good({ viewer: { external_userid: WM, type: '1', name: 'x' } }), 0, 'events[0].viewer.type must be 1 or 2'],
      [good({ viewer: { external_userid: WM, type: 1 } }), 0, 'events[0].viewer.name must be a string'],
      [good({ viewer: { external_userid: WM, type: 1, name: '好'.repeat(65) } }), 0, 'events[0].viewer.name must be at most 64 characters'],
      [good({ viewer: { external_userid: WM, type: 1, name: 'a\nb' } }), 0, 'events[0].viewer.name must not contain control characters'],
      [good({ viewer: { external_userid: WM, type: 1, name: 'a\ud800' } }), 0, 'events[0].viewer.name must be valid Unicode text'],
      [good({ viewer: { external_userid: WM, type: 1, name: 'x', userid: 'a' } }), 0, 'events[0].viewer must have either userid or external_userid, not both'],
      [good({ viewer: { external_userid: WM, type: 1, name: 'x', corp: 'a' } }), 0, 'events[0].viewer has unknown field "corp"'],
      [good({ session: '' }), 0, 'events[0].session must be a string of 1-128 characters'],
      [good({ session: 5 }), 0, 'events[0].session must be a string of 1-128 characters'],
      [good({ invitor: 'zhangsan' }), 0, 'events[0].invitor must be an object'],
      [good({ invitor: { userid: 'a', external_userid: WM } }), 0, 'events[0].invitor must have either userid or external_userid, not both'],
      [good({ invitor: { external_userid: 'nope' } }), 0, 'events[0].invitor.external_userid must be an external_userid: 32 characters starting with wm or wo'],
      [good({ invitor: { external_userid: WM, name: 'x' } }), 0, 'events[0].invitor has unknown field "name"'],
    ];
    for (const [raw, index, expected] of cases) expect(reason(raw, index), JSON.stringify(raw)).toBe(expected);
  });

  it('allows a name of exactly 64 characters, emoji counted once', () => {
    const name = '🐟'.repeat(64);
    expect(reason(good({ viewer: { external_userid: WM, type: 1, name } }))).toBe('ok');
  });

  it('never throws, on hostile objects either', () => {
    const hostile = Object.defineProperty({}, 'id', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(reason(hostile)).toBe('events[0] could not be read');
    expect(reason(proxy)).toBe('events[0] could not be read');
    expect(reason(JSON.parse('{"__proto__": {"id": "x"}}'))).toBe('events[0] has unknown field "__proto__"');
    expect(reason(Object.create(null))).toBe('events[0].id missing');
  });

  it('never throws on any JSON value, and what it accepts the schema accepts', () => {
    const nearly = fc.record(
      {
        id: fc.oneof(fc.string(), fc.constant('e-1')),
        livingid: fc.oneof(fc.constant(LV), fc.string()),
        at: fc.oneof(fc.constant(AT), fc.double(), fc.integer()),
        kind: fc.oneof(fc.constantFrom('enter', 'leave', 'mic_on'), fc.string()),
        viewer: fc.oneof(
          fc.constant({ userid: 'lisi' }),
          fc.record({ external_userid: fc.constant(WM), type: fc.constantFrom(1, 2, 3), name: fc.string({ maxLength: 70 }) }),
          fc.jsonValue(),
        ),
        session: fc.oneof(fc.string(), fc.jsonValue()),
        invitor: fc.oneof(fc.constant({ userid: 'ww' }), fc.jsonValue()),
      },
      { requiredKeys: ['id', 'livingid', 'at', 'kind', 'viewer'] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), nearly), fc.nat(), (raw, i) => {
        const r = validateEvent(raw, i);
        if (r.ok) expect(Value.Check(IngestEventSchema, r.event)).toBe(true);
        else expect(r.reason.startsWith(`events[${i}]`)).toBe(true);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
