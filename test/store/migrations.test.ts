import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, runSync, migrationRunner } from '../../src/store/migrations/migrations.js';
import { POSTGRES_SCRIPTS, migratePostgres } from '../../src/store/postgres/postgres-migrations.js';
import { openPool } from '../../src/store/postgres/postgres-pool.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SQLITE_SCRIPTS, migrateSqlite } from '../../src/store/sqlite/sqlite-migrations.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { CLUSTER_URL_ENV, createTestDatabase } from '../support/postgres.js';
import { tempDir } from '../support/temp-dir.js';

/** How 0.1 numbered SQLite's migrations (its DDL was what SQLITE_SCRIPTS holds for them). */
const SQLITE_0_1 = [
  [1, 'core'],
  [2, 'activity'],
  [3, 'dashboard'],
  [4, 'living_family'],
] as const;

describe('migrations', () => {
  it('number every migration once, the same for both databases', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(Object.keys(SQLITE_SCRIPTS).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(Object.keys(POSTGRES_SCRIPTS).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
  });

  it('open a SQLite database made by 0.1: its numbers become the shared ones, its data stays', async () => {
    const { dir, remove } = await tempDir();
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    for (const [version, name] of SQLITE_0_1) {
      old.exec(SQLITE_SCRIPTS[name]);
      old.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, name, 1_700_000_000_000 + version);
    }
    old.prepare("INSERT INTO corps (corpid, name) VALUES ('wwold', 'from 0.1')").run();
    old.close();
    try {
      const db = new Database(path);
      const outcomes = migrateSqlite(db);
      // What SQLite 0.1 had is there already; everything else, later migrations included, is applied.
      const in01 = new Set(['core', 'activity', 'dashboard', 'living_family']);
      expect(outcomes.map((o) => `${o.version} ${o.name}: ${o.outcome}`)).toEqual(MIGRATIONS.map((m) => `${m.version} ${m.name}: ${in01.has(m.name) ? 'already applied' : 'applied'}`));
      const rows = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as { version: number; name: string; applied_at: number }[];
      expect(rows.map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
      // A renumbered migration keeps when it was applied.
      expect(rows.find((r) => r.name === 'dashboard')?.applied_at).toBe(1_700_000_000_003);
      expect(migrateSqlite(db).every((o) => o.outcome === 'already applied')).toBe(true);
      db.close();
      const store = new SqliteStore({ path });
      expect((await store.getCorp('wwold'))?.name).toBe('from 0.1');
      await store.close();
    } finally {
      await remove();
    }
  });

  it('stop at a failing migration and report the rest as not run', () => {
    const db = new Database(':memory:');
    const broken = { ...SQLITE_SCRIPTS, dashboard: 'CREATE INDEX nope ON no_such_table (x);' };
    const outcomes = runSync(migrationRunner(broken, 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)'), (step) => {
      if (step.op === 'rows') {
        const stmt = db.prepare(step.sql);
        return stmt.reader ? stmt.all(...step.params) : (stmt.run(...step.params), []);
      }
      return db.exec(step.op === 'exec' ? step.script : step.op === 'begin' ? 'BEGIN' : step.op.toUpperCase());
    });
    // Every migration after the failing one is reported as not run, however many come later.
    expect(outcomes.map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied', 'failed', ...MIGRATIONS.slice(4).map(() => 'not run')]);
    expect(outcomes[3]?.error).toMatch(/no_such_table/);
    // The failed migration left nothing behind: its transaction was rolled back.
    expect(db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE name = 'dashboard'").get()).toEqual({ n: 0 });
    db.close();
  });
});

const available = process.env[CLUSTER_URL_ENV] !== undefined;
if (!available) process.stdout.write('PostgreSQL migration tests not run: no cluster for this run (see the line globalSetup printed)\n');

describe.skipIf(!available)('migrations on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = (await createTestDatabase())!);
  });
  afterAll(() => drop());

  it('open a database made by 0.1 (the same numbers) and finish one that stopped half-way', async () => {
    // A 0.1 database that had applied up to "shared rate limits" (3) only.
    const pool = await openPool(url, { max: 1 });
    try {
      await pool.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      for (const m of MIGRATIONS.slice(0, 3)) {
        await pool.query(POSTGRES_SCRIPTS[m.name]);
        await pool.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [m.version, m.name]);
      }
      await pool.query("INSERT INTO corps (corpid, name) VALUES ('wwold', 'from 0.1')");
      const outcomes = await migratePostgres(pool);
      expect(outcomes.map((o) => o.outcome)).toEqual(['already applied', 'already applied', 'already applied', ...MIGRATIONS.slice(3).map(() => 'applied')]);
    } finally {
      await pool.end();
    }
    const store = await PostgresStore.open(url, { max: 2 });
    try {
      expect((await store.getCorp('wwold'))?.name).toBe('from 0.1');
    } finally {
      await store.close();
    }
  });
});
