/** SQL fragments shared by the PostgreSQL store's files. */

/** viewer_stats.source: 0 declared in a scenario, 1 generated (synthetic_viewers), 2 computed from events. */
export const SOURCE_DECLARED = 0;
export const SOURCE_SYNTHETIC = 1;
export const SOURCE_EVENTS = 2;

export const LIVING_COLUMNS = 'pk, livingid, corpid, creator_agentid, anchor_userid, theme, type, living_start, living_duration, description';

export const VIEWER_UPDATE = `ext_type = excluded.ext_type, name = excluded.name, watch_time = excluded.watch_time, is_comment = excluded.is_comment,
  is_mic = excluded.is_mic, invitor_userid = excluded.invitor_userid, invitor_external_userid = excluded.invitor_external_userid,
  open_watch = excluded.open_watch, wire_json = excluded.wire_json, source = excluded.source`;
