import Type, { type Static, type TSchema } from 'typebox';
import { IngestEventSchema } from '../protocol/events.js';
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

// What a snapshot (GET /livestat/admin/state) carries instead of a credential: the hash the
// store keeps. A hash loads back into the same world without the credential ever being written out.
const Sha256 = (description: string) => Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: `${description}: SHA-256, base64url` });
const SaltedHash = (description: string) => Type.String({ maxLength: 200, pattern: '^sha256\\$[A-Za-z0-9_-]+\\$[A-Za-z0-9_-]{43}$', description: `${description} as stored (salted SHA-256), in place of the plaintext` });
const Nonce = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$', description: 'the nonce a repeat get*token re-derives the same token from (useless without the secret)' });
const IssuedTokenSchema = Type.Object(
  {
    sha256: Sha256('the token'),
    expires_at: Type.Optional(Type.Number({ minimum: 0, description: 'unix seconds (milliseconds as a fraction); absent = never expires' })),
    nonce: Type.Optional(Nonce),
  },
  { additionalProperties: false },
);
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
    secret_hash: Type.Optional(SaltedHash('the app secret')),
    access_token_hashes: Type.Optional(Type.Array(IssuedTokenSchema, { description: 'tokens issued before a snapshot, by hash' })),
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
    open_replay: Type.Optional(Type.Union([Type.Literal(0), Type.Literal(1)], { description: "the live's replay setting (get_living_info's open_replay): 1 on (default), 0 off" })),
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
          duration: Type.Optional(Type.Integer({ minimum: 0, description: 'the live length (seconds) the rows were generated for; default living_duration (a snapshot gives it when the live was modified since)' })),
        },
        { additionalProperties: false },
      ),
    ),
    state: Type.Optional(
      Type.Object(
        {
          remind_time: Type.Optional(Type.Integer({ minimum: 0, description: 'seconds before the start' })),
          cancelled_at: Type.Optional(Type.Number({ minimum: 0, description: 'unix seconds' })),
          replay_deleted_at: Type.Optional(Type.Number({ minimum: 0, description: 'unix seconds' })),
          on_air_at: Type.Optional(Type.Number({ minimum: 0, description: "the anchor's first on-air, unix seconds (milliseconds as a fraction)" })),
          off_air_at: Type.Optional(Type.Number({ minimum: 0, description: "the anchor's last off-air, unix seconds (milliseconds as a fraction)" })),
        },
        { additionalProperties: false, description: 'present: the reminder, cancellation, replay and on-air state exactly as given (a snapshot writes it); absent: left as it is' },
      ),
    ),
    events: Type.Optional(Type.Array(Type.Omit(IngestEventSchema, ['livingid']), { maxItems: 10_000_000, description: 'activity events, as the ingest API takes them without livingid; loaded idempotently by id' })),
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
    ingest_key_hashes: Type.Optional(Type.Array(Sha256('an ingest key'))),
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
    suite_secret: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: "the suite's secret (stored hashed); this or suite_secret_hash" })),
    suite_secret_hash: Type.Optional(SaltedHash("the suite's secret")),
    suite_ticket: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'the suite_ticket get_suite_token accepts (stored hashed); this or suite_ticket_hash' })),
    suite_ticket_hash: Type.Optional(SaltedHash('the suite_ticket')),
    suite_token_hashes: Type.Optional(Type.Array(Type.Object({ sha256: Sha256('the suite_access_token'), expires_at: Type.Number({ minimum: 0 }), nonce: Nonce }, { additionalProperties: false }))),
    trusted_ips: Type.Optional(
      Type.Array(Type.String({ maxLength: 64 }), {
        maxItems: 1000,
        description: "the provider's source-IP allowlist (addresses or CIDR blocks; empty or absent: any IP), checked for get_suite_token, get_corp_token and the calls of the apps it installed",
      }),
    ),
    callback: Type.Optional(ScenarioCallbackSchema),
    authorizations: Type.Optional(
      Type.Array(
        Type.Object(
          {
            corpid: Id('the authorizing corp, declared in corps'),
            agentid: Type.Integer({ minimum: 1, maximum: 2147483647, description: "the suite's app installed in that corp, declared among its apps" }),
            permanent_code: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'what get_corp_token accepts for this corp (stored hashed); this or permanent_code_hash' })),
            permanent_code_hash: Type.Optional(SaltedHash('the permanent code')),
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
    cursor_key: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9_-]{43}$', description: "the key next_keys are signed with (base64url): a snapshot carries it so the loaded world hands out the same next_keys; it signs cursors and authenticates no caller" }),
    ),
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
