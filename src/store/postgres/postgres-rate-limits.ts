import type { Sql } from '../sql/sql.js';
import { corpLimitPrefix } from '../core/limit-keys.js';
import type { RateLimitStore } from '../store.js';

/**
 * Rate-limit counters and blocks as tables: every process bumps the same rows, so a corp's
 * limit counts its calls to the whole fleet, not to one process.
 */
export class PostgresRateLimits implements RateLimitStore {
  private purgeAt = 0;

  constructor(private readonly sql: Sql) {}

  bumpCounters(counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[]> {
    return this.count([], counters, nowMs) as Promise<number[]>;
  }

  countUnlessBlocked(blockKeys: readonly string[], counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[] | undefined> {
    return this.count(blockKeys, counters, nowMs);
  }

  /**
   * One statement: whether any of `blockKeys` is blocked, and unless so the bumped counters.
   * The sub-statements of a writable CTE share one snapshot, so the check and the count are
   * of the same moment, as two statements in a row would be only inside a transaction.
   */
  private async count(blockKeys: readonly string[], counters: readonly { key: string; expiresAt: number }[], nowMs: number): Promise<number[] | undefined> {
    if (counters.length === 0) return (await this.blockedUntil(blockKeys, nowMs)) === undefined ? [] : undefined;
    await this.purge(nowMs);
    // A key twice in one statement would be "affected twice": bump each distinct key once.
    const distinct = new Map<string, number>();
    for (const c of counters) if (!distinct.has(c.key)) distinct.set(c.key, c.expiresAt);
    const rows = await this.sql.all<{ blocked: boolean; key: string | null; count: number | null }>(
      `WITH blocked AS (SELECT EXISTS (SELECT 1 FROM rate_blocks WHERE key = ANY($4::text[]) AND until_ms > $3) AS yes),
       bumped AS (
         INSERT INTO rate_counters AS c (key, count, expires_at)
         SELECT k, 1, e FROM unnest($1::text[], $2::int8[]) AS t(k, e) WHERE NOT (SELECT yes FROM blocked)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN c.expires_at > $3 THEN c.count + 1 ELSE 1 END,
           expires_at = CASE WHEN c.expires_at > $3 THEN c.expires_at ELSE excluded.expires_at END
         RETURNING key, count)
       SELECT (SELECT yes FROM blocked) AS blocked, bumped.key, bumped.count FROM (SELECT 1) AS one LEFT JOIN bumped ON true`,
      [[...distinct.keys()], [...distinct.values()], nowMs, blockKeys],
    );
    if (rows[0]?.blocked) return undefined;
    const counts = new Map(rows.map((r) => [r.key, r.count]));
    return counters.map((c) => counts.get(c.key) ?? 1);
  }

  async blockedUntil(keys: readonly string[], nowMs: number): Promise<number | undefined> {
    if (keys.length === 0) return undefined;
    const row = await this.sql.get<{ until: number | null }>('SELECT max(until_ms) AS until FROM rate_blocks WHERE key = ANY($1::text[]) AND until_ms > $2', [keys, nowMs]);
    return row?.until ?? undefined;
  }

  async block(key: string, untilMs: number): Promise<void> {
    await this.sql.run(
      `INSERT INTO rate_blocks AS b (key, until_ms) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET until_ms = GREATEST(b.until_ms, excluded.until_ms)`,
      [key, untilMs],
    );
  }

  async forgetLimits(corpid: string | undefined): Promise<void> {
    // A prefix compared with left(), not LIKE: a corpid's own '%' or '_' would be wildcards.
    const prefix = corpid === undefined ? '' : corpLimitPrefix(corpid);
    await this.sql.run('DELETE FROM rate_counters WHERE left(key, $1) = $2', [prefix.length, prefix]);
    await this.sql.run('DELETE FROM rate_blocks WHERE left(key, $1) = $2', [prefix.length, prefix]);
  }

  /** Forgets expired counters and blocks, at most once a minute per process: the tables stay small. */
  private async purge(nowMs: number): Promise<void> {
    if (nowMs < this.purgeAt) return;
    this.purgeAt = nowMs + 60_000;
    await this.sql.run('DELETE FROM rate_counters WHERE expires_at <= $1', [nowMs]);
    await this.sql.run('DELETE FROM rate_blocks WHERE until_ms <= $1', [nowMs]);
  }
}
