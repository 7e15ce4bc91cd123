import Type, { type Static } from 'typebox';
import type { LivingStatus } from '../living-info.js';

const Count = (description: string) => Type.Integer({ minimum: 0, description });

/** get_living_info's status: 0 reserved, 1 live, 2 ended, 3 expired, 4 cancelled. */
const AdminLivingStatusSchema = Type.Unsafe<LivingStatus>({ type: 'integer', enum: [0, 1, 2, 3, 4] });

/**
 * A live as the dashboard lists it, snake_case like the rest of the wire. Status and numbers are
 * get_living_info's, under its names, so the dashboard and the API never tell a live's story differently.
 */
const AdminLivingSchema = Type.Object({
  livingid: Type.String(),
  theme: Type.String(),
  anchor_userid: Type.String(),
  living_start: Type.Integer({ description: 'unix seconds' }),
  living_duration: Type.Integer({ description: 'seconds' }),
  type: Type.Integer(),
  status: AdminLivingStatusSchema,
  viewer_num: Count('viewers'),
  comment_num: Count('viewers who commented'),
  mic_num: Count('viewers who took the mic'),
  online_count: Count('viewers watching now; 0 unless the live is on'),
});
export type AdminLiving = Static<typeof AdminLivingSchema>;

/** `GET /livestat/admin/corps/:corpid/livings`: a corp's lives as of `now` (unix ms). */
export const AdminLivingsReplySchema = Type.Object({ now: Type.Integer(), livings: Type.Array(AdminLivingSchema) });
export type AdminLivingsReply = Static<typeof AdminLivingsReplySchema>;

/** One bar of the watch-time histogram: viewers who watched `from` ≤ t < `to` seconds. */
const HistogramBarSchema = Type.Object({ from: Type.Integer(), to: Type.Integer(), viewers: Count('viewers in the bar') });

/** Everything on a live's page but the audience table. */
const AdminLivingReportSchema = Type.Object({
  summary: Type.Object({
    viewers: Count('everyone who watched'),
    members: Count('members of the corp'),
    external: Count('external viewers'),
    wechat: Count('external viewers of type 1'),
    wecom: Count('external viewers of type 2'),
    commenters: Count('viewers who commented'),
    mic_takers: Count('viewers who took the mic'),
    total_watch_time: Count('seconds, open sessions up to now'),
    median_watch_time: Count('seconds'),
  }),
  histogram: Type.Array(HistogramBarSchema),
  inviters: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('member'), Type.Literal('external')]),
      id: Type.String(),
      viewers: Count('viewers who came through them'),
      watch_time: Count('their viewers’ stored watch time, seconds'),
    }),
  ),
});
export type AdminLivingReport = Static<typeof AdminLivingReportSchema>;

/** `GET /livestat/admin/corps/:corpid/livings/:livingid`: one live's page as of `now` (unix ms). */
export const AdminLivingDetailReplySchema = Type.Object({
  now: Type.Integer(),
  living: Type.Object({ ...AdminLivingSchema.properties, description: Type.String() }),
  ...AdminLivingReportSchema.properties,
});
export type AdminLivingDetailReply = Static<typeof AdminLivingDetailReplySchema>;
