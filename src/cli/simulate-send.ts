import { setTimeout as delay } from 'node:timers/promises';
import type { IngestAnchorEvent, IngestEvent, IngestReply } from '../protocol/events.js';
import { EVENTS_PATH } from '../protocol/paths.js';

/** Where and how the simulator talks to a livestat server. */
export interface IngestTarget {
  server: string;
  ingestKey: string;
}

/** The live's schedule and anchor from the server (`GET /livestat/v1/livings/:id`). */
export async function fetchSchedule(target: IngestTarget, livingid: string): Promise<{ startMs: number; durationMs: number; anchorUserid: string }> {
  const res = await fetch(`${target.server}/livestat/v1/livings/${encodeURIComponent(livingid)}`, { headers: { authorization: `Bearer ${target.ingestKey}` } });
  const body = (await res.json().catch(() => ({}))) as { living_start?: number; living_duration?: number; anchor_userid?: string; message?: string };
  if (!res.ok || body.living_start === undefined || body.living_duration === undefined || body.anchor_userid === undefined)
    throw new Error(`cannot read live ${livingid}: HTTP ${res.status} ${body.message ?? ''}`.trim());
  return { startMs: body.living_start * 1000, durationMs: body.living_duration * 1000, anchorUserid: body.anchor_userid };
}

/**
 * Sends one batch, retrying network failures and 5xx: event ids make a retried batch
 * harmless (duplicates change nothing). A rejected event is a bug in the generator, so it throws.
 */
export async function sendBatch(target: IngestTarget, events: readonly (IngestEvent | IngestAnchorEvent)[], attempts = 5): Promise<IngestReply> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${target.server}${EVENTS_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.ingestKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      const body = (await res.json()) as IngestReply & { message?: string };
      if (res.status >= 500) throw new Error(`HTTP ${res.status}`);
      if (!res.ok) throw new Error(`ingest refused: HTTP ${res.status} ${body.message ?? ''}`.trim());
      if (body.rejected.length > 0) throw new Error(`ingest rejected events: ${body.rejected.slice(0, 3).map((r) => r.reason).join('; ')}`);
      return body;
    } catch (e) {
      if (attempt >= attempts || (e as Error).message.startsWith('ingest ')) throw e;
      await delay(200 * 2 ** attempt);
    }
  }
}
