import { audienceTimeline } from '../../domain/dashboard/audience-timeline.js';
import { livingSpan, type Living } from '../../domain/model.js';
import type { TimelineMinute } from '../../protocol/admin/admin-timeline.js';
import type { Store } from '../../store/store.js';

/** A live's minutes from its events, or null when it has none (its viewers come from a scenario only). */
export async function livingTimeline(store: Store, living: Living, nowMs: number, graceMs: number): Promise<TimelineMinute[] | null> {
  const events = await store.livingEvents(living.corpid, living.livingid);
  if (events.length === 0) return null;
  return audienceTimeline(events, livingSpan(living), graceMs, nowMs).map((m) => ({ at: m.at, online: m.online, comments: m.comments, mic_on: m.micOn }));
}
