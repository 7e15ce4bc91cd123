import Type, { type Static } from 'typebox';

/** A recorded call; query and body have every secret and token replaced by [REDACTED]. */
export const JournalRecordSchema = Type.Object(
  {
    seq: Type.Integer(),
    time: Type.Number({ description: 'unix seconds by the clock' }),
    method: Type.String(),
    path: Type.String(),
    api: Type.Optional(Type.String()),
    corpid: Type.Optional(Type.String()),
    agentid: Type.Optional(Type.Integer({ description: 'the app whose token (or secret) the call used' })),
    query: Type.Record(Type.String(), Type.Unknown()),
    body: Type.Optional(Type.Unknown()),
    status: Type.Integer(),
    errcode: Type.Optional(Type.Integer()),
    hint: Type.Optional(Type.String()),
    fault: Type.Optional(Type.String({ description: 'an injected transport fault that replaced the reply' })),
    duration_ms: Type.Number(),
    kind: Type.Optional(Type.String({ description: 'outbound: url_check, living_status_change or suite_ticket (also in api)' })),
    url: Type.Optional(Type.String({ description: "outbound: the receiver's URL without its query" })),
    attempt: Type.Optional(Type.Integer({ description: 'outbound: 1 for the first try, up to 4' })),
    error: Type.Optional(Type.String({ description: 'outbound: why the attempt failed (status 0: no answer)' })),
  },
  { $id: 'JournalRecord' },
);
export type JournalRecordReply = Static<typeof JournalRecordSchema>;

/** The filter of GET /requests (as query parameters) and POST /requests/count (as the body). */
export const JournalFilterSchema = Type.Object(
  {
    api: Type.Optional(Type.String({ maxLength: 64 })),
    corpid: Type.Optional(Type.String({ maxLength: 64 })),
    agentid: Type.Optional(Type.Integer()),
    errcode: Type.Optional(Type.Integer()),
    since: Type.Optional(Type.Union([Type.Number({ description: 'unix seconds' }), Type.String({ maxLength: 64, description: 'ISO 8601' })])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'the newest N; default all' })),
  },
  { additionalProperties: false, $id: 'JournalFilter' },
);
export type JournalFilterRequest = Static<typeof JournalFilterSchema>;

export const JournalListReplySchema = Type.Object({ requests: Type.Array(JournalRecordSchema) }, { $id: 'JournalList' });
export type JournalListReply = Static<typeof JournalListReplySchema>;

export const CountReplySchema = Type.Object({ count: Type.Integer() }, { $id: 'Count' });
export type CountReply = Static<typeof CountReplySchema>;
