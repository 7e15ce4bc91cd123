/**
 * The words in which SQLite's and PostgreSQL's DDL differ. From migration 7 on, a migration is
 * written once, here, in these words; the older ones differ in more than words (rate-limit
 * tables exist only on PostgreSQL, events are clustered differently) and stay per backend.
 */
export interface DdlWords {
  /** Unix ms and other 64-bit integers (SQLite's INTEGER is already 64-bit). */
  int64: 'INTEGER' | 'BIGINT';
  bytes: 'BLOB' | 'BYTEA';
  /** Ends a table whose primary key is its natural key: SQLite then stores the rows by it. */
  clustered: ' WITHOUT ROWID' | '';
  /** A key the database numbers. */
  serialKey: 'INTEGER PRIMARY KEY' | 'INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY';
  /**
   * A stored page's joined entries: bytes on SQLite, which hands a BLOB over without decoding
   * it; text on PostgreSQL, whose page query joins text and returns stored pages in the same
   * column.
   */
  joined: 'BLOB' | 'TEXT';
}

export const SQLITE_WORDS: DdlWords = { int64: 'INTEGER', bytes: 'BLOB', clustered: ' WITHOUT ROWID', serialKey: 'INTEGER PRIMARY KEY', joined: 'BLOB' };
export const POSTGRES_WORDS: DdlWords = { int64: 'BIGINT', bytes: 'BYTEA', clustered: '', serialKey: 'INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY', joined: 'TEXT' };

/** The migrations written once (MIGRATIONS' names from 7 on). */
type SharedMigration = 'living_codes_and_air' | 'suite_trusted_ips' | 'control_state' | 'callbacks' | 'stored_pages';

/** The migrations written once, in a backend's words. */
export function sharedScripts(w: DdlWords): Readonly<Record<SharedMigration, string>> {
  return {
    // get_living_code's and the share codes' records (hashed: a code is a bearer capability), the
    // anchor's own events and what they say of a live (on_air_at: the first on-air, off_air_at:
    // the last off-air, unix ms), and the live's replay setting.
    'living_codes_and_air': `
      ALTER TABLE livings ADD COLUMN open_replay INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE livings ADD COLUMN on_air_at ${w.int64};
      ALTER TABLE livings ADD COLUMN off_air_at ${w.int64};
      -- Keyed by the corp-unique event id, like events: a resent event is a duplicate.
      CREATE TABLE anchor_events (
        corpid TEXT NOT NULL,
        id TEXT NOT NULL,
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        at ${w.int64} NOT NULL,
        PRIMARY KEY (corpid, id)
      )${w.clustered};
      CREATE INDEX anchor_events_by_living ON anchor_events (living_pk);
      CREATE TABLE living_codes (
        hash ${w.bytes} PRIMARY KEY,
        corpid TEXT NOT NULL,
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        openid TEXT NOT NULL,
        expires_at ${w.int64} NOT NULL
      )${w.clustered};
      CREATE INDEX living_codes_by_living ON living_codes (living_pk);
      CREATE INDEX living_codes_by_expiry ON living_codes (corpid, expires_at);
      CREATE TABLE share_codes (
        hash ${w.bytes} PRIMARY KEY,
        corpid TEXT NOT NULL,
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        viewer_kind INTEGER NOT NULL,
        viewer_id TEXT NOT NULL,
        invitor_kind INTEGER,
        invitor_id TEXT,
        expires_at ${w.int64} NOT NULL
      )${w.clustered};
      CREATE INDEX share_codes_by_living ON share_codes (living_pk);
      CREATE INDEX share_codes_by_expiry ON share_codes (corpid, expires_at);
    `,
    // The provider's source-IP allowlist, checked for get_suite_token and its apps' calls.
    'suite_trusted_ips': `
      ALTER TABLE suites ADD COLUMN trusted_ips TEXT NOT NULL DEFAULT '[]';
    `,
    // The control API's state shared by every process on the database (clock, faults, journal).
    'control_state': `
      CREATE TABLE control_state (id INTEGER PRIMARY KEY, epoch ${w.int64} NOT NULL, journal_seq ${w.int64} NOT NULL, state TEXT NOT NULL);
      INSERT INTO control_state (id, epoch, journal_seq, state) VALUES (1, 0, 0, '{}');
      CREATE TABLE control_journal (seq ${w.int64} PRIMARY KEY, journal TEXT NOT NULL, corpid TEXT, record TEXT NOT NULL);
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
        verified_at ${w.int64},
        PRIMARY KEY (corpid, agentid),
        FOREIGN KEY (corpid, agentid) REFERENCES apps(corpid, agentid) ON DELETE CASCADE
      )${w.clustered};
      CREATE TABLE suite_callbacks (
        suite_id TEXT PRIMARY KEY REFERENCES suites(suite_id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        token TEXT NOT NULL,
        encoding_aes_key TEXT NOT NULL,
        verified_at ${w.int64},
        last_ticket_at ${w.int64}
      )${w.clustered};
      CREATE TABLE living_callback_status (
        living_pk INTEGER PRIMARY KEY REFERENCES livings(pk) ON DELETE CASCADE,
        status INTEGER NOT NULL
      );
      -- Pushed tickets by SHA-256 (random 256-bit values need no salt), each valid until expires_at.
      CREATE TABLE suite_tickets (
        suite_id TEXT NOT NULL REFERENCES suites(suite_id) ON DELETE CASCADE,
        ticket_hash ${w.bytes} NOT NULL,
        expires_at ${w.int64} NOT NULL,
        PRIMARY KEY (suite_id, ticket_hash)
      )${w.clustered};
      -- state: 0 pending, 1 delivered, 2 given up. due_at is by the owner's clock.
      CREATE TABLE callback_outbox (
        id ${w.serialKey},
        kind TEXT NOT NULL,
        corpid TEXT,
        agentid INTEGER,
        suite_id TEXT REFERENCES suites(suite_id) ON DELETE CASCADE,
        message TEXT NOT NULL,
        create_time ${w.int64} NOT NULL,
        due_at ${w.int64} NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        state INTEGER NOT NULL DEFAULT 0,
        FOREIGN KEY (corpid, agentid) REFERENCES apps(corpid, agentid) ON DELETE CASCADE
      );
      CREATE INDEX callback_outbox_pending ON callback_outbox (id) WHERE state = 0;
    `,
    // get_watch_stat pages joined ahead of the pull (store/core/stored-pages.ts), keyed by the
    // position a page continues after. Derived data: whoever writes a live's viewer rows deletes
    // its pages in the same transaction. Not clustered: a row is a whole page (~16 KB), and
    // SQLite reads a WITHOUT ROWID row's overflow even for its key columns.
    'stored_pages': `
      CREATE TABLE stored_pages (
        living_pk INTEGER NOT NULL REFERENCES livings(pk) ON DELETE CASCADE,
        page_size INTEGER NOT NULL,
        after_kind INTEGER NOT NULL,
        after_id TEXT NOT NULL,
        last_kind INTEGER,
        last_id TEXT,
        more INTEGER NOT NULL,
        users ${w.joined} NOT NULL,
        external_users ${w.joined} NOT NULL
      );
      CREATE UNIQUE INDEX stored_pages_by_position ON stored_pages (living_pk, page_size, after_kind, after_id);
    `,
  };
}
