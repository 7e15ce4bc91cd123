import type { Sql } from '../sql/sql.js';
import type { PruneCounts, PruneResult, RetentionStore } from '../store.js';
import { PURGE_TOKENS } from './sql-tokens.js';

/** Unix ms when a live ended: its cancellation when that came first, else its scheduled end. */
const SCHEDULED_END = '(living_start + living_duration) * 1000';
const END_MS = `CASE WHEN cancelled_at IS NOT NULL AND cancelled_at < ${SCHEDULED_END} THEN cancelled_at ELSE ${SCHEDULED_END} END`;
const DELETE_EVENTS = 'DELETE FROM events WHERE living_pk = ?';
const DELETE_VIEWERS = 'DELETE FROM viewer_stats WHERE living_pk = ?';
const DELETE_LIVING = 'DELETE FROM livings WHERE pk = ?';
const PURGE_SUITE_TOKENS = 'DELETE FROM suite_tokens WHERE expires_at < ?';

/** Thrown out of a dry run's transaction so that it rolls back; carries what it did. */
class DryRunRollback extends Error {
  constructor(readonly result: PruneResult) {
    super('dry run');
  }
}

/**
 * Retention: drops lives that ended before a cutoff with every row keyed by them, the same SQL
 * on both backends. A dry run runs the very same statements and rolls them back, so the counts
 * it reports are exactly what a real run would remove at that moment.
 */
export class SqlRetention implements RetentionStore {
  private readonly selectEnded: string;

  constructor(private readonly sql: Sql) {
    const { byteOrder, forUpdate } = sql.dialect;
    // "Ended" as living-status.ts means it: cancelled (status 4), or its scheduled end has
    // passed (2 ended, 3 expired). The end must also be past `nowMs`: a future cutoff never
    // takes a live that is still on or still reserved.
    this.selectEnded = `SELECT pk, livingid FROM livings WHERE ${END_MS} < ? AND ${END_MS} <= ? ORDER BY livingid${byteOrder}${forUpdate}`;
  }

  async pruneLivings(endedBeforeMs: number, nowMs: number, dryRun: boolean): Promise<PruneResult> {
    try {
      return await this.sql.transaction(async (tx) => {
        const result = await this.prune(tx, endedBeforeMs, nowMs, dryRun);
        if (dryRun) throw new DryRunRollback(result);
        return result;
      });
    } catch (e) {
      if (e instanceof DryRunRollback) return e.result;
      throw e;
    }
  }

  private async prune(tx: Sql, endedBeforeMs: number, nowMs: number, dryRun: boolean): Promise<PruneResult> {
    const lives = await tx.all<{ pk: number; livingid: string }>(this.selectEnded, [endedBeforeMs, nowMs]);
    const counts: PruneCounts = { lives: 0, viewers: 0, events: 0, tokens: 0, suiteTokens: 0 };
    // Explicit deletes rather than the foreign keys' cascade: each kind's count is reported.
    for (const { pk } of lives) {
      counts.events += await tx.run(DELETE_EVENTS, [pk]);
      counts.viewers += await tx.run(DELETE_VIEWERS, [pk]);
      counts.lives += await tx.run(DELETE_LIVING, [pk]);
    }
    // Tokens belong to apps, not lives: what goes with the lives is every token that had
    // already expired by the cutoff (docs/DECISIONS.md, "Retention").
    const tokenCutoff = Math.min(endedBeforeMs, nowMs);
    counts.tokens = await tx.run(PURGE_TOKENS, [tokenCutoff]);
    counts.suiteTokens = await tx.run(PURGE_SUITE_TOKENS, [tokenCutoff]);
    return { dryRun, counts, livingids: lives.map((l) => l.livingid) };
  }
}
