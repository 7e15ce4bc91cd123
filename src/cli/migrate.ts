import type { Command } from 'commander';
import { DATABASE_URL_FLAG, DATABASE_URL_HELP, type DatabaseOptions, storeLocation } from './database-options.js';

/** `livestat migrate`: applies the database's pending migrations alone, one line per migration. */
export function addMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations and report each one (serve also does this on start)')
    .option(DATABASE_URL_FLAG, DATABASE_URL_HELP, process.env.LIVESTAT_DATABASE_URL)
    .option('--db <file>', 'SQLite database file (env LIVESTAT_DB)', process.env.LIVESTAT_DB ?? './livestat.db')
    .action(async (options: DatabaseOptions) => {
      const location = storeLocation(options);
      const { describeStoreLocation, migrateStore } = await import('../store/open-store.js');
      const outcomes = await migrateStore(location);
      const lines = [`database: ${describeStoreLocation(location)}`];
      for (const m of outcomes) lines.push(`  ${m.version} ${m.name}: ${m.outcome}${m.error ? ` (${m.error})` : ''}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      if (outcomes.some((m) => m.outcome === 'failed')) process.exitCode = 1;
    });
}
