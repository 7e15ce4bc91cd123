import type { Database } from 'better-sqlite3';
import type { MigrationOutcome } from '../migrations/migration-outcome.js';
import { type MigrationScripts, migrationRunner, runSync } from '../migrations/migrations.js';
import { SQLITE_WORDS, sharedScripts } from '../migrations/shared-ddl.js';

/** SQLite's DDL for each migration of MIGRATIONS (migrations/migrations.ts). */
export const SQLITE_SCRIPTS: MigrationScripts = {
  'core': `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE corps (
        corpid TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        grandfathered_system_app INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE TABLE apps (
        corpid TEXT NOT NULL REFERENCES corps(corpid) ON DELETE CASCADE,
        agentid INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('self_built','agency','third_party','system')),
        living_api INTEGER NOT NULL DEFAULT 0,
        trusted_ips TEXT NOT NULL DEFAULT '[]',
        secret_hash TEXT,
        PRIMARY KEY (corpid, agentid)
      ) WITHOUT ROWID;
      CREATE TABLE tokens (
        hash BLOB PRIMARY KEY,
        corpid TEXT NOT NULL,
        agentid INTEGER NOT NULL,
        expires_at INTEGER,
        nonce BLOB,
        FOREIGN KEY (corpid, agentid) REFERENCES apps(corpid, agentid) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX tokens_by_app ON tokens (corpid, agentid, expires_at);
      CREATE TABLE livings (
        pk INTEGER PRIMARY KEY,
        livingid TEXT NOT NULL UNIQUE,
        corpid TEXT NOT NULL REFERENCES corps(corpid) ON DELETE CASCADE,
        creator_agentid INTEGER,
        anchor_userid TEXT NOT NULL,
        theme TEXT NOT NULL,
        type INTEGER NOT NULL,
        living_start INTEGER NOT NULL,
        living_duration INTEGER NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        synthetic_spec TEXT
      );
      -- source: 0 declared in a scenario, 1 generated (synthetic_viewers), 2 computed from events.
      CREATE TABLE viewer_stats (
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        kind INTEGER NOT NULL,
        viewer_id TEXT NOT NULL,
        ext_type INTEGER,
        name TEXT,
        watch_time INTEGER NOT NULL,
        is_comment INTEGER NOT NULL,
        is_mic INTEGER NOT NULL,
        invitor_userid TEXT,
        invitor_external_userid TEXT,
        -- The row as get_watch_stat lists it (domain wireRowJson): pages are read, not rebuilt.
        wire_json TEXT NOT NULL,
        source INTEGER NOT NULL,
        PRIMARY KEY (living_pk, kind, viewer_id)
      ) WITHOUT ROWID;
    `,
  'activity': `
      CREATE TABLE ingest_keys (
        hash BLOB PRIMARY KEY,
        corpid TEXT NOT NULL REFERENCES corps(corpid) ON DELETE CASCADE
      ) WITHOUT ROWID;
      -- Every accepted event, by its corp-unique id (the idempotency key). A viewer's row is
      -- refolded from these on ingest; reads never touch them.
      -- Clustered by viewer so that refolding a viewer reads one contiguous range; the
      -- unique index on (corpid, id) is the idempotency check.
      CREATE TABLE events (
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        viewer_kind INTEGER NOT NULL,
        viewer_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        id TEXT NOT NULL,
        corpid TEXT NOT NULL,
        kind TEXT NOT NULL,
        session TEXT NOT NULL,
        ext_type INTEGER,
        name TEXT,
        invitor_kind INTEGER,
        invitor_id TEXT,
        PRIMARY KEY (living_pk, viewer_kind, viewer_id, at, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX events_by_id ON events (corpid, id);
      -- JSON of the runs still open (domain OpenWatch) for rows computed from events.
      ALTER TABLE viewer_stats ADD COLUMN open_watch TEXT;
      -- JSON of the activity fold so far (domain FoldState): in-order events apply on top of it.
      ALTER TABLE viewer_stats ADD COLUMN fold_state TEXT;
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
      ALTER TABLE livings ADD COLUMN remind_time INTEGER;
      ALTER TABLE livings ADD COLUMN cancelled_at INTEGER;
      ALTER TABLE livings ADD COLUMN replay_deleted_at INTEGER;
      -- get_user_all_livingid: a member's lives, newest first, as a keyset range scan.
      CREATE INDEX livings_by_anchor ON livings (corpid, anchor_userid, living_start, livingid);
      CREATE TABLE suites (
        suite_id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL,
        ticket_hash TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE suite_authorizations (
        suite_id TEXT NOT NULL REFERENCES suites(suite_id) ON DELETE CASCADE,
        corpid TEXT NOT NULL,
        agentid INTEGER NOT NULL,
        permanent_code_hash TEXT NOT NULL,
        PRIMARY KEY (suite_id, corpid, agentid),
        FOREIGN KEY (corpid, agentid) REFERENCES apps(corpid, agentid) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE TABLE suite_tokens (
        hash BLOB PRIMARY KEY,
        suite_id TEXT NOT NULL REFERENCES suites(suite_id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL,
        nonce BLOB NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX suite_tokens_by_suite ON suite_tokens (suite_id, expires_at);
    `,
  // Rate limits live in the SqliteStore's memory: a file is served by one process.
  'shared rate limits': '',
  // No rate-limit tables here (see above).
  'unlogged_rate_limits': '',
  // Migration 7 on: written once, in this backend's words.
  ...sharedScripts(SQLITE_WORDS),
};

const VERSION_TABLE = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)';

/**
 * Applies the migrations the database lacks, reporting each one's outcome; stops at the
 * first failure. Synchronous, so SqliteStore's constructor can migrate. A file is served by
 * one process; each migration's BEGIN IMMEDIATE keeps a second opener out meanwhile.
 */
export function migrateSqlite(db: Database): MigrationOutcome[] {
  return runSync(migrationRunner(SQLITE_SCRIPTS, VERSION_TABLE), (step) => {
    switch (step.op) {
      case 'exec':
        return db.exec(step.script);
      case 'rows': {
        const stmt = db.prepare(step.sql);
        return stmt.reader ? stmt.all(...step.params) : (stmt.run(...step.params), []);
      }
      case 'begin':
        return db.exec('BEGIN IMMEDIATE');
      case 'commit':
        return db.exec('COMMIT');
      case 'rollback':
        return db.inTransaction ? db.exec('ROLLBACK') : undefined;
    }
  });
}
