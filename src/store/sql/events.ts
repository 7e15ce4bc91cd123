import type { ViewerEvent } from '../../domain/activity/viewer-state.js';
import { DEFAULT_SESSION, type EventKind, type IngestEvent } from '../../protocol/events.js';

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

/** Who an event is about, as viewer_stats and events key them: kind 0 a member, 1 an external user. */
export function viewerOf(e: IngestEvent): { kind: 0 | 1; viewerId: string } {
  return 'userid' in e.viewer ? { kind: 0, viewerId: e.viewer.userid } : { kind: 1, viewerId: e.viewer.external_userid };
}

/** Parameters of the events INSERT: corpid, id, living_pk, viewer_kind, viewer_id, at, kind, session, ext_type, name, invitor_kind, invitor_id. */
export function eventParams(
  corpid: string,
  livingPk: number,
  e: IngestEvent,
): [string, string, number, number, string, number, string, string, number | null, string | null, number | null, string | null] {
  const v = e.viewer;
  const member = 'userid' in v;
  const { kind, viewerId } = viewerOf(e);
  const invitor = e.kind === 'enter' ? e.invitor : undefined;
  return [
    corpid,
    e.id,
    livingPk,
    kind,
    viewerId,
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
