import type { Command } from 'commander';
import { resolve } from 'node:path';
import { DATABASE_URL_FLAG, DATABASE_URL_HELP, type DatabaseOptions } from './database-options.js';
import { UsageError } from './options.js';

const PG_HINT = 'for PostgreSQL use pg_dump / pg_restore (see docs/OPERATIONS.md)';

/** `livestat backup FILE` and `livestat restore FILE`: SQLite only, through SQLite's backup API. */
export function addBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('copy the SQLite database to FILE, consistently, while livestat serve keeps running on it')
    .argument('<file>', 'the copy to write (must not exist yet)')
    .option('--db <file>', 'SQLite database file (env LIVESTAT_DB)', process.env.LIVESTAT_DB ?? './livestat.db')
    .option(DATABASE_URL_FLAG, DATABASE_URL_HELP, process.env.LIVESTAT_DATABASE_URL)
    .action(async (file: string, options: DatabaseOptions) => {
      if (options.databaseUrl) throw new UsageError(`backup copies a SQLite file; ${PG_HINT}`);
      const { backupSqlite } = await import('../store/sqlite/sqlite-backup.js');
      const { pages } = await backupSqlite(resolve(options.db), resolve(file));
      process.stdout.write(`backed up ${resolve(options.db)} to ${resolve(file)} (${pages} pages)\n`);
    });
  program
    .command('restore')
    .description('replace the SQLite database with a backup; refused while a process has the database open')
    .argument('<file>', 'a file written by livestat backup')
    .option('--db <file>', 'SQLite database file to replace (env LIVESTAT_DB)', process.env.LIVESTAT_DB ?? './livestat.db')
    .option(DATABASE_URL_FLAG, DATABASE_URL_HELP, process.env.LIVESTAT_DATABASE_URL)
    .action(async (file: string, options: DatabaseOptions) => {
      if (options.databaseUrl) throw new UsageError(`restore replaces a SQLite file; ${PG_HINT}`);
      const { restoreSqlite } = await import('../store/sqlite/sqlite-backup.js');
      const { pages } = await restoreSqlite(resolve(file), resolve(options.db));
      process.stdout.write(`restored ${resolve(options.db)} from ${resolve(file)} (${pages} pages)\n`);
    });
}
