import type { StoreLocation } from '../store/open-store.js';

/** The --database-url / --db pair every command that opens the store takes. */
export interface DatabaseOptions {
  databaseUrl?: string;
  db: string;
}

export const DATABASE_URL_FLAG = '--database-url <url>';
export const DATABASE_URL_HELP = 'PostgreSQL URL, postgres://user:password@host:port/db (env LIVESTAT_DATABASE_URL); wins over --db';

/** The store location the options name: PostgreSQL when a URL is given, else the SQLite file. */
export function storeLocation(options: DatabaseOptions): StoreLocation {
  return options.databaseUrl ? { databaseUrl: options.databaseUrl } : { db: options.db };
}
