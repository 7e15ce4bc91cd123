import { LIVING_STATUS, type LivingInfo } from '../protocol/living-info.js';
import type { LivingCounts, LivingRecord } from './living-record.js';
import { livingFigures, replayOf } from './living-status.js';

/** livestat keeps no departments: every anchor is in the root department [D]. */
const MAIN_DEPARTMENT = 1;
/** An event live's push address while reserved; livestat receives no stream, so it is a placeholder [D]. */
const PUSH_STREAM_BASE = 'rtmp://push.livestat.invalid/living/';

/** get_living_info's living_info in WeCom's key order; replay_status and push_stream_url only where they apply. */
export function toLivingInfo(record: LivingRecord, counts: LivingCounts, nowMs: number): LivingInfo {
  const { status, viewers, commenters, micTakers, online } = livingFigures(record, counts, nowMs);
  const replay = replayOf(status, record.openReplay, record.replayDeleted);
  const pushStream = record.type === 4 && status === LIVING_STATUS.RESERVED;
  return {
    theme: record.theme,
    living_start: record.livingStart,
    living_duration: record.livingDuration,
    status,
    // livestat does not see when an anchor really starts, so the reserved schedule is the schedule.
    reserve_start: record.livingStart,
    reserve_living_duration: record.livingDuration,
    description: record.description,
    anchor_userid: record.anchorUserid,
    main_department: MAIN_DEPARTMENT,
    viewer_num: viewers,
    comment_num: commenters,
    mic_num: micTakers,
    open_replay: replay.openReplay,
    ...(replay.replayStatus === undefined ? {} : { replay_status: replay.replayStatus }),
    type: record.type,
    ...(pushStream ? { push_stream_url: `${PUSH_STREAM_BASE}${record.livingid}` } : {}),
    online_count: online,
    subscribe_count: 0,
  };
}
