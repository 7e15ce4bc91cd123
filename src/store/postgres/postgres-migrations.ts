import type { Pool } from 'pg';
import type { MigrationOutcome } from '../migrations/migration-outcome.js';
import { type MigrationScripts, migrationRunner, runAsync } from '../migrations/migrations.js';
import { POSTGRES_WORDS, sharedScripts } from '../migrations/shared-ddl.js';
import { numberPlaceholders } from './postgres-sql.js';

/**
 * The same schema as SQLite's, in PostgreSQL terms. Ids that are paged or ordered use
 * COLLATE "C" so that the order is byte order, exactly SQLite's BINARY: a pull that starts
 * on one backend's next_key order would otherwise differ by locale. Unix-ms columns are
 * BIGINT (read back as numbers by the pool's int8 parser).
 */
export const POSTGRES_SCRIPTS: MigrationScripts = {
  'core': `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value BYTEA NOT NULL);
      CREATE TABLE corps (
        corpid TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        grandfathered_system_app INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE apps (
        corpid TEXT NOT NULL REFERENCES corps(corpid) ON DELETE CASCADE,
        agentid INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('self_built','agency','third_party','system')),
        living_api INTEGER NOT NULL DEFAULT 0,
        trusted_ips TEXT NOT NULL DEFAULT '[]',
        secret_hash TEXT,
        PRIMARY KEY (corpid, agentid)
      );
      CREATE TABLE tokens (
        hash BYTEA PRIMARY KEY,
        corpid TEXT NOT NULL,
        agentid INTEGER NOT NULL,
        expires_at BIGINT,
        nonce BYTEA,
        FOREIGN KEY (corpid, agentid) REFERENCES apps(corpid, agentid) ON DELETE CASCADE
      );
      CREATE INDEX tokens_by_app ON tokens (corpid, agentid, expires_at);
      CREATE TABLE livings (
        pk INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        livingid TEXT NOT NULL UNIQUE,
        corpid TEXT NOT NULL REFERENCES corps(corpid) ON DELETE CASCADE,
        creator_agentid INTEGER,
        anchor_userid TEXT NOT NULL,
        theme TEXT NOT NULL,
        type INTEGER NOT NULL,
        living_start BIGINT NOT NULL,
        living_duration BIGINT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        synthetic_spec TEXT
      );
      -- source: 0 declared in a scenario, 1 generated (synthetic_viewers), 2 computed from events.
      CREATE TABLE viewer_stats (
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        kind INTEGER NOT NULL,
        viewer_id TEXT COLLATE "C" NOT NULL,
        ext_type INTEGER,
        name TEXT COLLATE "C",
        watch_time INTEGER NOT NULL,
        is_comment INTEGER NOT NULL,
        is_mic INTEGER NOT NULL,
        invitor_userid TEXT,
        invitor_external_userid TEXT,
        -- The row as get_watch_stat lists it (domain wireRowJson): pages are read, not rebuilt.
        wire_json TEXT NOT NULL,
        source INTEGER NOT NULL,
        PRIMARY KEY (living_pk, kind, viewer_id)
      );
    `,
  'activity': `
      CREATE TABLE ingest_keys (
        hash BYTEA PRIMARY KEY,
        corpid TEXT NOT NULL REFERENCES corps(corpid) ON DELETE CASCADE
      );
      -- Every accepted event, by its corp-unique id (the idempotency key). A viewer's row is
      -- refolded from these on ingest; reads never touch them.
      CREATE TABLE events (
        corpid TEXT NOT NULL,
        id TEXT COLLATE "C" NOT NULL,
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        viewer_kind INTEGER NOT NULL,
        viewer_id TEXT COLLATE "C" NOT NULL,
        at BIGINT NOT NULL,
        kind TEXT NOT NULL,
        session TEXT NOT NULL,
        ext_type INTEGER,
        name TEXT,
        invitor_kind INTEGER,
        invitor_id TEXT,
        PRIMARY KEY (corpid, id)
      );
      CREATE INDEX events_by_viewer ON events (living_pk, viewer_kind, viewer_id);
      -- JSON of the runs still open (domain OpenWatch) for rows computed from events.
      ALTER TABLE viewer_stats ADD COLUMN open_watch TEXT;
      -- JSON of the activity fold so far (domain FoldState): in-order events apply on top of it.
      ALTER TABLE viewer_stats ADD COLUMN fold_state TEXT;
    `,
  // SQLite keeps these in memory (one process per file); here every process counts into
  // the same rows, so the per-corp limit holds across the whole fleet.
  'shared rate limits': `
      CREATE TABLE rate_counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_at BIGINT NOT NULL);
      CREATE INDEX rate_counters_expiry ON rate_counters (expires_at);
      CREATE TABLE rate_blocks (key TEXT PRIMARY KEY, until_ms BIGINT NOT NULL);
    `,
  'dashboard': `
      -- The dashboard's audience orders, each ending in the primary key so keyset pages are
      -- index range scans; watch_time's also answers the watch-time histogram by itself.
      CREATE INDEX viewer_stats_by_watch_time ON viewer_stats (living_pk, watch_time, kind, viewer_id);
      CREATE INDEX viewer_stats_by_name ON viewer_stats (living_pk, coalesce(name, ''), kind, viewer_id);
      -- Few rows are open at a time; reads bring just those up to now.
      CREATE INDEX viewer_stats_open ON viewer_stats (living_pk) WHERE open_watch IS NOT NULL;
      CREATE INDEX livings_by_corp ON livings (corpid, living_start);
    `,
  'living_family': `
      -- What create/modify/cancel/delete_replay_data keep beside the schedule (unix ms for the states).
      ALTER TABLE livings ADD COLUMN remind_time BIGINT;
      ALTER TABLE livings ADD COLUMN cancelled_at BIGINT;
      ALTER TABLE livings ADD COLUMN replay_deleted_at BIGINT;
      -- get_user_all_livingid: a member's lives, newest first, as a keyset range scan.
      CREATE INDEX livings_by_anchor ON livings (corpid, anchor_userid, living_start, livingid COLLATE "C");
      CREATE TABLE suites (
        suite_id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL,
        ticket_hash TEXT NOT NULL
      );
      CREATE TABLE suite_authorizations (
        suite_id TEXT NOT NULL REFERENCES suites(suite_id) ON DELETE CASCADE,
        corpid TEXT NOT NULL,
        agentid INTEGER NOT NULL,
        permanent_code_hash TEXT NOT NULL,
        PRIMARY KEY (suite_id, corpid, agentid),
        FOREIGN KEY (corpid, agentid) REFERENCES apps(corpid, agentid) ON DELETE CASCADE
      );
      CREATE TABLE suite_tokens (
        hash BYTEA PRIMARY KEY,
        suite_id TEXT NOT NULL REFERENCES suites(suite_id) ON DELETE CASCADE,
        expires_at BIGINT NOT NULL,
        nonce BYTEA NOT NULL
      );
      CREATE INDEX suite_tokens_by_suite ON suite_tokens (suite_id, expires_at);
    `,
  // Rate-limit counters are bumped on every call: as logged tables each bump was a commit
  // waiting for a WAL flush. They need no crash safety (WeCom's own windows simply restart),
  // so they skip the WAL.
  'unlogged_rate_limits': `
      ALTER TABLE rate_counters SET UNLOGGED;
      ALTER TABLE rate_blocks SET UNLOGGED;
    `,
  // Migration 7 on: written once, in this backend's words.
  ...sharedScripts(POSTGRES_WORDS),
};

/** The advisory lock key that serializes migrations (and scenario loads) across processes: "livestat" in ASCII. */
const MIGRATION_LOCK = 0x6c69766573746174n;

const VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';

/**
 * Applies the migrations the database lacks, reporting each one's outcome; stops at the
 * first failure. Holds a session advisory lock throughout, so that two processes starting
 * at once take turns: the second finds everything applied.
 */
export async function migratePostgres(pool: Pool): Promise<MigrationOutcome[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      return await runAsync(migrationRunner(POSTGRES_SCRIPTS, VERSION_TABLE), async (step) => {
        if (step.op === 'exec') return client.query(step.script);
        if (step.op === 'rows') return (await client.query(numberPlaceholders(step.sql), step.params)).rows as unknown[];
        if (step.op === 'rollback') return client.query('ROLLBACK').catch(() => undefined);
        return client.query(step.op === 'begin' ? 'BEGIN' : 'COMMIT');
      });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
    }
  } finally {
    client.release();
  }
}
