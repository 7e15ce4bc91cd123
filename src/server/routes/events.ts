import type { FastifyInstance, FastifyRequest } from 'fastify';
import { foldNeedsAll, foldViewer } from '../../domain/activity/fold-viewer.js';
import { validateEvent } from '../../domain/activity/validate-event.js';
import { lookupHash } from '../../domain/credentials.js';
import { EVENTS_PATH, MAX_EVENTS_PER_REQUEST, type IngestEvent, type IngestRejection, IngestReplySchema } from '../../protocol/events.js';
import { isUnparsable } from '../body-parser.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';

/** The largest ingest request body. */
const MAX_EVENTS_BODY_BYTES = 4 * 1024 * 1024;

/** The corp an `Authorization: Bearer <ingest key>` header belongs to (401 otherwise). */
export async function ingestCorp(ctx: ServerContext, request: FastifyRequest): Promise<string> {
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S{1,512})\s*$/i.exec(header) : null;
  if (!m) throw new LivestatHttpError(401, 'unauthorized', 'send the ingest key as Authorization: Bearer <key>');
  const corpid = await ctx.store.findIngestKey(lookupHash(m[1]!));
  if (corpid === undefined) throw new LivestatHttpError(401, 'unauthorized', 'unknown ingest key');
  return corpid;
}

function eventsOf(body: unknown): unknown[] {
  if (isUnparsable(body)) throw new LivestatHttpError(400, 'invalid_json', 'the body is not valid JSON');
  const events = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { events?: unknown }).events : undefined;
  if (!Array.isArray(events)) throw new LivestatHttpError(400, 'bad_request', 'the body must be {"events": [...]}');
  if (events.length > MAX_EVENTS_PER_REQUEST)
    throw new LivestatHttpError(413, 'too_many_events', `at most ${MAX_EVENTS_PER_REQUEST} events per request, got ${events.length}`);
  return events;
}

/**
 * `POST /livestat/v1/events`: viewer activity in. Valid events are applied even when others
 * in the batch are rejected (each rejection names its field), and the reply is sent only after
 * the accepted events are durable.
 */
export function registerEvents(app: FastifyInstance, ctx: ServerContext): void {
  app.post(EVENTS_PATH, {
    config: { wire: 'livestat' },
    bodyLimit: MAX_EVENTS_BODY_BYTES,
    schema: { response: { 200: IngestReplySchema } },
    handler: async (request) => {
      const corpid = await ingestCorp(ctx, request);
      const raw = eventsOf(request.body);
      const rejected: IngestRejection[] = [];
      const valid: IngestEvent[] = [];
      const validIndex: number[] = [];
      raw.forEach((item, index) => {
        const result = validateEvent(item, index);
        if (result.ok) {
          valid.push(result.event);
          validIndex.push(index);
        } else rejected.push({ index, reason: result.reason });
      });
      const now = ctx.clock.now(corpid);
      const outcomes = valid.length === 0 ? [] : await ctx.store.ingestEvents(corpid, valid, { needsAll: foldNeedsAll, fold: (input) => foldViewer(input, now, ctx.graceMs) });
      let accepted = 0;
      let duplicates = 0;
      outcomes.forEach((outcome, i) => {
        if (outcome === 'accepted') accepted++;
        else if (outcome === 'duplicate') duplicates++;
        // The same words for a live that does not exist and one of another corp: existence never leaks.
        else rejected.push({ index: validIndex[i]!, reason: `events[${validIndex[i]}].livingid: no such live in this corp` });
      });
      rejected.sort((a, b) => a.index - b.index);
      return { accepted, duplicates, rejected };
    },
  });
}
