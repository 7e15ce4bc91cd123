import Type, { type Static } from 'typebox';

const Count = (description: string) => Type.Integer({ minimum: 0, description });

/**
 * `GET /livestat/admin/corps/:corpid/period`'s query string: lives *starting* from `since` to
 * `until` (bare dates are days in China Standard Time, `until` inclusive; ISO date-times with a
 * zone as given, `until` then exclusive), as `livestat report --since/--until` reads them; of
 * one anchor with `userid`, else of the whole corp.
 */
export interface PeriodQueryParams {
  since?: string;
  until?: string;
  userid?: string;
}

/** The period's lives, latest start first, with each one's viewers and total watch time, and the totals. */
export const AdminPeriodReplySchema = Type.Object({
  now: Type.Integer(),
  livings: Type.Array(
    Type.Object({
      livingid: Type.String(),
      theme: Type.String(),
      anchor_userid: Type.String(),
      living_start: Type.Integer({ description: 'unix seconds' }),
      viewers: Count('everyone who watched'),
      total_watch_time: Count('seconds, open sessions up to now'),
    }),
  ),
  totals: Type.Object({ lives: Count('lives in the period'), viewers: Count('sum over the lives'), total_watch_time: Count('seconds') }),
});
export type AdminPeriodReply = Static<typeof AdminPeriodReplySchema>;
