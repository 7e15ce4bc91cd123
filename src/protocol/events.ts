export { EVENTS_PATH } from './paths.js';
import Type, { type Static } from 'typebox';
import { EXTERNAL_USERID_PATTERN, LIVINGID_PATTERN, USERID_PATTERN } from './ids.js';
import { ExternalUserTypeSchema } from './watch-stat.js';

/**
 * livestat's own ingest API (not part of WeCom): viewer activity comes in here and folds
 * into the per-viewer rows that get_watch_stat serves.
 *
 * `POST /livestat/v1/events` with `{"events":[...]}` →
 * `{"accepted":N,"duplicates":D,"rejected":[{"index":i,"reason":"..."}]}`.
 */


/** Every kind of viewer event (same-millisecond ties are ordered by domain/activity/event-order.ts). */
export const EVENT_KINDS = ['enter', 'leave', 'heartbeat', 'comment', 'mic_on', 'mic_off'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The longest event id (the idempotency key, unique per corp). */
export const MAX_EVENT_ID_LENGTH = 128;
/** The longest session (device) label. */
export const MAX_SESSION_LENGTH = 128;
/** The longest external viewer display name, counted in Unicode code points. */
export const MAX_VIEWER_NAME_LENGTH = 64;
/** The session an event belongs to when it names none. */
export const DEFAULT_SESSION = 'default';
/** Event times outside [2000-01-01, 2100-01-01) are rejected: they are seconds sent as ms, or garbage. */
export const MIN_EVENT_AT_MS = Date.UTC(2000, 0, 1);
export const MAX_EVENT_AT_MS = Date.UTC(2100, 0, 1);

export const EventKindSchema = Type.Union([
  Type.Literal('enter'),
  Type.Literal('leave'),
  Type.Literal('heartbeat'),
  Type.Literal('comment'),
  Type.Literal('mic_on'),
  Type.Literal('mic_off'),
]);

/** A member (企业成员) watching. */
export const IngestMemberViewerSchema = Type.Object(
  { userid: Type.String({ pattern: USERID_PATTERN.source }) },
  { additionalProperties: false },
);
export type IngestMemberViewer = Static<typeof IngestMemberViewerSchema>;

/** An external viewer; `type` and `name` ride on every event and the latest by time wins. */
export const IngestExternalViewerSchema = Type.Object(
  {
    external_userid: Type.String({ pattern: EXTERNAL_USERID_PATTERN.source }),
    type: ExternalUserTypeSchema,
    name: Type.String({ maxLength: MAX_VIEWER_NAME_LENGTH }),
  },
  { additionalProperties: false },
);
export type IngestExternalViewer = Static<typeof IngestExternalViewerSchema>;

export const IngestViewerSchema = Type.Union([IngestMemberViewerSchema, IngestExternalViewerSchema]);
export type IngestViewer = Static<typeof IngestViewerSchema>;

/** The sharer whose card or QR code the viewer entered through; read only from `enter` events. */
export const IngestInvitorSchema = Type.Union([
  Type.Object({ userid: Type.String({ pattern: USERID_PATTERN.source }) }, { additionalProperties: false }),
  Type.Object(
    { external_userid: Type.String({ pattern: EXTERNAL_USERID_PATTERN.source }) },
    { additionalProperties: false },
  ),
]);
export type IngestInvitor = Static<typeof IngestInvitorSchema>;

/**
 * One viewer event as it travels on the ingest wire. The schema documents the format;
 * the server checks events one by one with `validateEvent` (domain/activity) so a bad
 * event is rejected alone, with a reason naming its field, instead of failing the batch.
 */
export const IngestEventSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: MAX_EVENT_ID_LENGTH }),
    livingid: Type.String({ pattern: LIVINGID_PATTERN.source }),
    at: Type.Integer({ minimum: MIN_EVENT_AT_MS, exclusiveMaximum: MAX_EVENT_AT_MS }),
    kind: EventKindSchema,
    viewer: IngestViewerSchema,
    session: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_SESSION_LENGTH })),
    invitor: Type.Optional(IngestInvitorSchema),
    /** On an `enter` with an `invitor`: livestat makes the ww_share_code of this entry and returns it in `share_codes`. */
    share_code: Type.Optional(Type.Boolean({ description: 'enter events with an invitor: return the ww_share_code of this entry' })),
  },
  { additionalProperties: false },
);
export type IngestEvent = Static<typeof IngestEventSchema>;

/**
 * The anchor's own events [D]: the live goes on air, and off air. They carry the anchor (the
 * live's anchor_userid) instead of a viewer, and make a live's status follow real signals
 * (domain/living-status.ts) instead of the viewer-based rule.
 */
export const ANCHOR_EVENT_KINDS = ['anchor_on_air', 'anchor_off_air'] as const;
export type AnchorEventKind = (typeof ANCHOR_EVENT_KINDS)[number];

/** One anchor event on the ingest wire, beside viewer events in the same `events` list. */
export const IngestAnchorEventSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: MAX_EVENT_ID_LENGTH }),
    livingid: Type.String({ pattern: LIVINGID_PATTERN.source }),
    at: Type.Integer({ minimum: MIN_EVENT_AT_MS, exclusiveMaximum: MAX_EVENT_AT_MS }),
    kind: Type.Union([Type.Literal('anchor_on_air'), Type.Literal('anchor_off_air')]),
    anchor: Type.Object({ userid: Type.String({ pattern: USERID_PATTERN.source }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type IngestAnchorEvent = Static<typeof IngestAnchorEventSchema>;

/** The most events one ingest request may carry [D]. */
export const MAX_EVENTS_PER_REQUEST = 10_000;

/** Request body of `POST /livestat/v1/events`: items are checked one by one, not by this schema. */
export const IngestRequestSchema = Type.Object({
  events: Type.Array(Type.Unknown(), { maxItems: MAX_EVENTS_PER_REQUEST }),
});
export type IngestRequest = Static<typeof IngestRequestSchema>;

export const IngestRejectionSchema = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  reason: Type.String(),
});
export type IngestRejection = Static<typeof IngestRejectionSchema>;

/** The ww_share_code livestat made for an accepted `enter` that came through a share (`invitor` and `share_code: true`). */
export const IngestShareCodeSchema = Type.Object({
  index: Type.Integer({ minimum: 0, description: 'the enter event in the request' }),
  ww_share_code: Type.String({ description: 'what get_living_share_info resolves, for 5 minutes' }),
  expires_at: Type.Integer({ description: 'unix seconds' }),
});
export type IngestShareCode = Static<typeof IngestShareCodeSchema>;

/**
 * Reply of the ingest API: `accepted` counts new durable events, `duplicates` ids already seen;
 * `share_codes` is there when accepted enters asked for their share code.
 */
export const IngestReplySchema = Type.Object({
  accepted: Type.Integer({ minimum: 0 }),
  duplicates: Type.Integer({ minimum: 0 }),
  rejected: Type.Array(IngestRejectionSchema),
  share_codes: Type.Optional(Type.Array(IngestShareCodeSchema)),
});
export type IngestReply = Static<typeof IngestReplySchema>;
