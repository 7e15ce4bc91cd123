import Type, { type Static } from 'typebox';

export const TransportFaultKindSchema = Type.Union(
  [Type.Literal('connection_reset'), Type.Literal('empty_reply'), Type.Literal('truncated_json'), Type.Literal('html_502')],
  { description: 'connection_reset: TCP reset; empty_reply: closed without a byte; truncated_json: half a JSON body; html_502: a gateway\'s HTML page with HTTP 502' },
);

const FaultFields = {
  api: Type.String({ minLength: 1, maxLength: 64, description: 'API name as in the OpenAPI operationId (gettoken, get_watch_stat, ...) or * for all' }),
  errcode: Type.Optional(Type.Integer({ description: 'answer this WeCom errcode' })),
  latency_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000, description: 'delay the call this long' })),
  kind: Type.Optional(TransportFaultKindSchema),
  rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'chance a matching call is hit; default 1' })),
  times: Type.Optional(Type.Integer({ minimum: 1, description: 'hit exactly the next N matching calls, then remove the fault' })),
  match: Type.Optional(
    Type.Object(
      {
        corpid: Type.Optional(Type.String({ maxLength: 64 })),
        agentid: Type.Optional(Type.Integer()),
        livingid: Type.Optional(Type.String({ maxLength: 64 })),
      },
      { additionalProperties: false },
    ),
  ),
};

/** `POST /livestat/admin/faults`: exactly one of errcode, latency_ms and kind. */
export const FaultRequestSchema = Type.Object(FaultFields, { additionalProperties: false, $id: 'FaultRequest' });
export type FaultRequest = Static<typeof FaultRequestSchema>;

/** A fault in force; `times` is what is left. */
export const FaultSchema = Type.Object(
  { id: Type.String(), source: Type.Union([Type.Literal('flag'), Type.Literal('scenario'), Type.Literal('api')]), ...FaultFields },
  { $id: 'Fault' },
);
export type FaultReply = Static<typeof FaultSchema>;

export const FaultListReplySchema = Type.Object({ faults: Type.Array(FaultSchema) }, { $id: 'FaultList' });
export type FaultListReply = Static<typeof FaultListReplySchema>;

export const RemovedReplySchema = Type.Object({ removed: Type.Integer() }, { $id: 'Removed' });
export type RemovedReply = Static<typeof RemovedReplySchema>;
