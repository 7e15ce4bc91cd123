import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import { audienceEvents } from '../domain/audience/audience-events.js';
import { type ExpectedStats, expectedStats } from '../domain/audience/expected-stats.js';
import type { IngestAnchorEvent, IngestEvent } from '../protocol/events.js';
import { UsageError } from './options.js';
import { fetchSchedule, sendBatch } from './simulate-send.js';

/** The flags of `livestat simulate`. */
export interface SimulateOptions {
  livingid: string;
  viewers: number;
  duration?: number;
  speed: number;
  server: string;
  ingestKey?: string;
  seed: number;
  batchSize: number;
  graceSeconds: number;
  expectedOut?: string;
  /** Send the anchor's on-air at the start and off-air at the end of the played span. */
  anchor?: boolean;
}

const BATCH_WINDOW_MS = 250;

/** Totals of the expected statistics, printed at the end for a quick comparison. */
function summarize(expected: ExpectedStats): string {
  const all = [...expected.users, ...expected.external_users];
  const total = all.reduce((n, v) => n + v.watch_time, 0);
  return [
    `expected statistics (what get_watch_stat should return once the live has ended):`,
    `  viewers ${all.length} (members ${expected.users.length}, external ${expected.external_users.length})`,
    `  total watch time ${total} s, commenters ${all.filter((v) => v.is_comment).length}, mic takers ${all.filter((v) => v.is_mic).length}`,
    `  with an inviter ${all.filter((v) => v.invitor_userid ?? v.invitor_external_userid).length}`,
  ].join('\n');
}

async function writeExpected(file: string, expected: ExpectedStats): Promise<void> {
  const out = createWriteStream(file);
  for (const u of expected.users) out.write(`${JSON.stringify({ kind: 'member', ...u })}\n`);
  for (const u of expected.external_users) out.write(`${JSON.stringify({ kind: 'external', ...u })}\n`);
  out.end();
  await finished(out);
}

/** Plays the audience; loaded only when `simulate` runs. */
export async function simulate(o: SimulateOptions): Promise<void> {
  const ingestKey = o.ingestKey ?? process.env.LIVESTAT_INGEST_KEY;
  if (!ingestKey) throw new UsageError('an ingest key is needed: --ingest-key K or env LIVESTAT_INGEST_KEY (livestat keys create --corpid ID)');
  const target = { server: o.server.replace(/\/+$/, ''), ingestKey };
  const schedule = await fetchSchedule(target, o.livingid);
  const durationMs = (o.duration ?? schedule.durationMs / 1000) * 1000;
  const options = { livingid: o.livingid, viewers: o.viewers, startMs: schedule.startMs, durationMs, seed: o.seed };

  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: 'simulating |{bar}| {percentage}% of the live | {events} events sent', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(Math.max(1, Math.round(durationMs / 1000)), 0, { events: 0 });
  const all: IngestEvent[] = [];
  const began = Date.now();
  // The anchor goes on air before anyone arrives; its id is the live's, so a rerun is a duplicate.
  const onAir = (kind: IngestAnchorEvent['kind'], at: number): IngestAnchorEvent => ({ id: `sim-${kind}-${o.livingid}`, livingid: o.livingid, at, kind, anchor: { userid: schedule.anchorUserid } });
  let batch: (IngestEvent | IngestAnchorEvent)[] = o.anchor ? [onAir('anchor_on_air', schedule.startMs)] : [];
  let sent = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await sendBatch(target, batch);
    sent += batch.length;
    bar?.update(Math.round((batch[batch.length - 1]!.at - schedule.startMs) / 1000), { events: sent });
    batch = [];
  };
  for (const event of audienceEvents(options)) {
    all.push(event);
    if (o.speed > 0) {
      // Play the live at `speed` times real time: wait until this event's moment comes.
      const due = began + (event.at - schedule.startMs) / o.speed;
      if (due - Date.now() > BATCH_WINDOW_MS) {
        await flush();
        const wait = due - Date.now();
        if (wait > 0) await delay(wait);
      }
    }
    batch.push(event);
    if (batch.length >= o.batchSize) await flush();
  }
  if (o.anchor) batch.push(onAir('anchor_off_air', schedule.startMs + durationMs));
  await flush();
  bar?.stop();
  const liveSpan = { startMs: schedule.startMs, endMs: schedule.startMs + schedule.durationMs };
  const expected = expectedStats(all, liveSpan, Math.max(Date.now(), liveSpan.endMs + o.graceSeconds * 1000), o.graceSeconds * 1000);
  process.stdout.write(`sent ${sent} events for ${o.viewers} viewers of ${o.livingid}\n${summarize(expected)}\n`);
  if (o.expectedOut) {
    await writeExpected(o.expectedOut, expected);
    process.stdout.write(`expected viewers written to ${o.expectedOut} (compare with: livestat pull --format ndjson)\n`);
  }
}

