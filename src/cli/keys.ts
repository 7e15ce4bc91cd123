import type { Command } from 'commander';
import { lookupHash, newCredential } from '../domain/credentials.js';
import { DATABASE_URL_FLAG, DATABASE_URL_HELP, type DatabaseOptions, storeLocation } from './database-options.js';
import { UsageError } from './options.js';

/** `livestat keys create --corpid ID`: a new ingest key, printed once and stored hashed. */
export function addKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage ingest keys for POST /livestat/v1/events');
  keys
    .command('create')
    .description('create an ingest key for a corp; it is printed once and stored only as a hash')
    .requiredOption('--corpid <id>', 'the corp the key may write events for')
    .option('--db <file>', 'SQLite database file (env LIVESTAT_DB)', process.env.LIVESTAT_DB ?? './livestat.db')
    .option(DATABASE_URL_FLAG, DATABASE_URL_HELP, process.env.LIVESTAT_DATABASE_URL)
    .action(async (options: DatabaseOptions & { corpid: string }) => {
      const location = storeLocation(options);
      // Loaded here: the store drivers are heavy and most commands never need them.
      const { describeStoreLocation, openStore } = await import('../store/open-store.js');
      const store = await openStore(location);
      try {
        if (!(await store.getCorp(options.corpid))) throw new UsageError(`no corp ${options.corpid} in ${describeStoreLocation(location)}`);
        const key = newCredential();
        await store.saveIngestKey(lookupHash(key), options.corpid);
        process.stdout.write(`${key}\n`);
        process.stderr.write('this key is shown once: livestat keeps only its hash\n');
      } finally {
        await store.close();
      }
    });
}
