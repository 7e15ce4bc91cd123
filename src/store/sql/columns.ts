/** Column lists and values that every SQL statement of both backends spells the same way. */

/** viewer_stats.source: 0 declared in a scenario, 1 generated (synthetic_viewers), 2 computed from events. */
export const SOURCE_DECLARED = 0;
export const SOURCE_SYNTHETIC = 1;
export const SOURCE_EVENTS = 2;

/** viewer_stats columns after living_pk, in the order of viewerParams (rows.ts). */
export const VIEWER_COLUMNS = 'kind, viewer_id, ext_type, name, watch_time, is_comment, is_mic, invitor_userid, invitor_external_userid, open_watch, wire_json';
/** What a ViewerRow needs (no wire_json): the dashboard reads these. */
export const VIEWER_STAT_COLUMNS = 'kind, viewer_id, ext_type, name, watch_time, is_comment, is_mic, invitor_userid, invitor_external_userid, open_watch';
/** What get_watch_stat serves: a WireRow. */
export const WIRE_COLUMNS = 'kind, viewer_id, wire_json, open_watch';

/** An upsert of a viewer row takes every column from the new row. */
export const VIEWER_UPDATE = `ext_type = excluded.ext_type, name = excluded.name, watch_time = excluded.watch_time, is_comment = excluded.is_comment,
  is_mic = excluded.is_mic, invitor_userid = excluded.invitor_userid, invitor_external_userid = excluded.invitor_external_userid,
  open_watch = excluded.open_watch, wire_json = excluded.wire_json, source = excluded.source`;

export const LIVING_COLUMNS = 'pk, livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description';
export const LIVING_RECORD_COLUMNS = `${LIVING_COLUMNS}, remind_time, cancelled_at, replay_deleted_at, open_replay, on_air_at, off_air_at`;
export const TOKEN_COLUMNS = 'hash, corpid, agentid, expires_at, nonce';
export const EVENT_COLUMNS = 'corpid, id, living_pk, viewer_kind, viewer_id, at, kind, session, ext_type, name, invitor_kind, invitor_id';
/** An events row as read back (EventRow). */
export const EVENT_ROW_COLUMNS = 'id, at, kind, session, viewer_kind, viewer_id, ext_type, name, invitor_kind, invitor_id';
export const SUITE_COLUMNS = 'suite_id, secret_hash, ticket_hash, trusted_ips';
export const AUTH_COLUMNS = 'corpid, agentid, permanent_code_hash';
export const SUITE_TOKEN_COLUMNS = 'hash, suite_id, expires_at, nonce';

/** `?, ?, ...` for `n` parameters. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
