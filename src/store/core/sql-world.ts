import type { Sql } from '../sql/sql.js';
import type { Changed } from '../store.js';

/**
 * Removing parts of the world, the same SQL on both backends. The schema's foreign keys cascade
 * (apps → tokens and suite authorizations; lives → viewer rows and events; corps → apps, lives
 * and ingest keys), so one DELETE per thing removed takes everything that hangs off it in the
 * same statement. SQLite's read cache drops on any statement run (sqlite-write-epoch.ts), so it
 * never serves what was removed.
 */
export class SqlWorld {
  constructor(private readonly sql: Sql) {}

  async deleteCorp(corpid: string): Promise<Changed> {
    return this.sql.transaction(async (tx) => {
      // Not every corp-keyed row has a foreign key to corps (tokens go through apps; the
      // suite authorizations through apps): delete them by corpid first, for clarity and to
      // keep a bulk cascade from doing the row-by-row work.
      await tx.run('DELETE FROM tokens WHERE corpid = ?', [corpid]);
      await tx.run('DELETE FROM suite_authorizations WHERE corpid = ?', [corpid]);
      await tx.run('DELETE FROM events WHERE corpid = ?', [corpid]);
      return (await tx.run('DELETE FROM corps WHERE corpid = ?', [corpid])) > 0;
    });
  }

  async deleteApp(corpid: string, agentid: number): Promise<Changed> {
    return (await this.sql.run('DELETE FROM apps WHERE corpid = ? AND agentid = ?', [corpid, agentid])) > 0;
  }

  async deleteLiving(corpid: string, livingid: string): Promise<Changed> {
    return (await this.sql.run('DELETE FROM livings WHERE corpid = ? AND livingid = ?', [corpid, livingid])) > 0;
  }

  /** Every token of the corp's apps (a corp reset: the scenario's own tokens are saved again). */
  async deleteCorpTokens(corpid: string): Promise<number> {
    return this.sql.run('DELETE FROM tokens WHERE corpid = ?', [corpid]);
  }

  async deleteIngestKeys(corpid: string): Promise<number> {
    return this.sql.run('DELETE FROM ingest_keys WHERE corpid = ?', [corpid]);
  }

  async listAgentids(corpid: string): Promise<number[]> {
    return (await this.sql.all<{ agentid: number }>('SELECT agentid FROM apps WHERE corpid = ? ORDER BY agentid', [corpid])).map((r) => r.agentid);
  }

  async countEvents(corpid: string, livingid: string): Promise<number> {
    // The anchor's events count too: a reset must notice a live that went on air.
    const row = await this.sql.get<{ n: number | string }>(
      `SELECT (SELECT count(*) FROM events e WHERE e.living_pk = l.pk) + (SELECT count(*) FROM anchor_events a WHERE a.living_pk = l.pk) AS n
        FROM livings l WHERE l.corpid = ? AND l.livingid = ?`,
      [corpid, livingid],
    );
    return Number(row?.n ?? 0);
  }

  /** Every corp and suite; the server secret (meta) stays, so next_keys keep their key. */
  async deleteEverything(): Promise<Changed> {
    return this.sql.transaction(async (tx) => {
      let changes = await tx.run('DELETE FROM suites');
      changes += await tx.run('DELETE FROM corps');
      return changes > 0;
    });
  }
}
