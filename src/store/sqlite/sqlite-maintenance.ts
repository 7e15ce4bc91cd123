import Database from 'better-sqlite3';

/**
 * The WAL file is cut back to this size whenever a checkpoint resets it. Without a limit a
 * WAL that once held a bulk load (a scenario with a million generated viewers is one
 * transaction) keeps that size on disk forever.
 */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * SQLite's page cache while serving, in KiB (negative: a size, not a page count): 32 MiB, where
 * the default is 2. A pull of a big live reads stored pages far larger than any cache, so
 * more would only be resident memory; bulk loads raise it while they run (sqlite-viewers.ts).
 */
export const SERVING_CACHE = -32_768;

/** The per-connection pragmas that keep the WAL small; set on every connection that writes. */
export function limitJournal(db: Database.Database): void {
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
}

/** What a TRUNCATE checkpoint did, as SQLite reports it. */
export interface CheckpointResult {
  /** True when a reader or writer kept the checkpoint from finishing (the WAL was not truncated). */
  busy: boolean;
  /** Frames in the WAL before, and how many were copied into the database. */
  walFrames: number;
  checkpointed: number;
}

/**
 * Copies the whole WAL into the database and truncates it to zero bytes, on a connection of its
 * own so that it needs no handle on the store. Run once a bulk load has committed (serve does,
 * after loading its scenarios); waits up to 5 s for a writer in progress.
 */
export function checkpointTruncate(path: string): CheckpointResult {
  const db = new Database(path, { fileMustExist: true, timeout: 5000 });
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return { busy: (row?.busy ?? 0) !== 0, walFrames: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
  } finally {
    db.close();
  }
}
