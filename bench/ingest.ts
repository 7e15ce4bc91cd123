import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { audienceEvents } from '../src/domain/audience/audience-events.js';
import { EVENTS_PATH, type IngestEvent } from '../src/protocol/events.js';
import type { Child } from './lib/processes.js';
import { type BenchResult, fmt } from './lib/report.js';
import { INGEST, INGEST_KEY, WORK } from './lib/world.js';

const BATCH = 1000;
const SENDERS = 4;

/** Batches of real audience events (heartbeats, reconnects, comments) for the ingest live. */
function eventBatches(total: number): IngestEvent[][] {
  const batches: IngestEvent[][] = [];
  let batch: IngestEvent[] = [];
  let n = 0;
  for (const e of audienceEvents({ livingid: INGEST, viewers: Math.ceil(total / 60), startMs: 1764000000_000, durationMs: 7_200_000, seed: 3 })) {
    batch.push(e);
    if (batch.length === BATCH) {
      batches.push(batch);
      batch = [];
    }
    if (++n >= total) break;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

async function sendAll(url: string, batches: IngestEvent[][]): Promise<number> {
  const bodies = batches.map((b) => JSON.stringify({ events: b }));
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json' }, body });
        const reply = (await res.json()) as { accepted: number; rejected: unknown[] };
        if (!res.ok || reply.rejected.length) throw new Error(`ingest failed: ${res.status} ${JSON.stringify(reply).slice(0, 300)}`);
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The baseline: the same rows straight into a fresh SQLite file, one transaction per batch, same durability. */
async function baseline(batches: IngestEvent[][]): Promise<number> {
  const file = join(WORK, 'ingest-baseline.db');
  await rm(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (corpid TEXT NOT NULL, id TEXT NOT NULL, livingid TEXT NOT NULL, viewer TEXT NOT NULL, at INTEGER NOT NULL,
    kind TEXT NOT NULL, session TEXT, invitor TEXT, PRIMARY KEY (corpid, id)) WITHOUT ROWID`);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const tx = db.transaction((batch: IngestEvent[]) => {
    for (const e of batch) insert.run('corp', e.id, e.livingid, JSON.stringify(e.viewer), e.at, e.kind, e.session ?? null, e.invitor ? JSON.stringify(e.invitor) : null);
  });
  const started = process.hrtime.bigint();
  for (const b of batches) tx(b);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  await rm(file, { force: true });
  return seconds;
}

/** Benchmark 5: events/s through POST /livestat/v1/events with durable acknowledgement. */
export async function ingestBench(livestat: Child, total: number, label = 'SQLite', number = 5): Promise<BenchResult> {
  const batches = eventBatches(total);
  const events = batches.reduce((n, b) => n + b.length, 0);
  const ours = await sendAll(`${livestat.url}${EVENTS_PATH}`, batches);
  const base = await baseline(batches);
  return {
    title: `${number}. Ingest (${label})`,
    columns: ['events', 'livestat events/s', 'baseline events/s', 'livestat ÷ baseline'],
    rows: [[events.toLocaleString('en-US'), fmt(events / ours, 0), fmt(events / base, 0), `**${fmt(base / ours)}**`]],
    notes: [
      `batches of ${BATCH} from ${SENDERS} concurrent senders over HTTP; each reply after COMMIT (WAL, synchronous=FULL); every touched viewer refolded`,
      'baseline: the same rows inserted straight into a fresh SQLite file with better-sqlite3, one transaction per batch, same pragmas, no HTTP',
    ],
  };
}
