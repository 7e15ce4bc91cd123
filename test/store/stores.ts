import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { CLUSTER_URL_ENV, createTestDatabase } from '../support/postgres.js';
import type { StoreOptions, StoreUnderTest } from './store-contract.js';

/** A backend the store suites run against; a new backend is one entry. */
export interface StoreBackend {
  name: string;
  /** Why it cannot run here (the suites print it and skip), or undefined. */
  unavailable(): string | undefined;
  open: (options?: StoreOptions) => Promise<StoreUnderTest>;
}

export const STORES: readonly StoreBackend[] = [
  {
    name: 'sqlite',
    unavailable: () => undefined,
    open: async (options = {}) => ({ store: new SqliteStore({ path: ':memory:', ...options }), cleanup: async () => undefined }),
  },
  {
    name: 'postgres',
    // globalSetup starts the run's cluster, or prints why it could not.
    unavailable: () => (process.env[CLUSTER_URL_ENV] === undefined ? 'no PostgreSQL cluster for this run (see the line globalSetup printed)' : undefined),
    open: async (options = {}) => {
      const db = (await createTestDatabase())!;
      return { store: await PostgresStore.open(db.url, { max: 4, ...options }), cleanup: db.drop };
    },
  },
];
