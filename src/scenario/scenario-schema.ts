import Type, { type Static, type TSchema } from 'typebox';
import { type CallbackSettings, CallbackSettingsSchema } from '../protocol/control/callbacks.js';

/**
 * The scenario file: corps, apps and lives that a developer declares so livestat starts with
 * exactly the world their code expects. `scenario.schema.json` at the repository root is
 * generated from this (see `npm run schema`) and checked by the tests to be up to date.
 */

const Id = (description: string) => Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$', description });
const Flag = Type.Union([Type.Literal(0), Type.Literal(1)]);
const Invitors = {
  invitor_userid: Type.Optional(Id('the member who shared the card or QR code the viewer first entered through')),
  invitor_external_userid: Type.Optional(Id('the external sharer the viewer first entered through')),
};

/** Scenario callbacks are the control API's: checked with a URL check before anything is pushed. */
const ScenarioCallbackSchema = CallbackSettingsSchema;
export type ScenarioCallback = CallbackSettings;

const ScenarioAppSchema = Type.Object(
  {
    agentid: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    kind: Type.Union([Type.Literal('self_built'), Type.Literal('agency'), Type.Literal('third_party'), Type.Literal('system')]),
    secret: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'the app secret (stored hashed)' })),
    living_api: Type.Optional(Type.Boolean({ description: 'self-built: allowed to call the live-stream API; agency/third-party: holds the 直播 permission' })),
    trusted_ips: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })),
    access_token: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_.~-]+$', description: 'a pre-issued token (stored hashed)' })),
    access_token_expires_at: Type.Optional(Type.Integer({ minimum: 0, description: 'unix seconds; absent = never expires' })),
    callback: Type.Optional(ScenarioCallbackSchema),
  },
  { additionalProperties: false },
);

export const ScenarioMemberViewerSchema = Type.Object(
  {
    userid: Id('the member'),
    watch_time: Type.Integer({ minimum: 0 }),
    is_comment: Flag,
    is_mic: Flag,
    ...Invitors,
  },
  { additionalProperties: false },
);

export const ScenarioExternalViewerSchema = Type.Object(
  {
    external_userid: Id('the external viewer'),
    type: Type.Union([Type.Literal(1), Type.Literal(2)]),
    name: Type.String({ maxLength: 128 }),
    watch_time: Type.Integer({ minimum: 0 }),
    is_comment: Flag,
    is_mic: Flag,
    ...Invitors,
  },
  { additionalProperties: false },
);

const ScenarioViewerSchema = Type.Union([ScenarioMemberViewerSchema, ScenarioExternalViewerSchema]);

function livingSchema<V extends TSchema>(viewer: V) {
  return Type.Object(
  {
    livingid: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    creator_agentid: Type.Optional(Type.Integer({ minimum: 1 })),
    anchor_userid: Id('the anchor'),
    theme: Type.String({ maxLength: 20 }),
    type: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
    description: Type.Optional(Type.String({ maxLength: 100 })),
    living_start: Type.Integer({ minimum: 0, description: 'unix seconds' }),
    living_duration: Type.Integer({ minimum: 0, description: 'seconds' }),
    viewers: Type.Optional(Type.Array(viewer, { maxItems: 1_000_000 })),
    simulated_audience: Type.Optional(
      Type.Object(
        {
          viewers: Type.Integer({ minimum: 1, maximum: 100_000 }),
          seed: Type.Optional(Type.Integer()),
        },
        { additionalProperties: false, description: 'viewers whose statistics come from simulated events sent through the ingest path' },
      ),
    ),
    synthetic_viewers: Type.Optional(
      Type.Object(
        {
          members: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
          external: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
          seed: Type.Optional(Type.Integer()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
  );
}

function corpSchema<V extends TSchema>(viewer: V) {
  return Type.Object(
  {
    corpid: Id('the corp'),
    name: Type.Optional(Type.String({ maxLength: 128 })),
    grandfathered_system_app: Type.Optional(Type.Boolean()),
    ingest_keys: Type.Optional(Type.Array(Type.String({ minLength: 16, maxLength: 512, pattern: '^\\S+$' }), { description: 'keys for POST /livestat/v1/events (stored hashed)' })),
    apps: Type.Array(ScenarioAppSchema),
    livings: Type.Optional(Type.Array(livingSchema(viewer))),
  },
  { additionalProperties: false },
  );
}

/** A third-party suite and the corps that authorized it; secrets, tickets and codes are stored hashed. */
const ScenarioSuiteSchema = Type.Object(
  {
    suite_id: Id('the suite (third-party app) id'),
    suite_secret: Type.String({ minLength: 1, maxLength: 256, description: "the suite's secret (stored hashed)" }),
    suite_ticket: Type.String({ minLength: 1, maxLength: 512, description: 'a suite_ticket get_suite_token accepts, never expiring (stored hashed); pushed tickets are accepted too' }),
    callback: Type.Optional(ScenarioCallbackSchema),
    authorizations: Type.Optional(
      Type.Array(
        Type.Object(
          {
            corpid: Id('the authorizing corp, declared in corps'),
            agentid: Type.Integer({ minimum: 1, maximum: 2147483647, description: "the suite's app installed in that corp, declared among its apps" }),
            permanent_code: Type.String({ minLength: 1, maxLength: 512, description: 'what get_corp_token accepts for this corp (stored hashed)' }),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);
export type ScenarioSuite = Static<typeof ScenarioSuiteSchema>;

function scenarioSchema<V extends TSchema>(viewer: V) {
  return Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    corps: Type.Array(corpSchema(viewer)),
    suites: Type.Optional(Type.Array(ScenarioSuiteSchema, { description: 'third-party suites: get_suite_token, then get_corp_token per authorizing corp' })),
    faults: Type.Optional(Type.Array(Type.String(), { description: 'API:ERRCODE:RATE or API:latency:DURATION' })),
  },
  { additionalProperties: false, title: 'livestat scenario' },
  );
}

/** The published schema. */
const ScenarioSchema = scenarioSchema(ScenarioViewerSchema);
/**
 * The same with viewers unchecked: the validator checks each viewer against the one branch
 * its keys pick, so errors name that branch's fields instead of both branches' at once.
 */
export const ScenarioShellSchema = scenarioSchema(Type.Unknown());

export type Scenario = Static<typeof ScenarioSchema>;
export type ScenarioCorp = Static<ReturnType<typeof corpSchema<typeof ScenarioViewerSchema>>>;
export type ScenarioLiving = Static<ReturnType<typeof livingSchema<typeof ScenarioViewerSchema>>>;
export type ScenarioViewer = Static<typeof ScenarioMemberViewerSchema> | Static<typeof ScenarioExternalViewerSchema>;

/** The JSON Schema document shipped as `scenario.schema.json`. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...ScenarioSchema })) as Record<string, unknown>;
}
