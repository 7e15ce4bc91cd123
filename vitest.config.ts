import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Native addons (better-sqlite3) and child processes behave best in forked workers.
    pool: 'forks',
    // Two files at a time even on two cores: much of a file's time is spent waiting (on
    // PostgreSQL, child processes, injected latency), and every HTTP suite runs once per store.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One throwaway PostgreSQL cluster per run for the PostgreSQL store and scale-out tests.
    globalSetup: ['test/support/postgres-global-setup.ts'],
    // Generous: a test asserts outcomes, never speed (that is bench/), and CI machines are noisy.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
