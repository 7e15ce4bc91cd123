import { CLUSTER_URL_ENV, postgresUnavailable, startCluster } from './postgres.js';

/**
 * vitest globalSetup: ONE PostgreSQL cluster per test run, its URL in the environment
 * (inherited by test workers and the CLI processes they spawn); each test file creates its
 * own database on it. Where PostgreSQL is missing, says so once: the PostgreSQL tests skip.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[CLUSTER_URL_ENV]) return undefined;
  const why = postgresUnavailable();
  if (why) {
    process.stdout.write(`PostgreSQL tests not run: ${why}\n`);
    return undefined;
  }
  const cluster = await startCluster();
  process.env[CLUSTER_URL_ENV] = cluster.url;
  return () => cluster.stop();
}
