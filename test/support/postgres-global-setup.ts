import { CLUSTER_URL_ENV, postgresUnavailable, startCluster } from './postgres.js';
import { NEEDS_POSTGRES, missingDependency } from './requirements.js';

/**
 * vitest globalSetup: ONE PostgreSQL cluster per test run, its URL in the environment
 * (inherited by test workers and the CLI processes they spawn); each test file creates its
 * own databases on it. Where PostgreSQL is missing, says so once and the PostgreSQL tests
 * skip, unless LIVESTAT_REQUIRE_POSTGRES=1 (CI): then the whole run fails here.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[CLUSTER_URL_ENV]) return undefined;
  const notice = missingDependency(NEEDS_POSTGRES, postgresUnavailable());
  if (notice) {
    process.stdout.write(`${notice}\n`);
    return undefined;
  }
  const cluster = await startCluster();
  process.env[CLUSTER_URL_ENV] = cluster.url;
  return () => cluster.stop();
}
