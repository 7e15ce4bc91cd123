import Type, { type Static } from 'typebox';

/** `POST /livestat/admin/seed`: a seed makes every generated value reproducible; null goes back to random. */
export const SeedRequestSchema = Type.Object(
  { seed: Type.Union([Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }), Type.Null()]) },
  { additionalProperties: false, $id: 'SeedRequest' },
);
export type SeedRequest = Static<typeof SeedRequestSchema>;
export const SeedReplySchema = Type.Object({ seed: Type.Union([Type.Integer(), Type.Null()]) }, { $id: 'SeedReply' });
export type SeedReply = Static<typeof SeedReplySchema>;

/** `POST /livestat/admin/scenario`'s reply: what loading changed. */
export const ScenarioReplySchema = Type.Object(
  {
    changed: Type.Boolean({ description: 'false when the world already held exactly this scenario' }),
    corps: Type.Integer({ description: 'corps in the document' }),
    apps: Type.Integer(),
    livings: Type.Integer(),
    changed_corps: Type.Array(Type.String(), { description: 'corpids whose corp, apps, keys or lives changed' }),
    suites_changed: Type.Boolean(),
    faults_added: Type.Array(Type.String(), { description: 'ids of the faults the scenario added' }),
  },
  { $id: 'ScenarioReply' },
);
export type ScenarioReply = Static<typeof ScenarioReplySchema>;

/** `GET /livestat/ready`. */
export const ReadyReplySchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    scenarios_loaded: Type.Boolean(),
    database: Type.Boolean(),
    shared_control: Type.Boolean({ description: 'this process has seen another on its database: clock, faults and journal are the whole service\'s' }),
  },
  { $id: 'ReadyReply' },
);
export type ReadyReply = Static<typeof ReadyReplySchema>;


/** `POST /livestat/admin/reset`: back to the start scenarios (default), or to an empty world. */
export const ResetRequestSchema = Type.Object(
  { to: Type.Optional(Type.Union([Type.Literal('start'), Type.Literal('empty')], { description: 'start (default): the scenarios loaded at start; empty: nothing' })) },
  { additionalProperties: false, $id: 'ResetRequest' },
);
export type ResetRequest = Static<typeof ResetRequestSchema>;

/** What a reset did, and how long it took on the server. */
export const ResetReplySchema = Type.Object(
  {
    reset: Type.String({ description: '"world", or the corpid that was reset' }),
    to: Type.Union([Type.Literal('start'), Type.Literal('empty')]),
    duration_ms: Type.Number({ description: 'time the server spent resetting' }),
  },
  { $id: 'ResetReply' },
);
export type ResetReply = Static<typeof ResetReplySchema>;

/** `GET /livestat/admin/state`: the whole world, or one corp (`?corpid=`). */
export const StateQuerySchema = Type.Object(
  { corpid: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'only this corp (and no suites: they are shared by corps)' })) },
  { additionalProperties: false, $id: 'StateQuery' },
);
export type StateQuery = Static<typeof StateQuerySchema>;

/**
 * What `GET /livestat/admin/state` returns: a scenario document (scenario.schema.json) whose
 * credentials are hashes. Typed loosely here: the protocol layer does not know the scenario schema.
 */
export interface WorldSnapshot {
  corps: Record<string, unknown>[];
  suites?: Record<string, unknown>[];
  cursor_key?: string;
}
