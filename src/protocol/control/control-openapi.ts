import type { TSchema } from 'typebox';
import { AdvanceClockRequestSchema, ClockReplySchema, SetClockRequestSchema } from './clock.js';
import { LivestatErrorSchema } from './errors.js';
import { FaultListReplySchema, FaultRequestSchema, FaultSchema, RemovedReplySchema } from './faults.js';
import { LivingCodeLookupReplySchema, LivingCodeLookupRequestSchema, ShareCodeReplySchema, ShareCodeRequestSchema } from './codes.js';
import { CallbackReplySchema, CallbackSettingsSchema, FlushReplySchema } from './callbacks.js';
import { CountReplySchema, JournalFilterSchema, JournalListReplySchema } from './journal.js';
import { CONTROL_PATHS, READY_PATH } from './paths.js';
import { ReadyReplySchema, ResetReplySchema, ResetRequestSchema, ScenarioReplySchema, SeedReplySchema, SeedRequestSchema, StateQuerySchema } from './world.js';

type Json = Record<string, unknown>;

/** The tag the control endpoints are listed under. */
const CONTROL_TAG = 'control';

interface ControlOperation {
  method: 'get' | 'put' | 'post' | 'delete';
  path: string;
  id: string;
  summary: string;
  body?: TSchema;
  /** Query parameters, from an object schema. */
  query?: TSchema;
  reply: TSchema;
  status?: number;
  /** Readiness needs no key. */
  open?: boolean;
}

const CORP_CLOCK_NOTE = ' of one corp: its tokens, limits and lives follow it';

const OPERATIONS: ControlOperation[] = [
  { method: 'get', path: CONTROL_PATHS.clock, id: 'getClock', summary: "The server's clock", reply: ClockReplySchema },
  { method: 'put', path: CONTROL_PATHS.clock, id: 'setClock', summary: 'Set (and freeze or unfreeze) the clock', body: SetClockRequestSchema, reply: ClockReplySchema },
  { method: 'post', path: CONTROL_PATHS.clockAdvance, id: 'advanceClock', summary: 'Move the clock', body: AdvanceClockRequestSchema, reply: ClockReplySchema },
  { method: 'get', path: CONTROL_PATHS.corpClock, id: 'getCorpClock', summary: `The clock${CORP_CLOCK_NOTE}`, reply: ClockReplySchema },
  { method: 'put', path: CONTROL_PATHS.corpClock, id: 'setCorpClock', summary: `Set the clock${CORP_CLOCK_NOTE}`, body: SetClockRequestSchema, reply: ClockReplySchema },
  { method: 'delete', path: CONTROL_PATHS.corpClock, id: 'forgetCorpClock', summary: "The corp follows the server's clock again", reply: ClockReplySchema },
  { method: 'post', path: CONTROL_PATHS.corpClockAdvance, id: 'advanceCorpClock', summary: `Move the clock${CORP_CLOCK_NOTE}`, body: AdvanceClockRequestSchema, reply: ClockReplySchema },
  { method: 'get', path: CONTROL_PATHS.faults, id: 'listFaults', summary: 'The faults in force, in the order they apply', reply: FaultListReplySchema },
  { method: 'post', path: CONTROL_PATHS.faults, id: 'addFault', summary: 'Add a fault: an errcode, a latency or a transport failure', body: FaultRequestSchema, reply: FaultSchema, status: 201 },
  { method: 'delete', path: CONTROL_PATHS.faults, id: 'clearFaults', summary: 'Remove every fault', reply: RemovedReplySchema },
  { method: 'delete', path: CONTROL_PATHS.fault, id: 'removeFault', summary: 'Remove one fault', reply: RemovedReplySchema },
  { method: 'get', path: CONTROL_PATHS.requests, id: 'listRequests', summary: 'Recorded calls to the WeCom endpoints, oldest first, secrets redacted', query: JournalFilterSchema, reply: JournalListReplySchema },
  { method: 'post', path: CONTROL_PATHS.requestsCount, id: 'countRequests', summary: 'How many recorded calls match a filter', body: JournalFilterSchema, reply: CountReplySchema },
  { method: 'delete', path: CONTROL_PATHS.requests, id: 'clearRequests', summary: 'Empty the request journal', reply: RemovedReplySchema },
  { method: 'get', path: CONTROL_PATHS.outbound, id: 'listOutbound', summary: 'Delivery attempts livestat made (URL checks, living_status_change and suite_ticket pushes), oldest first', query: JournalFilterSchema, reply: JournalListReplySchema },
  { method: 'post', path: CONTROL_PATHS.outboundCount, id: 'countOutbound', summary: 'How many deliveries match a filter', body: JournalFilterSchema, reply: CountReplySchema },
  { method: 'delete', path: CONTROL_PATHS.outbound, id: 'clearOutbound', summary: 'Empty the outbound journal', reply: RemovedReplySchema },
  { method: 'post', path: CONTROL_PATHS.seed, id: 'seed', summary: 'Make every generated value reproducible from a seed (tests only)', body: SeedRequestSchema, reply: SeedReplySchema },
  { method: 'post', path: CONTROL_PATHS.scenario, id: 'loadScenario', summary: 'Load a scenario document at run time, as serve --scenario does at start', body: { type: 'object', description: 'a scenario document: see scenario.schema.json' }, reply: ScenarioReplySchema },
  { method: 'delete', path: CONTROL_PATHS.corp, id: 'deleteCorp', summary: 'Remove a corp and everything of it: apps, tokens, lives, viewers, events, limits, its clock, journal records and faults', reply: RemovedReplySchema },
  { method: 'delete', path: CONTROL_PATHS.corpApp, id: 'deleteApp', summary: "Remove an app with its tokens and suite authorizations (the corp's lives stay)", reply: RemovedReplySchema },
  { method: 'delete', path: CONTROL_PATHS.corpLiving, id: 'deleteLiving', summary: 'Remove a live with its viewers and events', reply: RemovedReplySchema },
  { method: 'post', path: CONTROL_PATHS.corpShareCodes, id: 'createShareCode', summary: "Make the ww_share_code of a viewer's entry through a share (valid 5 minutes; get_living_share_info resolves it)", body: ShareCodeRequestSchema, reply: ShareCodeReplySchema, status: 201 },
  { method: 'post', path: CONTROL_PATHS.corpLivingCodeResolve, id: 'resolveLivingCode', summary: 'What a living_code from get_living_code opens, as the live mini-program sees it (404 once expired)', body: LivingCodeLookupRequestSchema, reply: LivingCodeLookupReplySchema },
  { method: 'put', path: CONTROL_PATHS.appCallback, id: 'setAppCallback', summary: "Set an app's callback: livestat checks the URL first (GET with an echostr; 1 s) and refuses it (400 callback_check_failed) if the answer is wrong", body: CallbackSettingsSchema, reply: CallbackReplySchema },
  { method: 'get', path: CONTROL_PATHS.appCallback, id: 'getAppCallback', summary: "An app's callback URL and whether it passed its check (never the Token or key)", reply: CallbackReplySchema },
  { method: 'delete', path: CONTROL_PATHS.appCallback, id: 'removeAppCallback', summary: "Remove an app's callback: its pushes stop", reply: RemovedReplySchema },
  { method: 'put', path: CONTROL_PATHS.suiteCallback, id: 'setSuiteCallback', summary: "Set a suite's 指令回调 URL (suite_ticket pushes every 10 minutes of the clock), checked first like an app's", body: CallbackSettingsSchema, reply: CallbackReplySchema },
  { method: 'get', path: CONTROL_PATHS.suiteCallback, id: 'getSuiteCallback', summary: "A suite's 指令回调 URL and whether it passed its check", reply: CallbackReplySchema },
  { method: 'delete', path: CONTROL_PATHS.suiteCallback, id: 'removeSuiteCallback', summary: "Remove a suite's 指令回调 URL: tickets stop", reply: RemovedReplySchema },
  { method: 'post', path: CONTROL_PATHS.callbacksFlush, id: 'flushCallbacks', summary: 'Detect status changes and suite-ticket times now and make every due delivery attempt; answers when they are done', reply: FlushReplySchema },
  { method: 'post', path: CONTROL_PATHS.reset, id: 'reset', summary: 'The whole world back to the scenarios loaded at start ({"to":"empty"}: nothing)', body: ResetRequestSchema, reply: ResetReplySchema },
  { method: 'post', path: CONTROL_PATHS.corpReset, id: 'resetCorp', summary: 'One corp back to the start scenarios: tokens, limits, events, viewers, journal, faults, clock; other corps untouched', reply: ResetReplySchema },
  {
    method: 'get',
    path: CONTROL_PATHS.state,
    id: 'getState',
    summary: 'The world as a scenario document that POST /scenario loads back into an identical world (credentials as their hashes only)',
    query: StateQuerySchema,
    reply: { type: 'object', description: 'a scenario document: see scenario.schema.json' },
  },
  { method: 'get', path: READY_PATH, id: 'ready', summary: 'Readiness: 200 once scenarios are loaded and the database answers, else 503', reply: ReadyReplySchema, open: true },
];

