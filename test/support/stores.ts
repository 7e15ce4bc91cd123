import { join } from 'node:path';
import { openStore, type StoreLocation } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { CLUSTER_URL_ENV, createTestDatabase } from './postgres.js';
import { tempDir } from './temp-dir.js';

/** One fresh, empty database of a backend, for one test server (or one test). */
export interface TestDatabase {
  location: StoreLocation;
  /** Opens it, migrated, through the public opener: again after a restart, or for a second server. */
  open(): Promise<Store>;
  /** The `livestat serve` flags that point the real command at it. */
  cliArgs: string[];
  remove(): Promise<void>;
}

/** A store backend the HTTP suites run against. */
export interface StoreBackend {
  readonly name: string;
  create(): Promise<TestDatabase>;
}

function database(location: StoreLocation, cliArgs: string[], remove: () => Promise<void>): TestDatabase {
  return { location, cliArgs, remove, open: () => openStore(location) };
}

/** A SQLite file in its own temp dir. */
export const SQLITE: StoreBackend = {
  name: 'SQLite',
  async create() {
    const { dir, remove } = await tempDir('livestat-db-');
    const db = join(dir, 'livestat.db');
    return database({ db }, ['--db', db], remove);
  },
};

/**
 * A database of its own on the run's one PostgreSQL cluster (test/support/postgres-global-setup.ts),
 * dropped afterwards: test files running in parallel never share one.
 */
const POSTGRES: StoreBackend = {
  name: 'PostgreSQL',
  async create() {
    const created = await createTestDatabase();
    if (!created) throw new Error(`no PostgreSQL cluster for this run (${CLUSTER_URL_ENV} is unset)`);
    return database({ databaseUrl: created.url }, ['--database-url', created.url], created.drop);
  },
};

/**
 * Every backend that runs here, for `for (const backend of STORES) describe(backend.name, ...)`.
 * PostgreSQL is in it when globalSetup started a cluster (it prints why when it could not, and
 * fails the run under LIVESTAT_REQUIRE_POSTGRES=1). A new backend is one more line.
 */
export const STORES: readonly StoreBackend[] = [SQLITE, ...(process.env[CLUSTER_URL_ENV] ? [POSTGRES] : [])];

/**
 * The suites that run on SQLite alone, and why: each looks at SQLite's own files, which no other
 * backend has. Listed here so the exceptions are seen in one place.
 */
export const SQLITE_ONLY = {
  'events-crash': 'it SIGKILLs the server on the n-th write to the SQLite WAL and runs integrity_check on the file',
  secrets: 'it greps the SQLite database and WAL files for plaintext secrets',
  'scenario-files': 'it compares SQLite files row by row and greps them for plaintext secrets',
} as const;

/** The backends of a SQLite-only suite ([SQLITE]), saying once why the others are left out. */
export function sqliteOnly(suite: keyof typeof SQLITE_ONLY): readonly StoreBackend[] {
  const others = STORES.filter((s) => s !== SQLITE);
  if (others.length > 0) console.log(`${suite}: runs on SQLite only, not on ${others.map((s) => s.name).join(', ')}: ${SQLITE_ONLY[suite]}`);
  return [SQLITE];
}
