import { describe, expect, it } from 'vitest';
import { toLivingInfo } from './living-info.js';
import type { LivingCounts, LivingRecord } from './living-record.js';

const RECORD: LivingRecord = {
  corpid: 'corp',
  livingid: 'lvEvent',
  anchorUserid: 'zhangsan',
  theme: 'launch',
  livingStart: 1000,
  livingDuration: 600,
  type: 4,
  description: 'd',
  cancelled: false,
  replayDeleted: false,
  openReplay: 1,
};
const COUNTS: LivingCounts = { viewers: 3, commenters: 2, micTakers: 1, open: [] };

describe('get_living_info mapping', () => {
  it("gives living_info in WeCom's key order, with a push address only for a reserved event live", () => {
    const info = toLivingInfo(RECORD, COUNTS, 999_000);
    expect(Object.keys(info)).toEqual([
      'theme', 'living_start', 'living_duration', 'status', 'reserve_start', 'reserve_living_duration', 'description', 'anchor_userid',
      'main_department', 'viewer_num', 'comment_num', 'mic_num', 'open_replay', 'type', 'push_stream_url', 'online_count', 'subscribe_count',
    ]);
    expect(info).toMatchObject({ status: 0, viewer_num: 3, comment_num: 2, mic_num: 1, push_stream_url: 'rtmp://push.livestat.invalid/living/lvEvent' });
    expect(toLivingInfo({ ...RECORD, type: 0 }, COUNTS, 999_000)).not.toHaveProperty('push_stream_url');
  });

  it('adds replay_status once the live is over, after open_replay', () => {
    const ended = toLivingInfo(RECORD, COUNTS, 2_000_000);
    expect(ended.status).toBe(2);
    const keys = Object.keys(ended);
    expect(keys.indexOf('replay_status')).toBe(keys.indexOf('open_replay') + 1);
    expect(ended).not.toHaveProperty('push_stream_url');
  });

  it('open_replay is the setting: 0 before and after the end when replay is off, with no replay_status', () => {
    expect(toLivingInfo(RECORD, COUNTS, 999_000).open_replay).toBe(1);
    const off = { ...RECORD, openReplay: 0 as const };
    expect(toLivingInfo(off, COUNTS, 999_000).open_replay).toBe(0);
    const ended = toLivingInfo(off, COUNTS, 2_000_000);
    expect([ended.status, ended.open_replay]).toEqual([2, 0]);
    expect(ended).not.toHaveProperty('replay_status');
  });
});
