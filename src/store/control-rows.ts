/** The control API's shared row: a JSON document and the epoch every change bumps. */
export interface ControlRow {
  epoch: number;
  state: string;
}

/** One journal record as stored: its seq, and the rest of the record as JSON. */
export interface StoredJournalRecord {
  seq: number;
  record: string;
}

/** Which journal: calls to the WeCom endpoints, or deliveries livestat sends. */
export type JournalName = 'requests' | 'outbound';

/**
 * The control API's state for every process on one database: the clock settings and faults
 * (one row, with an epoch that each change bumps, so a process knows in one tiny read whether
 * its copy is current) and the journals.
 */
export interface ControlStore {
  /** The epoch alone: what a process compares with its copy's. */
  controlEpoch(): Promise<number>;
  readControl(): Promise<ControlRow>;
  /** Writes the state and bumps the epoch; returns the new epoch. */
  writeControl(state: string): Promise<number>;
  /** Appends records (JSON without seq) with the next seqs, keeps the newest `keep`; returns the seqs. */
  appendJournal(journal: JournalName, records: readonly { corpid: string | undefined; record: string }[], keep: number): Promise<number[]>;
  /** Every record of a journal, oldest first. */
  readJournal(journal: JournalName): Promise<StoredJournalRecord[]>;
  /** Removes a journal's records (only one corp's when given); returns how many. */
  clearJournal(journal: JournalName, corpid?: string): Promise<number>;
}
