import {
  ANCHOR_EVENT_KINDS,
  EVENT_KINDS,
  type AnchorEventKind,
  type IngestAnchorEvent,
  MAX_EVENT_AT_MS,
  MAX_EVENT_ID_LENGTH,
  MAX_SESSION_LENGTH,
  MAX_VIEWER_NAME_LENGTH,
  MIN_EVENT_AT_MS,
  type EventKind,
  type IngestEvent,
  type IngestInvitor,
  type IngestViewer,
} from '../../protocol/events.js';
import { EXTERNAL_USERID_PATTERN, LIVINGID_PATTERN, USERID_PATTERN } from '../../protocol/ids.js';

export type EventValidation = { ok: true; event: IngestEvent } | { ok: false; reason: string };
/** An item of an ingest batch: a viewer event, an anchor event, or why it is neither. */
export type IngestItemValidation = { ok: true; event: IngestEvent } | { ok: true; anchor: IngestAnchorEvent } | { ok: false; reason: string };

type Plain = Record<string, unknown>;

const EVENT_FIELDS = ['id', 'livingid', 'at', 'kind', 'viewer', 'session', 'invitor', 'share_code'];
const MEMBER_FIELDS = ['userid'];
const EXTERNAL_FIELDS = ['external_userid', 'type', 'name'];
const ANCHOR_FIELDS = ['id', 'livingid', 'at', 'kind', 'anchor'];
const KIND_SET: ReadonlySet<string> = new Set(EVENT_KINDS);
const ANCHOR_KIND_SET: ReadonlySet<string> = new Set(ANCHOR_EVENT_KINDS);
const ALL_KINDS = [...EVENT_KINDS, ...ANCHOR_EVENT_KINDS].join(', ');
// Lone surrogates cannot be stored as UTF-8; control characters break one-line display and CSV.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

class Invalid extends Error {}

