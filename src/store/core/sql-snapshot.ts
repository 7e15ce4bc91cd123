import { SOURCE_DECLARED, SUITE_COLUMNS, SUITE_TOKEN_COLUMNS, TOKEN_COLUMNS, VIEWER_COLUMNS } from '../sql/columns.js';
import { type SuiteRow, type SuiteTokenRow, toSuite, toSuiteToken } from '../sql/living-rows.js';
import { type TokenRow, type ViewerRow, toToken, toViewer } from '../sql/rows.js';
import type { Sql } from '../sql/sql.js';
import type { CorpSnapshotRows, LivingSnapshotRows, LivingState, SnapshotStore, SuiteSnapshotRows } from '../snapshot-rows.js';
import type { SyntheticSpec } from '../store.js';

interface LivingStateRow {
  pk: number;
  livingid: string;
  remind_time: number | null;
  cancelled_at: number | null;
  replay_deleted_at: number | null;
  on_air_at: number | null;
  off_air_at: number | null;
  synthetic_spec: string | null;
}

const TOKENS = `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE corpid = ? ORDER BY agentid, hash`;
const INGEST_KEYS = 'SELECT hash FROM ingest_keys WHERE corpid = ? ORDER BY hash';
const LIVING_STATES = 'SELECT pk, livingid, remind_time, cancelled_at, replay_deleted_at, on_air_at, off_air_at, synthetic_spec FROM livings WHERE corpid = ? ORDER BY livingid';
const DECLARED = `SELECT living_pk, ${VIEWER_COLUMNS} FROM viewer_stats WHERE living_pk IN (SELECT pk FROM livings WHERE corpid = ?) AND source = ${SOURCE_DECLARED} ORDER BY living_pk, kind, viewer_id`;
const RESTORE_STATE = `UPDATE livings SET remind_time = ?, cancelled_at = ?, replay_deleted_at = ?, on_air_at = ?, off_air_at = ?
  WHERE corpid = ? AND livingid = ? AND (remind_time IS DISTINCT FROM ? OR cancelled_at IS DISTINCT FROM ? OR replay_deleted_at IS DISTINCT FROM ?
    OR on_air_at IS DISTINCT FROM ? OR off_air_at IS DISTINCT FROM ?)`;

function stateOf(r: LivingStateRow): LivingState {
  const s: LivingState = {};
  if (r.remind_time !== null) s.remindTime = r.remind_time;
  if (r.cancelled_at !== null) s.cancelledAtMs = r.cancelled_at;
  if (r.replay_deleted_at !== null) s.replayDeletedAtMs = r.replay_deleted_at;
  if (r.on_air_at !== null) s.onAirAtMs = r.on_air_at;
  if (r.off_air_at !== null) s.offAirAtMs = r.off_air_at;
  return s;
}

/** livings.synthetic_spec as written by setSyntheticViewers: [members, external, seed, durationSeconds]. */
function specOf(text: string | null): SyntheticSpec | undefined {
  if (text === null) return undefined;
  const [members, external, seed, durationSeconds] = JSON.parse(text) as number[];
  return { members: members!, external: external!, seed: seed!, durationSeconds: durationSeconds! };
}

/** The world as stored, read back for a snapshot; the same SQL on both backends. */
export class SqlSnapshot implements SnapshotStore {
  constructor(private readonly sql: Sql) {}

  async corpSnapshot(corpid: string): Promise<CorpSnapshotRows> {
    const tokens = (await this.sql.all<TokenRow>(TOKENS, [corpid])).map(toToken);
    const ingestKeyHashes = (await this.sql.all<{ hash: Buffer }>(INGEST_KEYS, [corpid])).map((r) => r.hash);
    const declared = new Map<number, ViewerRow[]>();
    for (const row of await this.sql.all<ViewerRow & { living_pk: number }>(DECLARED, [corpid])) {
      const list = declared.get(row.living_pk) ?? [];
      list.push(row);
      declared.set(row.living_pk, list);
    }
    const livings = (await this.sql.all<LivingStateRow>(LIVING_STATES, [corpid])).map((r) => {
      const out: LivingSnapshotRows = { livingid: r.livingid, state: stateOf(r), declared: (declared.get(r.pk) ?? []).map(toViewer) };
      const spec = specOf(r.synthetic_spec);
      if (spec) out.synthetic = spec;
      return out;
    });
    return { tokens, ingestKeyHashes, livings };
  }

  async suiteSnapshot(): Promise<SuiteSnapshotRows> {
    const suites = (await this.sql.all<SuiteRow>(`SELECT ${SUITE_COLUMNS} FROM suites ORDER BY suite_id`)).map(toSuite);
    const tokens = (await this.sql.all<SuiteTokenRow>(`SELECT ${SUITE_TOKEN_COLUMNS} FROM suite_tokens ORDER BY suite_id, hash`)).map(toSuiteToken);
    return { suites, tokens };
  }

  async restoreLivingState(corpid: string, livingid: string, s: LivingState): Promise<boolean> {
    const values = [s.remindTime ?? null, s.cancelledAtMs ?? null, s.replayDeletedAtMs ?? null, s.onAirAtMs ?? null, s.offAirAtMs ?? null];
    return (await this.sql.run(RESTORE_STATE, [...values, corpid, livingid, ...values])) > 0;
  }

  async replaceServerSecret(key: Buffer): Promise<boolean> {
    const current = await this.sql.get<{ value: Buffer }>('SELECT value FROM meta WHERE key = ?', ['cursor_secret']);
    if (current && Buffer.compare(current.value, key) === 0) return false;
    await this.sql.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', ['cursor_secret', key]);
    return true;
  }
}
