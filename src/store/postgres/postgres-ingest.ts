import type pg from 'pg';
import type { Living } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { type EventRow, eventParams, toViewerEvent } from '../sql-events.js';
import { type LivingRow, toLiving } from '../sql-rows.js';
import type { ViewerFoldInput } from '../../domain/activity/fold-viewer.js';
import type { IngestOutcome, ViewerFold } from '../store.js';
import { inTransaction } from './postgres-pool.js';
import { eventArrays, eventUnnest, EVENT_COLUMNS, viewerArrays, viewerUnnest, VIEWER_COLUMNS } from './postgres-rows.js';
import { LIVING_COLUMNS, SOURCE_EVENTS, VIEWER_UPDATE } from './postgres-sql.js';

interface Touched {
  living: LivingRow;
  kind: number;
  id: string;
  added: IngestEvent[];
}

const byId = (a: { event: IngestEvent }, b: { event: IngestEvent }) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);

/**
 * PostgresStore.ingestEvents: one transaction. Events go in with ON CONFLICT DO NOTHING
 * (what comes back is what was new); then each touched viewer is locked with a transaction
 * advisory lock BEFORE their events are read. Under READ COMMITTED the read after the lock
 * sees every event committed by whoever held it, so two processes ingesting the same
 * viewer at once cannot both fold a partial history and lose one.
 */
export async function ingestPostgres(pool: pg.Pool, corpid: string, events: readonly IngestEvent[], fold: ViewerFold): Promise<IngestOutcome[]> {
  return inTransaction(pool, async (client) => {
    const livingids = [...new Set(events.map((e) => e.livingid))];
    const found = await client.query<LivingRow>(`SELECT ${LIVING_COLUMNS} FROM livings WHERE livingid = ANY($1::text[])`, [livingids]);
    const livings = new Map(found.rows.filter((r) => r.corpid === corpid).map((r) => [r.livingid, r]));

    // The first occurrence of an id in the batch is the one that may be accepted, as in SQLite.
    const firstIndex = new Map<string, number>();
    const fresh: Array<{ livingPk: number; event: IngestEvent }> = [];
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
      const res = await client.query<{ id: string }>(
        `INSERT INTO events (${EVENT_COLUMNS}) SELECT * FROM ${eventUnnest(1)} ON CONFLICT (corpid, id) DO NOTHING RETURNING id`,
        eventArrays(corpid, fresh),
      );
      for (const r of res.rows) inserted.add(r.id);
    }

    const touched = new Map<string, Touched>();
    const outcomes = events.map((event, i): IngestOutcome => {
      const living = livings.get(event.livingid);
      if (!living) return 'unknown_living';
      if (firstIndex.get(event.id) !== i || !inserted.has(event.id)) return 'duplicate';
      const params = eventParams(corpid, living.pk, event);
      const [kind, id] = [params[3], params[4]];
      const key = `${living.pk}:${kind}:${id}`;
      const entry = touched.get(key);
      if (entry) entry.added.push(event);
      else touched.set(key, { living, kind, id, added: [event] });
      return 'accepted';
    });
    if (touched.size > 0) await refold(client, [...touched.values()], fold);
    return outcomes;
  });
}

async function refold(client: pg.PoolClient, touched: readonly Touched[], fold: ViewerFold): Promise<void> {
  const pks = touched.map((t) => t.living.pk);
  const kinds = touched.map((t) => t.kind);
  const ids = touched.map((t) => t.id);
  // Locks in one global order (by key), so two transactions never wait on each other in a cycle.
  await client.query(
    `SELECT pg_advisory_xact_lock(p, h) FROM (
       SELECT DISTINCT p, hashtext(k::text || ':' || v) AS h FROM unnest($1::int[], $2::int[], $3::text[]) AS t(p, k, v) ORDER BY p, h
     ) AS keys`,
    [pks, kinds, ids],
  );
  const keyOf = (p: number, k: number, v: string) => `${p}:${k}:${v}`;
  const priorRes = await client.query<{ p: number; k: number; v: string; fold_state: string | null }>(
    `SELECT t.p, t.k, t.v, s.fold_state FROM unnest($1::int[], $2::int[], $3::text[]) AS t(p, k, v)
     LEFT JOIN viewer_stats s ON s.living_pk = t.p AND s.kind = t.k AND s.viewer_id = t.v`,
    [pks, kinds, ids],
  );
  const priors = new Map(priorRes.rows.map((r) => [keyOf(r.p, r.k, r.v), r.fold_state ?? undefined]));
  // Only viewers whose new events cannot go on top of their stored fold are read in full.
  const full = touched.filter((t) => fold.needsAll(priors.get(keyOf(t.living.pk, t.kind, t.id)), t.added));
  const byViewer = new Map<string, EventRow[]>();
  if (full.length > 0) {
    const res = await client.query<EventRow & { living_pk: number }>(
      `SELECT e.living_pk, e.id, e.at, e.kind, e.session, e.viewer_kind, e.viewer_id, e.ext_type, e.name, e.invitor_kind, e.invitor_id
       FROM unnest($1::int[], $2::int[], $3::text[]) AS t(p, k, v)
       JOIN events e ON e.living_pk = t.p AND e.viewer_kind = t.k AND e.viewer_id = t.v
       ORDER BY e.id`,
      [full.map((t) => t.living.pk), full.map((t) => t.kind), full.map((t) => t.id)],
    );
    for (const r of res.rows) {
      const key = keyOf(r.living_pk, r.viewer_kind, r.viewer_id);
      const list = byViewer.get(key);
      if (list) list.push(r);
      else byViewer.set(key, [r]);
    }
  }
  const livings = new Map<number, Living>();
  const folded = touched.map((t) => {
    let living = livings.get(t.living.pk);
    if (!living) livings.set(t.living.pk, (living = toLiving(t.living)));
    const key = keyOf(t.living.pk, t.kind, t.id);
    const prior = priors.get(key);
    const input: ViewerFoldInput = { living, prior, added: t.added };
    const all = byViewer.get(key);
    if (all) input.all = all.map(toViewerEvent);
    return fold.fold(input);
  });
  const stats = folded.map((f) => f.stat);
  const states = folded.map((f) => f.state);
  await client.query(
    `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source, fold_state)
     SELECT t.living_pk, ${VIEWER_COLUMNS}, ${SOURCE_EVENTS}, t.fold_state FROM ${viewerUnnest(1, true, [['fold_state', 'text[]']])}
     ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE}, fold_state = excluded.fold_state`,
    [pks, ...viewerArrays(stats), states],
  );
}
