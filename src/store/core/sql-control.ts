import type { ControlRow, ControlStore, JournalName, StoredJournalRecord } from '../control-rows.js';
import type { Sql } from '../sql/sql.js';

/**
 * The epoch read a WeCom call may need: one indexed row. A query that already runs per call can
 * carry it as a subquery instead of a round trip of its own (then hand the value to
 * ControlSync.observe).
 */
const CONTROL_EPOCH_SQL = 'SELECT epoch FROM control_state WHERE id = 1';

/** The control API's shared state and journals, the same SQL on both backends. */
export class SqlControl implements ControlStore {
  constructor(private readonly sql: Sql) {}

  async controlEpoch(): Promise<number> {
    return Number((await this.sql.get<{ epoch: number | string }>(CONTROL_EPOCH_SQL))?.epoch ?? 0);
  }

  async readControl(): Promise<ControlRow> {
    const row = await this.sql.get<{ epoch: number | string; state: string }>('SELECT epoch, state FROM control_state WHERE id = 1');
    return { epoch: Number(row?.epoch ?? 0), state: row?.state ?? '{}' };
  }

  async writeControl(state: string): Promise<number> {
    return this.sql.transaction(async (tx) => {
      await tx.run('UPDATE control_state SET epoch = epoch + 1, state = ? WHERE id = 1', [state]);
      return Number((await tx.get<{ epoch: number | string }>(CONTROL_EPOCH_SQL))!.epoch);
    });
  }

  async appendJournal(journal: JournalName, records: readonly { corpid: string | undefined; record: string }[], keep: number): Promise<number[]> {
    if (records.length === 0) return [];
    return this.sql.transaction(async (tx) => {
      // The seqs come from the shared row, so every process's records fall in one order.
      await tx.run('UPDATE control_state SET journal_seq = journal_seq + ? WHERE id = 1', [records.length]);
      const last = Number((await tx.get<{ s: number | string }>('SELECT journal_seq AS s FROM control_state WHERE id = 1'))!.s);
      const seqs = records.map((_, i) => last - records.length + 1 + i);
      for (const [i, r] of records.entries()) await tx.run('INSERT INTO control_journal (seq, journal, corpid, record) VALUES (?, ?, ?, ?)', [seqs[i], journal, r.corpid ?? null, r.record]);
      await tx.run('DELETE FROM control_journal WHERE journal = ? AND seq <= (SELECT max(seq) FROM control_journal WHERE journal = ?) - ?', [journal, journal, keep]);
      return seqs;
    });
  }

  async readJournal(journal: JournalName): Promise<StoredJournalRecord[]> {
    const rows = await this.sql.all<{ seq: number | string; record: string }>('SELECT seq, record FROM control_journal WHERE journal = ? ORDER BY seq', [journal]);
    return rows.map((r) => ({ seq: Number(r.seq), record: r.record }));
  }

  async clearJournal(journal: JournalName, corpid?: string): Promise<number> {
    return corpid === undefined
      ? this.sql.run('DELETE FROM control_journal WHERE journal = ?', [journal])
      : this.sql.run('DELETE FROM control_journal WHERE journal = ? AND corpid = ?', [journal, corpid]);
  }
}
