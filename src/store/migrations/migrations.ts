import type { MigrationOutcome } from './migration-outcome.js';

/**
 * The schema's history, one list for both databases: a migration has the same number and
 * name everywhere. Versioned, forward-only; each runs in its own transaction. The numbers are
 * PostgreSQL's from 0.1 (SQLite 0.1 numbered "dashboard" 3 and "living_family" 4: renumber).
 */
export const MIGRATIONS = [
  { version: 1, name: 'core' },
  { version: 2, name: 'activity' },
  { version: 3, name: 'shared rate limits' },
  { version: 4, name: 'dashboard' },
  { version: 5, name: 'living_family' },
  { version: 6, name: 'unlogged_rate_limits' },
  { version: 7, name: 'living_codes_and_air' },
  { version: 8, name: 'suite_trusted_ips' },
  { version: 9, name: 'control_state' },
  { version: 10, name: 'callbacks' },
  { version: 11, name: 'stored_pages' },
] as const;

type MigrationName = (typeof MIGRATIONS)[number]['name'];

/** A backend's DDL for every migration; '' where the backend keeps nothing in tables for it. */
export type MigrationScripts = Readonly<Record<MigrationName, string>>;

/**
 * One thing the runner asks its backend to do. The runner is a generator of these so that it
 * is written once yet runs synchronously on better-sqlite3 (SqliteStore's constructor
 * migrates) and asynchronously on pg; a failed step is thrown back into the runner.
 */
export type MigrationStep =
  | { op: 'exec'; script: string }
  | { op: 'rows'; sql: string; params: unknown[] }
  | { op: 'begin' | 'commit' | 'rollback' };

type Runner = Generator<MigrationStep, MigrationOutcome[], unknown>;

/** `?` placeholders, numbered by the PostgreSQL driver. */
function* rows<T>(sql: string, params: unknown[] = []): Generator<MigrationStep, T[], unknown> {
  return (yield { op: 'rows', sql, params }) as T[];
}

function* inTransaction(body: () => Generator<MigrationStep, void, unknown>): Generator<MigrationStep, void, unknown> {
  yield { op: 'begin' };
  try {
    yield* body();
    yield { op: 'commit' };
  } catch (e) {
    yield { op: 'rollback' };
    throw e;
  }
}

/**
 * A 0.1 database may carry another number for a migration than MIGRATIONS. A migration is
 * known by its name: rows whose number differs get the canonical one, in one transaction
 * (through negative numbers, so the primary key never collides half-way).
 */
function* renumber(): Generator<MigrationStep, void, unknown> {
  const applied = yield* rows<{ version: number; name: string }>('SELECT version, name FROM schema_migrations');
  const wrong = MIGRATIONS.filter((m) => applied.some((r) => r.name === m.name && r.version !== m.version));
  if (wrong.length === 0) return;
  yield* inTransaction(function* () {
    for (const m of wrong) yield* rows('UPDATE schema_migrations SET version = -1 - version WHERE name = ?', [m.name]);
    for (const m of wrong) yield* rows('UPDATE schema_migrations SET version = ? WHERE name = ?', [m.version, m.name]);
  });
}

/**
 * Applies the migrations the database lacks, reporting each one's outcome; stops at the
 * first failure. `versionTable` is the backend's DDL of schema_migrations.
 */
export function* migrationRunner(scripts: MigrationScripts, versionTable: string, nowMs: () => number = Date.now): Runner {
  yield { op: 'exec', script: versionTable };
  yield* renumber();
  const done = new Set((yield* rows<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
  const outcomes: MigrationOutcome[] = [];
  let failed = false;
  for (const m of MIGRATIONS) {
    const base = { version: m.version, name: m.name };
    if (failed) outcomes.push({ ...base, outcome: 'not run' });
    else if (done.has(m.name)) outcomes.push({ ...base, outcome: 'already applied' });
    else {
      try {
        yield* inTransaction(function* () {
          if (scripts[m.name] !== '') yield { op: 'exec', script: scripts[m.name] };
          yield* rows('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, nowMs()]);
        });
        outcomes.push({ ...base, outcome: 'applied' });
      } catch (e) {
        failed = true;
        outcomes.push({ ...base, outcome: 'failed', error: (e as Error).message });
      }
    }
  }
  return outcomes;
}

/** Drives a runner with a synchronous backend. */
export function runSync(runner: Runner, step: (s: MigrationStep) => unknown): MigrationOutcome[] {
  let next = runner.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = step(next.value);
    } catch (e) {
      next = runner.throw(e);
      continue;
    }
    next = runner.next(result);
  }
  return next.value;
}

/** Drives a runner with an asynchronous backend. */
export async function runAsync(runner: Runner, step: (s: MigrationStep) => Promise<unknown>): Promise<MigrationOutcome[]> {
  let next = runner.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await step(next.value);
    } catch (e) {
      next = runner.throw(e);
      continue;
    }
    next = runner.next(result);
  }
  return next.value;
}
