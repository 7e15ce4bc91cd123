import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/postgres/postgres-migrations.js';
import { openPool } from '../../src/store/postgres/postgres-pool.js';
import { migrateSqlite } from '../../src/store/sqlite/sqlite-migrations.js';
import { CLUSTER_URL_ENV, createTestDatabase } from '../support/postgres.js';
import { type SchemaDescription, describePostgres, describeSqlite, schemaDifferences } from './schema-description.js';

/**
 * The differences between the two schemas that are on purpose, each with its reason. Any
 * other difference fails the test; so does an entry here that no longer occurs.
 */
const INTENDED: Record<string, string> = {
  // SQLite keeps rate limits in the store's memory: one process serves a file.
  'table rate_blocks: only in postgres': 'rate limits',
  'table rate_counters: only in postgres': 'rate limits',
  // SQLite clusters events by viewer (WITHOUT ROWID) so a refold reads one range, and checks
  // idempotency with a unique index; PostgreSQL keys them by id and indexes the viewer.
  'primary key events: (living_pk, viewer_kind, viewer_id, at, id) in sqlite, (corpid, id) in postgres': 'events layout',
  'index events unique (corpid, id): only in sqlite': 'events layout',
  'index events (living_pk, viewer_kind, viewer_id): only in postgres': 'events layout',
  // A stored page's entries: bytes SQLite hands over undecoded, text PostgreSQL's page query joins.
  'column stored_pages.external_users: type blob in sqlite, text in postgres': 'stored pages',
  'column stored_pages.users: type blob in sqlite, text in postgres': 'stored pages',
};

function sqliteSchema(): SchemaDescription {
  const db = new Database(':memory:');
  try {
    migrateSqlite(db);
    return describeSqlite(db);
  } finally {
    db.close();
  }
}

describe('the schema comparator', () => {
  it('reports a drifted type, nullability, index, foreign key, column and table', () => {
    const base = sqliteSchema();
    const drifted: SchemaDescription = structuredClone(base);
    drifted.tokens!.columns.expires_at = { type: 'text', notNull: false };
    drifted.apps!.columns.secret_hash = { type: 'text', notNull: true };
    drifted.livings!.indexes = drifted.livings!.indexes.filter((i) => !i.startsWith('(corpid, anchor_userid'));
    drifted.viewer_stats!.indexes.push('unique (living_pk, name)');
    drifted.suite_tokens!.foreignKeys = [];
    delete drifted.viewer_stats!.columns.fold_state;
    drifted.extra = { columns: {}, primaryKey: [], indexes: [], foreignKeys: [], checks: 0 };
    drifted.apps!.checks = 0;
    expect(schemaDifferences(base, drifted)).toEqual([
      'column apps.secret_hash: nullable in sqlite, NOT NULL in postgres',
      'checks apps: 1 in sqlite, 0 in postgres',
      'table extra: only in postgres',
      'index livings (corpid, anchor_userid, living_start, livingid): only in sqlite',
      'foreign key suite_tokens (suite_id) -> suites(suite_id) on delete CASCADE: only in sqlite',
      'column tokens.expires_at: type integer in sqlite, text in postgres',
      'column viewer_stats.fold_state: only in sqlite',
      'index viewer_stats unique (living_pk, name): only in postgres',
    ]);
    expect(schemaDifferences(base, structuredClone(base))).toEqual([]);
  });

  it('sees the SQLite schema as migrations build it', () => {
    const s = sqliteSchema();
    expect(s.viewer_stats!.primaryKey).toEqual(['living_pk', 'kind', 'viewer_id']);
    expect(s.viewer_stats!.indexes).toContain("(living_pk, <expr>, kind, viewer_id)");
    expect(s.viewer_stats!.indexes).toContain('(living_pk) partial');
    expect(s.livings!.indexes).toContain('unique (livingid)');
    expect(s.tokens!.foreignKeys).toEqual(['(corpid, agentid) -> apps(corpid, agentid) on delete CASCADE']);
  });
});

const available = process.env[CLUSTER_URL_ENV] !== undefined;
if (!available) process.stdout.write('Schema drift test not run on PostgreSQL: no cluster for this run (see the line globalSetup printed)\n');

describe.skipIf(!available)('the SQLite and PostgreSQL schemas', () => {
  let postgres: SchemaDescription;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = (await createTestDatabase())!;
    drop = db.drop;
    const pool = await openPool(db.url, { max: 1 });
    try {
      await migratePostgres(pool);
      postgres = await describePostgres(pool);
    } finally {
      await pool.end();
    }
  });
  afterAll(() => drop());

  it('have the same tables, columns, types, nullability, keys, indexes and constraints, but for the intended differences', () => {
    const differences = schemaDifferences(sqliteSchema(), postgres);
    expect(differences.filter((d) => !(d in INTENDED))).toEqual([]);
    // An intended difference that went away should leave this list too.
    expect(Object.keys(INTENDED).filter((d) => !differences.includes(d))).toEqual([]);
  });
});
