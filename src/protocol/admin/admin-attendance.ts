import Type, { type Static } from 'typebox';

const Count = (description: string) => Type.Integer({ minimum: 0, description });

/** The largest roster file the dashboard accepts, in bytes (4 MiB: ~100,000 members as CSV). */
export const ROSTER_MAX_BYTES = 4_194_304;
/** Members at most in one roster. */
export const ROSTER_MAX_MEMBERS = 100_000;

/**
 * `POST /livestat/admin/corps/:corpid/livings/:livingid/attendance[.xlsx|.csv]`'s query string.
 * The body is the roster file itself (CSV in UTF-8 or xlsx, as `livestat report --roster`
 * reads it), sent as `application/octet-stream`, `text/csv` or the xlsx type.
 */
export interface AttendanceQueryParams {
  /** Seconds of watching that count as attended; default 1800 (30 minutes), as the report's `--min-watch`. */
  min_watch?: string;
  /** Headers and labels of the downloads: `en` (default) or `zh`. */
  lang?: string;
}

const Verdict = Type.Union([Type.Literal('attended'), Type.Literal('partial'), Type.Literal('absent')]);

const Totals = {
  roster: Count('members on the roster'),
  attended: Count('watched at least min_watch'),
  partial: Count('watched, less than min_watch'),
  absent: Count('not among the viewers'),
};

/** Each roster member against one live, in roster order, with totals per department and overall. */
export const AdminAttendanceReplySchema = Type.Object({
  now: Type.Integer(),
  livingid: Type.String(),
  min_watch: Count('seconds'),
  members: Type.Array(
    Type.Object({
      userid: Type.String(),
      name: Type.String({ description: "the roster's, '' when it has none" }),
      department: Type.String({ description: "the roster's, '' when it has none" }),
      watch_time: Count('seconds in this live, 0 when absent'),
      attendance: Verdict,
    }),
  ),
  departments: Type.Array(Type.Object({ department: Type.String(), ...Totals }), { description: 'sorted by name' }),
  totals: Type.Object(Totals),
});
export type AdminAttendanceReply = Static<typeof AdminAttendanceReplySchema>;

/**
 * `POST /livestat/admin/corps/:corpid/period/attendance[.xlsx|.csv]`: the roster against every
 * live of a period (the period view's query: `since`, `until`, `userid`, plus `min_watch` and
 * `lang`), latest start first, with each live's totals. The downloads hold a row per live and
 * member, as `livestat report --since --until --roster` writes them.
 */
export const AdminPeriodAttendanceReplySchema = Type.Object({
  now: Type.Integer(),
  min_watch: Count('seconds'),
  livings: Type.Array(
    Type.Object({
      livingid: Type.String(),
      theme: Type.String(),
      anchor_userid: Type.String(),
      living_start: Type.Integer({ description: 'unix seconds' }),
      ...Totals,
    }),
  ),
});
export type AdminPeriodAttendanceReply = Static<typeof AdminPeriodAttendanceReplySchema>;
export type AttendanceVerdict = Static<typeof Verdict>;