function plain(schema: TSchema): Json {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) => (key === '$id' ? undefined : value)) as Json;
}

function parameters(op: ControlOperation): Json[] {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const params: Json[] = names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const props = op.query ? ((plain(op.query).properties ?? {}) as Record<string, Json>) : {};
  for (const [name, schema] of Object.entries(props)) params.push({ name, in: 'query', required: false, schema });
  return params;
}

function operation(op: ControlOperation): Json {
  const error = { description: "livestat's error shape", content: { 'application/json': { schema: plain(LivestatErrorSchema) } } };
  const out: Json = {
    operationId: op.id,
    tags: [CONTROL_TAG],
    summary: op.summary,
    parameters: parameters(op),
    responses: {
      [op.status ?? 200]: { description: 'OK', content: { 'application/json': { schema: plain(op.reply) } } },
      ...(op.open ? { 503: { description: 'not ready', content: { 'application/json': { schema: plain(op.reply) } } } } : { 400: error, 401: error, 404: error }),
    },
  };
  if (!op.open) out.security = [{ adminKey: [] }];
  if (op.body) out.requestBody = { required: true, content: { 'application/json': { schema: plain(op.body) } } };
  return out;
}

/** The control API's paths for the OpenAPI document, under the `control` tag. */
export function controlOpenApiPaths(): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) paths[op.path] = { ...paths[op.path], [op.method]: operation(op) };
  return paths;
}

/** What the document needs besides the paths: the tag and the admin key's security scheme. */
export const CONTROL_OPENAPI_EXTRAS = {
  tag: { name: CONTROL_TAG, description: 'Drive livestat from a test suite: clock, faults, request journal, seed, scenarios. For test environments only; needs the admin key.' },
  securitySchemes: { adminKey: { type: 'http', scheme: 'bearer', description: 'the key given by serve --admin-key (at least 16 characters)' } },
};
