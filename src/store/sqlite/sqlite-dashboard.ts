import type { AudienceCounts, InviterStanding } from '../audience-queries.js';
import { AUDIENCE_COUNT_COLUMNS, HAS_INVITER, NO_AUDIENCE, SqlDashboard, inviterColumns } from '../core/sql-dashboard.js';
import type { SqliteLivingLookup } from './sqlite-livings.js';
import type { SqliteSql } from './sqlite-sql.js';

/**
 * Rows per slice of an aggregate. better-sqlite3 is synchronous, so one GROUP BY over a
 * million rows would hold the event loop for half a second; slices of this size hold it for
 * tens of milliseconds each, and other requests run in between.
 */
const SLICE_ROWS = 50_000;
/** Primary-key bounds that lie before and after every row ((kind, id) with kind 0 or 1). */
const BEFORE_ALL = [-1, ''] as const;
const AFTER_ALL = [2, ''] as const;
const IN_SLICE = 'living_pk = ? AND (kind, viewer_id) > (?, ?) AND (kind, viewer_id) <= (?, ?)';
const SLICE_END = 'SELECT kind, viewer_id FROM viewer_stats WHERE living_pk = ? AND (kind, viewer_id) > (?, ?) ORDER BY kind, viewer_id LIMIT 1 OFFSET ?';
const SLICE_COUNTS = `SELECT ${AUDIENCE_COUNT_COLUMNS} FROM viewer_stats WHERE ${IN_SLICE}`;
const SLICE_INVITERS = `SELECT ${inviterColumns('')} FROM viewer_stats WHERE ${IN_SLICE} AND ${HAS_INVITER} GROUP BY 1, 2`;

type SliceParams = [number, number, string, number, string];

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const byStanding = (a: InviterStanding, b: InviterStanding) =>
  b.viewers - a.viewers || b.watchTime - a.watchTime || a.kind - b.kind || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** SqlDashboard whose whole-live aggregates run in primary-key slices, a turn of the event loop apart. */
export class SqliteDashboard extends SqlDashboard {
  constructor(
    private readonly sqlite: SqliteSql,
    lookup: SqliteLivingLookup,
  ) {
    super(sqlite, lookup);
  }

  /** Consecutive primary-key slices of one live's rows. */
  private async *slices(pk: number): AsyncGenerator<SliceParams> {
    let lo: readonly [number, string] = BEFORE_ALL;
    for (;;) {
      const end = await this.sqlite.get<{ kind: number; viewer_id: string }>(SLICE_END, [pk, lo[0], lo[1], SLICE_ROWS - 1]);
      const hi: readonly [number, string] = end ? [end.kind, end.viewer_id] : AFTER_ALL;
      yield [pk, lo[0], lo[1], hi[0], hi[1]];
      if (!end) return;
      lo = hi;
      await yieldToEventLoop();
    }
  }

  protected async counts(pk: number): Promise<AudienceCounts> {
    const sum: AudienceCounts = { ...NO_AUDIENCE };
    for await (const slice of this.slices(pk)) {
      const part = (await this.sqlite.get<AudienceCounts>(SLICE_COUNTS, slice))!;
      for (const k of Object.keys(sum) as (keyof AudienceCounts)[]) sum[k] += part[k];
    }
    return sum;
  }

  protected async inviters(pk: number, limit: number): Promise<InviterStanding[]> {
    const all = new Map<string, InviterStanding>();
    for await (const slice of this.slices(pk)) {
      for (const part of await this.sqlite.all<InviterStanding>(SLICE_INVITERS, slice)) {
        const key = `${part.kind}:${part.id}`;
        const seen = all.get(key);
        if (seen) {
          seen.viewers += part.viewers;
          seen.watchTime += part.watchTime;
        } else all.set(key, part);
      }
    }
    return [...all.values()].sort(byStanding).slice(0, limit);
  }
}
