import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Native addons (better-sqlite3) and child processes behave best in forked workers.
    pool: 'forks',
    // One throwaway PostgreSQL cluster per run for the PostgreSQL store and scale-out tests.
    globalSetup: ['test/support/postgres-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
