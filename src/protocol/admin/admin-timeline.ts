import Type, { type Static } from 'typebox';

const Count = (description: string) => Type.Integer({ minimum: 0, description });

/** One minute of a live, `[at, at + 60 s)`, counted from the live's start. */
const TimelineMinuteSchema = Type.Object({
  at: Type.Integer({ description: 'unix ms of the minute’s start' }),
  online: Count('distinct viewers watching at some time in the minute'),
  comments: Count('comment events in the minute'),
  mic_on: Count('mic_on events in the minute'),
});
export type TimelineMinute = Static<typeof TimelineMinuteSchema>;

/**
 * `GET /livestat/admin/corps/:corpid/livings/:livingid/timeline`: the audience over time, as of
 * `now` (unix ms), computed from the live's activity events. A live with no events (its viewers
 * come from a scenario, which says how long each watched but not when) has no timeline:
 * `minutes` is null, not a row of zeros that would claim nobody watched.
 */
export const AdminTimelineReplySchema = Type.Object({
  now: Type.Integer(),
  minutes: Type.Union([Type.Array(TimelineMinuteSchema), Type.Null()]),
});
export type AdminTimelineReply = Static<typeof AdminTimelineReplySchema>;
