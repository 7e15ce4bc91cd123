import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DATABASE_URL_FLAG, DATABASE_URL_HELP, type DatabaseOptions, storeLocation } from './database-options.js';
import { UsageError } from './options.js';
import { parseEndedBefore } from './prune-rule.js';

interface PruneOptions extends DatabaseOptions {
  endedBefore: string;
  dryRun?: boolean;
}

const HELP = `
A live has ended when it was cancelled, or when its scheduled end (start + duration) has
passed, whether anyone watched (ended) or not (expired). Lives still reserved or on the air
never go. Everything keyed by a removed live goes with it, in one transaction: its viewer rows
and its ingested events. Access and suite tokens are per app, not per live: those that had
already expired by DATE go too. Corps, apps, secrets and ingest keys stay.

A running livestat serve may keep serving: a pruned live then answers 92008 like any live
the app cannot see. On SQLite the file does not shrink; its free pages are reused.

Examples:
  livestat prune --ended-before 2026-06-01 --dry-run
  livestat prune --ended-before 2026-06-01T00:00:00Z --database-url postgres://livestat@db/livestat`;

/** `livestat prune --ended-before DATE [--dry-run]`: retention for operators whose disks fill. */
export function addPruneCommand(program: Command): void {
  program
    .command('prune')
    .description('remove lives that ended before a date, with their viewers and events, and expired tokens')
    .requiredOption('--ended-before <date>', 'a date (2026-06-01, midnight UTC+8 as WeCom shows it) or a time with its offset (2026-06-01T00:00:00Z)')
    .option('--dry-run', 'report what would be removed, and remove nothing')
    .option('--db <file>', 'SQLite database file (env LIVESTAT_DB)', process.env.LIVESTAT_DB ?? './livestat.db')
    .option(DATABASE_URL_FLAG, DATABASE_URL_HELP, process.env.LIVESTAT_DATABASE_URL)
    .addHelpText('after', HELP)
    .action(async (options: PruneOptions) => {
      const cutoffMs = parseEndedBefore(options.endedBefore);
      const location = storeLocation(options);
      // Opening a missing SQLite file would create an empty database just to prune nothing.
      if (!location.databaseUrl && !existsSync(resolve(options.db))) throw new UsageError(`no database at ${resolve(options.db)}`);
      const { describeStoreLocation, openStore } = await import('../store/open-store.js');
      const { formatPrune } = await import('./prune-table.js');
      const store = await openStore(location);
      try {
        const result = await store.pruneLivings(cutoffMs, Date.now(), options.dryRun === true);
        process.stdout.write(formatPrune(result, cutoffMs, describeStoreLocation(location)));
      } finally {
        await store.close();
      }
    });
}