function fail(reason: string): never {
  throw new Invalid(reason);
}

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(o: Plain, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function noUnknownFields(o: Plain, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) fail(`${where} has unknown field ${JSON.stringify(key.slice(0, 64))}`);
  }
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function idField(o: Plain, key: string, pattern: RegExp, where: string, shape: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${where}.${key} must be a string`);
  if (!pattern.test(v)) fail(`${where}.${key} must be ${shape}`);
  return v;
}

const USERID_SHAPE = '1-64 characters of A-Z a-z 0-9 _ . -';
const EXTERNAL_SHAPE = 'an external_userid: 32 characters starting with wm or wo';

function viewerField(raw: unknown, where: string): IngestViewer {
  if (!isPlain(raw)) fail(`${where} must be an object`);
  const member = has(raw, 'userid');
  const external = has(raw, 'external_userid');
  if (member && external) fail(`${where} must have either userid or external_userid, not both`);
  if (member) {
    noUnknownFields(raw, MEMBER_FIELDS, where);
    return { userid: idField(raw, 'userid', USERID_PATTERN, where, USERID_SHAPE) };
  }
  if (!external) fail(`${where} must have userid (a member) or external_userid (an external viewer)`);
  noUnknownFields(raw, EXTERNAL_FIELDS, where);
  const external_userid = idField(raw, 'external_userid', EXTERNAL_USERID_PATTERN, where, EXTERNAL_SHAPE);
  const type = raw.type;
  if (type !== 1 && type !== 2) fail(`${where}.type must be 1 or 2`);
  const name = raw.name;
  if (typeof name !== 'string') fail(`${where}.name must be a string`);
  if (codePoints(name) > MAX_VIEWER_NAME_LENGTH) fail(`${where}.name must be at most ${MAX_VIEWER_NAME_LENGTH} characters`);
  if (LONE_SURROGATE.test(name)) fail(`${where}.name must be valid Unicode text`);
  if (CONTROL_CHAR.test(name)) fail(`${where}.name must not contain control characters`);
  return { external_userid, type, name };
}

function invitorField(raw: unknown, where: string): IngestInvitor {
  if (!isPlain(raw)) fail(`${where} must be an object`);
  const member = has(raw, 'userid');
  const external = has(raw, 'external_userid');
  if (member && external) fail(`${where} must have either userid or external_userid, not both`);
  if (member) {
    noUnknownFields(raw, MEMBER_FIELDS, where);
    return { userid: idField(raw, 'userid', USERID_PATTERN, where, USERID_SHAPE) };
  }
  if (!external) fail(`${where} must have userid or external_userid`);
  noUnknownFields(raw, ['external_userid'], where);
  return { external_userid: idField(raw, 'external_userid', EXTERNAL_USERID_PATTERN, where, EXTERNAL_SHAPE) };
}

/** The fields every event has: its id, live and time. */
function common(raw: Plain, at: string): { id: string; livingid: string; when: number } {
  const id = raw.id;
  if (typeof id !== 'string') fail(`${at}.id must be a string`);
  if (id.length === 0 || codePoints(id) > MAX_EVENT_ID_LENGTH) fail(`${at}.id must be 1-${MAX_EVENT_ID_LENGTH} characters`);
  if (LONE_SURROGATE.test(id)) fail(`${at}.id must be valid Unicode text`);

  const livingid = idField(raw, 'livingid', LIVINGID_PATTERN, at, 'a livingid: 32 characters starting with lv');

  const when = raw.at;
  if (typeof when !== 'number' || !Number.isSafeInteger(when)) fail(`${at}.at must be an integer unix millisecond timestamp`);
  if (when < MIN_EVENT_AT_MS || when >= MAX_EVENT_AT_MS) {
    fail(`${at}.at must be an integer unix millisecond timestamp between years 2000 and 2100`);
  }
  return { id, livingid, when };
}

function check(raw: unknown, at: string): IngestEvent {
  if (!isPlain(raw)) fail(`${at} must be an object`);
  noUnknownFields(raw, EVENT_FIELDS, at);

  // `<field> missing` mirrors WeCom's own 40058 details (`livingid missing`).
  for (const key of ['id', 'livingid', 'at', 'kind', 'viewer']) {
    if (raw[key] === undefined) fail(`${at}.${key} missing`);
  }
  const { id, livingid, when } = common(raw, at);

  const kind = raw.kind;
  if (typeof kind !== 'string' || !KIND_SET.has(kind)) fail(`${at}.kind must be one of ${ALL_KINDS}`);

  const viewer = viewerField(raw.viewer, `${at}.viewer`);

  // A fresh object with only the known fields: nothing of the raw input leaks further.
  const event: IngestEvent = { id, livingid, at: when, kind: kind as EventKind, viewer };

  // Absent optional fields often arrive as null from producers that serialise every key.
  if (has(raw, 'session') && raw.session !== undefined && raw.session !== null) {
    const session = raw.session;
    if (typeof session !== 'string' || session.length === 0 || codePoints(session) > MAX_SESSION_LENGTH) {
      fail(`${at}.session must be a string of 1-${MAX_SESSION_LENGTH} characters`);
    }
    if (LONE_SURROGATE.test(session)) fail(`${at}.session must be valid Unicode text`);
    event.session = session;
  }
  // The inviter is read from enter events only, but a malformed one elsewhere is still a producer bug worth naming.
  if (has(raw, 'invitor') && raw.invitor !== undefined && raw.invitor !== null) {
    event.invitor = invitorField(raw.invitor, `${at}.invitor`);
  }
  if (has(raw, 'share_code') && raw.share_code !== undefined && raw.share_code !== null && raw.share_code !== false) {
    if (raw.share_code !== true) fail(`${at}.share_code must be true or false`);
    // A share code says whose share the viewer came through: only an entry through a share has one.
    if (event.kind !== 'enter' || !event.invitor) fail(`${at}.share_code needs an enter event with an invitor`);
    event.share_code = true;
  }
  return event;
}

function checkAnchor(raw: Plain, at: string): IngestAnchorEvent {
  noUnknownFields(raw, ANCHOR_FIELDS, at);
  for (const key of ['id', 'livingid', 'at', 'anchor']) {
    if (raw[key] === undefined) fail(`${at}.${key} missing`);
  }
  const { id, livingid, when } = common(raw, at);
  const anchor = raw.anchor;
  if (!isPlain(anchor)) fail(`${at}.anchor must be an object`);
  noUnknownFields(anchor, MEMBER_FIELDS, `${at}.anchor`);
  const userid = idField(anchor, 'userid', USERID_PATTERN, `${at}.anchor`, USERID_SHAPE);
  return { id, livingid, at: when, kind: raw.kind as AnchorEventKind, anchor: { userid } };
}

/**
 * Checks one item of an ingest batch: an anchor event when its kind is `anchor_on_air` or
 * `anchor_off_air`, a viewer event otherwise. Never throws, like validateEvent.
 */
export function validateIngestItem(raw: unknown, index: number): IngestItemValidation {
  const at = `events[${index}]`;
  try {
    if (isPlain(raw) && typeof raw.kind === 'string' && ANCHOR_KIND_SET.has(raw.kind)) return { ok: true, anchor: checkAnchor(raw, at) };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, reason: err.message };
    return { ok: false, reason: `${at} could not be read` };
  }
  return validateEvent(raw, index);
}

/**
 * Checks one raw ingest event. Reasons name the offending field as `events[i].field`.
 * Never throws, whatever `raw` is (getters that throw and proxies included).
 */
export function validateEvent(raw: unknown, index: number): EventValidation {
  const at = `events[${index}]`;
  try {
    return { ok: true, event: check(raw, at) };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, reason: err.message };
    return { ok: false, reason: `${at} could not be read` };
  }
}
