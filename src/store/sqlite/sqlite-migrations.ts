import type { Database } from 'better-sqlite3';
import type { MigrationOutcome } from '../migrations/migration-outcome.js';
import { type MigrationScripts, migrationRunner, runSync } from '../migrations/migrations.js';

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
  // get_living_code's and the share codes' records (hashed: a code is a bearer capability), the
  // anchor's own events and what they say of a live (on_air_at: the first on-air, off_air_at:
  // the last off-air, unix ms), and the live's replay setting.
  'living_codes_and_air': `
      ALTER TABLE livings ADD COLUMN open_replay INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE livings ADD COLUMN on_air_at INTEGER;
      ALTER TABLE livings ADD COLUMN off_air_at INTEGER;
      -- Keyed by the corp-unique event id, like events: a resent event is a duplicate.
      CREATE TABLE anchor_events (
        corpid TEXT NOT NULL,
        id TEXT NOT NULL,
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (corpid, id)
      ) WITHOUT ROWID;
      CREATE INDEX anchor_events_by_living ON anchor_events (living_pk);
      CREATE TABLE living_codes (
        hash BLOB PRIMARY KEY,
        corpid TEXT NOT NULL,
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        openid TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX living_codes_by_living ON living_codes (living_pk);
      CREATE INDEX living_codes_by_expiry ON living_codes (corpid, expires_at);
      CREATE TABLE share_codes (
        hash BLOB PRIMARY KEY,
        corpid TEXT NOT NULL,
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        viewer_kind INTEGER NOT NULL,
        viewer_id TEXT NOT NULL,
        invitor_kind INTEGER,
        invitor_id TEXT,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX share_codes_by_living ON share_codes (living_pk);
      CREATE INDEX share_codes_by_expiry ON share_codes (corpid, expires_at);
      `,
  // The provider's source-IP allowlist, checked for get_suite_token and its apps' calls.
  'suite_trusted_ips': `
      ALTER TABLE suites ADD COLUMN trusted_ips TEXT NOT NULL DEFAULT '[]';
      `,
  // The control API's state shared by every process on the database (clock, faults, journal).
  'control_state': `
      CREATE TABLE control_state (id INTEGER PRIMARY KEY, epoch INTEGER NOT NULL, journal_seq INTEGER NOT NULL, state TEXT NOT NULL);
      INSERT INTO control_state (id, epoch, journal_seq, state) VALUES (1, 0, 0, '{}');
      CREATE TABLE control_journal (seq INTEGER PRIMARY KEY, journal TEXT NOT NULL, corpid TEXT, record TEXT NOT NULL);
      `,
  // Callback URLs (token and key as given: livestat signs and encrypts with them), the status
  // each watched live was last recorded at, pushed suite tickets, and the outbox of pushes.
  'callbacks': `
      CREATE TABLE app_callbacks (
        corpid TEXT NOT NULL,
        agentid INTEGER NOT NULL,
        url TEXT NOT NULL,
        token TEXT NOT NULL,
        encoding_aes_key TEXT NOT NULL,
        verified_at INTEGER,
        PRIMARY KEY (corpid, agentid),
        FOREIGN KEY (corpid, agentid) REFERENCES apps(corpid, agentid) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE TABLE suite_callbacks (
        suite_id TEXT PRIMARY KEY REFERENCES suites(suite_id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        token TEXT NOT NULL,
        encoding_aes_key TEXT NOT NULL,
        verified_at INTEGER,
        last_ticket_at INTEGER
      ) WITHOUT ROWID;
      CREATE TABLE living_callback_status (
        living_pk INTEGER PRIMARY KEY REFERENCES livings(pk) ON DELETE CASCADE,
        status INTEGER NOT NULL
      );
      -- Pushed tickets by SHA-256 (random 256-bit values need no salt), each valid until expires_at.
      CREATE TABLE suite_tickets (
        suite_id TEXT NOT NULL REFERENCES suites(suite_id) ON DELETE CASCADE,
        ticket_hash BLOB NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (suite_id, ticket_hash)
      ) WITHOUT ROWID;
      -- state: 0 pending, 1 delivered, 2 given up. due_at is by the owner's clock.
      CREATE TABLE callback_outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        corpid TEXT,
        agentid INTEGER,
        suite_id TEXT REFERENCES suites(suite_id) ON DELETE CASCADE,
        message TEXT NOT NULL,
        create_time INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        state INTEGER NOT NULL DEFAULT 0,
        FOREIGN KEY (corpid, agentid) REFERENCES apps(corpid, agentid) ON DELETE CASCADE
      );
      CREATE INDEX callback_outbox_pending ON callback_outbox (id) WHERE state = 0;
    `,
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
