import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import Database from 'better-sqlite3';

/** The database is open in another process (a running `livestat serve`), so it is not replaced. */
class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/** The file is not a livestat SQLite database (or is damaged). */
class NotALivestatDatabaseError extends Error {
  override name = 'NotALivestatDatabaseError';
}

/** Pages copied per step: all of them, so the copy is one snapshot and never restarts because the server wrote. */
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a live database, through SQLite's online backup API: it reads one
 * snapshot while the server keeps serving and writing (WAL readers do not block writers).
 * `target` must not exist yet.
 */
export async function backupSqlite(source: string, target: string): Promise<{ pages: number }> {
  if (existsSync(target)) throw new Error(`${target} already exists: choose a new file`);
  const db = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    const { totalPages } = await db.backup(target, { progress: () => ALL_PAGES });
    return { pages: totalPages };
  } finally {
    db.close();
  }
}

/** Checks that `file` is a whole livestat database: SQLite's quick_check and livestat's meta table. */
function checkBackup(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new NotALivestatDatabaseError(`${file} is damaged: ${String(check)}`);
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()) throw new NotALivestatDatabaseError(`${file} is not a livestat database`);
  } catch (e) {
    if (e instanceof NotALivestatDatabaseError) throw e;
    throw new NotALivestatDatabaseError(`${file} is not a livestat database: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Proves nobody has `path` open, and leaves it without a WAL. Every open connection holds a
 * shared lock for as long as it is open, even idle; an exclusive lock taken with no wait
 * therefore fails exactly while another process (a server) has the file open.
 */
function releaseIdle(path: string): void {
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(`${path} is in use by another process (is livestat serve running on it?): stop it first`);
      throw e;
    }
    // Folds any WAL into the file, so that no WAL of the old database is left to replay.
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with the backup `file`: the copy is made next to the target
 * first, then the target is checked to be unused and the copy renamed over it, so a refused
 * or failed restore leaves the target as it was.
 */
export async function restoreSqlite(file: string, target: string): Promise<{ pages: number }> {
  checkBackup(file);
  const temp = `${target}.restoring-${process.pid}`;
  await rm(temp, { force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  let pages: number;
  try {
    ({ totalPages: pages } = await source.backup(temp, { progress: () => ALL_PAGES }));
  } finally {
    source.close();
  }
  try {
    if (existsSync(target)) releaseIdle(target);
    await rename(temp, target);
    await Promise.all([rm(`${target}-wal`, { force: true }), rm(`${target}-shm`, { force: true })]);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return { pages };
}
