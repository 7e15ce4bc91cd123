import Type, { type Static } from 'typebox';

/** `GET /livestat/admin/clock` (and a corp's): what the clock reads. */
export const ClockReplySchema = Type.Object(
  {
    now: Type.Number({ description: 'unix seconds (fractional: milliseconds)' }),
    frozen: Type.Boolean({ description: 'true: time stands still until set or advanced' }),
  },
  { $id: 'ClockReply' },
);
export type ClockReply = Static<typeof ClockReplySchema>;

/** `PUT /livestat/admin/clock`: set the time, and optionally freeze or unfreeze it. */
export const SetClockRequestSchema = Type.Object(
  {
    now: Type.Union([Type.Number({ description: 'unix seconds' }), Type.String({ description: 'ISO 8601 with a time zone, e.g. 2025-11-27T08:00:00Z', maxLength: 64 })]),
    frozen: Type.Optional(Type.Boolean({ description: 'default: as the clock was' })),
  },
  { additionalProperties: false, $id: 'SetClockRequest' },
);
export type SetClockRequest = Static<typeof SetClockRequestSchema>;

/** `POST /livestat/admin/clock/advance`. */
export const AdvanceClockRequestSchema = Type.Object(
  { seconds: Type.Number({ description: 'how far to move; negative moves back', minimum: -1e10, maximum: 1e10 }) },
  { additionalProperties: false, $id: 'AdvanceClockRequest' },
);
export type AdvanceClockRequest = Static<typeof AdvanceClockRequestSchema>;
