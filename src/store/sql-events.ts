import type { ViewerEvent } from '../domain/activity/viewer-state.js';
import { DEFAULT_SESSION, type EventKind, type IngestEvent } from '../protocol/events.js';

/** An events row as both SQL backends return it. */
export interface EventRow {
  id: string;
  at: number;
  kind: EventKind;
  session: string;
  viewer_kind: number;
  viewer_id: string;
  ext_type: number | null;
  name: string | null;
  invitor_kind: number | null;
  invitor_id: string | null;
}

/** Parameters of the events INSERT: corpid, id, living_pk, viewer_kind, viewer_id, at, kind, session, ext_type, name, invitor_kind, invitor_id. */
export function eventParams(
  corpid: string,
  livingPk: number,
  e: IngestEvent,
): [string, string, number, number, string, number, string, string, number | null, string | null, number | null, string | null] {
  const v = e.viewer;
  const member = 'userid' in v;
  const invitor = e.kind === 'enter' ? e.invitor : undefined;
  return [
    corpid,
    e.id,
    livingPk,
    member ? 0 : 1,
    member ? v.userid : v.external_userid,
    e.at,
    e.kind,
    e.session ?? DEFAULT_SESSION,
    member ? null : v.type,
    member ? null : v.name,
    invitor === undefined ? null : 'userid' in invitor ? 0 : 1,
    invitor === undefined ? null : 'userid' in invitor ? invitor.userid : invitor.external_userid,
  ];
}

/** A stored event back in the shape the activity rules read. */
export function toViewerEvent(r: EventRow): ViewerEvent {
  const event: ViewerEvent = {
    id: r.id,
    at: r.at,
    kind: r.kind,
    session: r.session,
    viewer: r.viewer_kind === 0 ? { userid: r.viewer_id } : { external_userid: r.viewer_id, type: r.ext_type === 2 ? 2 : 1, name: r.name ?? '' },
  };
  if (r.invitor_kind !== null && r.invitor_id !== null) event.invitor = r.invitor_kind === 0 ? { userid: r.invitor_id } : { external_userid: r.invitor_id };
  return event;
}
