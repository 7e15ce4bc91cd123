import { describe, expect, it } from 'vitest';
import { computeViewerState } from './compute-viewer-state.js';
import { EXTERNAL, GRACE, LIVE, MEMBER, MIN, ev } from '../../../test/support/activity-events.js';
import { viewerKey } from './viewer-key.js';
import { watchStatRow } from './watch-stat-row.js';

describe('watchStatRow', () => {
  it('renders a member row in wire key order, inviter omitted when absent', () => {
    const state = computeViewerState([ev('enter', 0), ev('comment', MIN), ev('leave', 2 * MIN)], LIVE, GRACE);
    const { kind, row } = watchStatRow(MEMBER, state, LIVE.endMs, LIVE);
    expect(kind).toBe('member');
    expect(JSON.stringify(row)).toBe('{"userid":"lisi","watch_time":120,"is_comment":1,"is_mic":0}');
  });

  it('renders an external row with latest name and the inviter', () => {
    const events = [
      ev('enter', 0, { viewer: EXTERNAL, invitor: { external_userid: 'wmd9BGagAAImsTlYX4a4RGavhNT5LvEA' } }),
      ev('leave', 38_500, { viewer: EXTERNAL }),
    ];
    const state = computeViewerState(events, LIVE, GRACE);
    const { row } = watchStatRow(EXTERNAL, state, LIVE.endMs, LIVE);
    expect(JSON.stringify(row)).toBe(
      '{"external_userid":"wmd9BGagAAcV672nvFb2SHGwFHKotxQg","type":1,"name":"万强","watch_time":38,"is_comment":0,"is_mic":0,"invitor_external_userid":"wmd9BGagAAImsTlYX4a4RGavhNT5LvEA"}',
    );
  });

  it('keys members and external viewers apart', () => {
    expect(viewerKey(MEMBER)).toBe('u:lisi');
    expect(viewerKey(EXTERNAL)).toBe('x:wmd9BGagAAcV672nvFb2SHGwFHKotxQg');
  });
});
