import type pg from 'pg';
import type { ViewerKey } from '../../domain/cursor.js';
import type { OpenWatch, ViewerStat } from '../../domain/model.js';
import { type ViewerRow, compareViewers, normalizeViewer, toViewer } from '../sql-rows.js';
import type { SyntheticSpec, WireRow } from '../store.js';
import { inTransaction } from './postgres-pool.js';
import { viewerArrays, viewerUnnest, VIEWER_COLUMNS } from './postgres-rows.js';
import { SOURCE_DECLARED, SOURCE_SYNTHETIC, VIEWER_UPDATE } from './postgres-sql.js';

/** Rows per INSERT when loading generated viewers: big enough to amortize the round trip. */
const BATCH = 5000;

/** Declared and generated rows never replace a row of another source (events win). */
const INSERT_VIEWERS = (source: number) =>
  `INSERT INTO viewer_stats (living_pk, ${VIEWER_COLUMNS}, source) SELECT $1::int, t.*, ${source} FROM ${viewerUnnest(2)}
   ON CONFLICT (living_pk, kind, viewer_id) DO UPDATE SET ${VIEWER_UPDATE} WHERE viewer_stats.source = excluded.source`;

async function insertViewers(client: pg.PoolClient, pk: number, source: number, viewers: readonly ViewerStat[]): Promise<void> {
  if (viewers.length > 0) await client.query(INSERT_VIEWERS(source), [pk, ...viewerArrays(viewers)]);
}

/**
 * Makes the live's declared viewers exactly `viewers`. The live's row is locked first, so
 * two processes loading the same scenario at once take turns and the second changes nothing.
 */
export async function setDeclared(pool: pg.Pool, pk: number, viewers: readonly ViewerStat[]): Promise<boolean> {
  const wanted = [...viewers].sort(compareViewers);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT 1 FROM livings WHERE pk = $1 FOR UPDATE', [pk]);
    const current = await client.query<ViewerRow>(
      `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = $1 AND source = ${SOURCE_DECLARED} ORDER BY kind, viewer_id`,
      [pk],
    );
    if (JSON.stringify(current.rows.map(toViewer)) === JSON.stringify(wanted.map(normalizeViewer))) return false;
    await client.query('DELETE FROM viewer_stats WHERE living_pk = $1 AND source = $2', [pk, SOURCE_DECLARED]);
    await insertViewers(client, pk, SOURCE_DECLARED, wanted);
    return true;
  });
}

/** Makes the live's generated viewers match `spec`, in batches of multi-row INSERTs; same locking as setDeclared. */
export async function setSynthetic(pool: pg.Pool, pk: number, spec: SyntheticSpec, rows: () => Iterable<ViewerStat>): Promise<boolean> {
  const specText = spec.members + spec.external > 0 ? JSON.stringify([spec.members, spec.external, spec.seed, spec.durationSeconds]) : null;
  return inTransaction(pool, async (client) => {
    const current = await client.query<{ synthetic_spec: string | null }>('SELECT synthetic_spec FROM livings WHERE pk = $1 FOR UPDATE', [pk]);
    if ((current.rows[0]?.synthetic_spec ?? null) === specText) return false;
    await client.query('DELETE FROM viewer_stats WHERE living_pk = $1 AND source = $2', [pk, SOURCE_SYNTHETIC]);
    if (specText !== null) {
      let batch: ViewerStat[] = [];
      for (const v of rows()) {
        batch.push(v);
        if (batch.length === BATCH) {
          await insertViewers(client, pk, SOURCE_SYNTHETIC, batch);
          batch = [];
        }
      }
      await insertViewers(client, pk, SOURCE_SYNTHETIC, batch);
    }
    await client.query('UPDATE livings SET synthetic_spec = $1 WHERE pk = $2', [specText, pk]);
    return true;
  });
}

/**
 * One page by keyset: the row-value comparison walks the primary key (living_pk, kind,
 * viewer_id), so page 10,000 costs what page 1 does. viewer_id is COLLATE "C": byte order.
 */
export async function pageRows(pool: pg.Pool, pk: number, after: ViewerKey | undefined, limit: number): Promise<ViewerStat[]> {
  const res = after
    ? await pool.query<ViewerRow>(
        `SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = $1 AND (kind, viewer_id) > ($2, $3) ORDER BY kind, viewer_id LIMIT $4`,
        [pk, after.kind, after.id, limit],
      )
    : await pool.query<ViewerRow>(`SELECT ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk = $1 ORDER BY kind, viewer_id LIMIT $2`, [pk, limit]);
  return res.rows.map(toViewer);
}

/** One page as the stored wire entries (same keyset as pageRows). */
export async function pageWireRows(pool: pg.Pool, pk: number, after: ViewerKey | undefined, limit: number): Promise<WireRow[]> {
  const columns = 'kind, viewer_id, wire_json, open_watch';
  const res = after
    ? await pool.query<{ kind: number; viewer_id: string; wire_json: string; open_watch: string | null }>({
        // Named: prepared once per connection, not parsed and planned on every page.
        name: 'livestat_next_wire_page',
        text: `SELECT ${columns} FROM viewer_stats WHERE living_pk = $1 AND (kind, viewer_id) > ($2, $3) ORDER BY kind, viewer_id LIMIT $4`,
        values: [pk, after.kind, after.id, limit],
      })
    : await pool.query<{ kind: number; viewer_id: string; wire_json: string; open_watch: string | null }>({
        name: 'livestat_first_wire_page',
        text: `SELECT ${columns} FROM viewer_stats WHERE living_pk = $1 ORDER BY kind, viewer_id LIMIT $2`,
        values: [pk, limit],
      });
  return res.rows.map((r) => {
    const row: WireRow = { kind: r.kind === 1 ? 1 : 0, id: r.viewer_id, json: r.wire_json };
    if (r.open_watch !== null) row.openWatch = JSON.parse(r.open_watch) as OpenWatch;
    return row;
  });
}
