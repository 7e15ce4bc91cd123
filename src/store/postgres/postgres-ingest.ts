import type { Living } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { type FoldSlot, FoldSlots, foldSlot, foldSlotId } from '../core/fold-slots.js';
import { EVENT_COLUMNS, LIVING_COLUMNS, SOURCE_EVENTS, VIEWER_COLUMNS, VIEWER_UPDATE } from '../sql/columns.js';
import { type EventRow, toViewerEvent } from '../sql/events.js';
import type { LivingRow } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';
import type { IngestOutcome, ViewerFold } from '../store.js';
import { eventArrays, eventUnnest, viewerArrays, viewerUnnest } from './postgres-rows.js';

const byId = (a: { event: IngestEvent }, b: { event: IngestEvent }) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);

const SLOTS = 'unnest($1::int[], $2::int[], $3::text[]) AS t(p, k, v)';
// Locks in one global order (by slot), so two transactions never wait on each other in a cycle.
const LOCK_SLOTS = `SELECT pg_advisory_xact_lock(p, h) FROM (
  SELECT DISTINCT p, hashtext(k::text || ':' || v) AS h FROM ${SLOTS} ORDER BY p, h
) AS keys`;
const PRIOR_STATES = `SELECT t.p, t.k, t.v, s.fold_state FROM ${SLOTS}
  LEFT JOIN viewer_stats s ON s.living_pk = t.p AND s.kind = t.k AND s.viewer_id = t.v`;
const SLOT_EVENTS = `SELECT e.living_pk, e.id, e.at, e.kind, e.session, e.viewer_kind, e.viewer_id, e.ext_type, e.name, e.invitor_kind, e.invitor_id
  FROM ${SLOTS} JOIN events e ON e.living_pk = t.p AND e.viewer_kind = t.k AND e.viewer_id = t.v ORDER BY e.id`;
const UPSERT_FOLDED = `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source, fold_state)
  SELECT t.living_pk, ${VIEWER_COLUMNS}, ${SOURCE_EVENTS}, t.fold_state FROM ${viewerUnnest(1, true, [['fold_state', 'text[]']])}
  ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE}, fold_state = excluded.fold_state`;

/** The slots as the three parallel arrays SLOTS unnests. */
const slotArrays = (slots: readonly FoldSlot[]) => [slots.map((s) => s.living.pk), slots.map((s) => s.kind), slots.map((s) => s.viewerId)];

/**
 * PostgresViewers.ingestEvents: one transaction. Events go in with ON CONFLICT DO NOTHING
 * (what comes back is what was new); then each touched fold slot is locked with a
 * transaction advisory lock BEFORE its events are read. Under READ COMMITTED the read after
 * the lock sees every event committed by whoever held it, so two processes ingesting the
 * same viewer at once cannot both fold a partial history and lose one.
 */
export async function ingestPostgres(sql: Sql, corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
  return sql.transaction(async (tx) => {
    const livingids = [...new Set(events.map((e) => e.livingid))];
    // FOR SHARE: batches still run side by side, but a load joining a live's pages (which holds
    // the live for update) is never in the middle of one, so its pages cannot miss these rows.
    const found = await tx.all<LivingRow>(`SELECT ${LIVING_COLUMNS} FROM livings WHERE livingid = ANY($1::text[]) FOR SHARE`, [livingids]);
    const livings = new Map(found.filter((r) => r.corpid === corpid).map((r) => [r.livingid, r]));

    // The first occurrence of an id in the batch is the one that may be accepted, as in SQLite.
    const firstIndex = new Map<string, number>();
    const fresh: { livingPk: number; event: IngestEvent }[] = [];
    events.forEach((event, i) => {
      const living = livings.get(event.livingid);
      if (!living || firstIndex.has(event.id)) return;
      firstIndex.set(event.id, i);
      fresh.push({ livingPk: living.pk, event });
    });
    // One insertion order for every process, so two batches sharing ids wait on each other
    // instead of deadlocking.
    fresh.sort(byId);
    const inserted = new Set<string>();
    if (fresh.length > 0) {
      const rows = await tx.all<{ id: string }>(
        `INSERT INTO events (${EVENT_COLUMNS}) SELECT * FROM ${eventUnnest(1)} ON CONFLICT (corpid, id) DO NOTHING RETURNING id`,
        eventArrays(corpid, fresh),
      );
      for (const r of rows) inserted.add(r.id);
    }

    const slots = new FoldSlots();
    const outcomes = events.map((event, i): IngestOutcome => {
      const living = livings.get(event.livingid);
      if (!living) return 'unknown_living';
      if (firstIndex.get(event.id) !== i || !inserted.has(event.id)) return 'duplicate';
      slots.add(living, event);
      return 'accepted';
    });
    if (slots.size > 0) await refold(tx, slots.values(), fold);
    return outcomes;
  });
}

async function refold(tx: Sql, slots: readonly FoldSlot[], fold: ViewerFold): Promise<void> {
  await tx.all(LOCK_SLOTS, slotArrays(slots));
  const priorRows = await tx.all<{ p: number; k: number; v: string; fold_state: string | null }>(PRIOR_STATES, slotArrays(slots));
  const priors = new Map(priorRows.map((r) => [foldSlotId(r.p, r.k, r.v), r.fold_state ?? undefined]));
  const priorOf = (s: FoldSlot) => priors.get(foldSlotId(s.living.pk, s.kind, s.viewerId));
  // Only viewers whose new events cannot go on top of their stored fold are read in full.
  const full = slots.filter((s) => fold.needsAll(priorOf(s), s.added));
  const bySlot = new Map<string, EventRow[]>();
  if (full.length > 0) {
    for (const r of await tx.all<EventRow & { living_pk: number }>(SLOT_EVENTS, slotArrays(full))) {
      const id = foldSlotId(r.living_pk, r.viewer_kind, r.viewer_id);
      const list = bySlot.get(id);
      if (list) list.push(r);
      else bySlot.set(id, [r]);
    }
  }
  await tx.run(`DELETE FROM stored_pages WHERE living_pk = ANY($1::int[])`, [[...new Set(slots.map((s) => s.living.pk))]]);
  const livings = new Map<number, Living>();
  const folded = slots.map((s) => foldSlot(fold, s, priorOf(s), () => bySlot.get(foldSlotId(s.living.pk, s.kind, s.viewerId))?.map(toViewerEvent), livings));
  await tx.run(UPSERT_FOLDED, [slots.map((s) => s.living.pk), ...viewerArrays(folded.map((f) => f.stat)), folded.map((f) => f.state)]);
}
