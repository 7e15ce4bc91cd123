import type { FastifyInstance, FastifyRequest } from 'fastify';
import { foldNeedsAll, foldViewer } from '../../domain/activity/fold-viewer.js';
import { validateIngestItem } from '../../domain/activity/validate-event.js';
import { LIVING_CODE_TTL_MS, newCode, type ShareCodeRecord } from '../../domain/living-codes.js';
import { lookupHash } from '../../domain/credentials.js';
import { EVENTS_PATH, MAX_EVENTS_PER_REQUEST, type IngestAnchorEvent, type IngestEvent, type IngestRejection, type IngestReply, IngestReplySchema, type IngestShareCode } from '../../protocol/events.js';
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

/** The same words for a live that does not exist and one of another corp: existence never leaks. */
const noSuchLive = (index: number) => `events[${index}].livingid: no such live in this corp`;

/**
 * A share code for each accepted `enter` through a share that asked for one (`share_code: true`,
 * which validation allows only with an inviter): what the mini-program would append as
 * ww_share_code, for get_living_share_info to resolve.
 */
async function shareCodesFor(ctx: ServerContext, corpid: string, entered: readonly { index: number; event: IngestEvent }[]): Promise<IngestShareCode[]> {
  if (entered.length === 0) return [];
  const now = ctx.clock.now(corpid);
  const expiresAt = now + LIVING_CODE_TTL_MS;
  const records: ShareCodeRecord[] = [];
  const out: IngestShareCode[] = [];
  for (const { index, event } of entered) {
    const { code, hash } = newCode(ctx.control.random);
    const v = event.viewer;
    const i = event.invitor!;
    records.push({
      hash,
      corpid,
      livingid: event.livingid,
      viewer: 'userid' in v ? { kind: 0, id: v.userid } : { kind: 1, id: v.external_userid },
      invitor: 'userid' in i ? { kind: 0, id: i.userid } : { kind: 1, id: i.external_userid },
      expiresAt,
    });
    out.push({ index, ww_share_code: code, expires_at: Math.floor(expiresAt / 1000) });
  }
  await ctx.store.saveShareCodes(records, now);
  return out;
}

/**
 * `POST /livestat/v1/events`: viewer activity and the anchor's on-air and off-air events in.
 * Valid events are applied even when others in the batch are rejected (each rejection names
 * its field), and the reply is sent only after the accepted events are durable.
 */
export function registerEvents(app: FastifyInstance, ctx: ServerContext): void {
  app.post(EVENTS_PATH, {
    config: { wire: 'livestat' },
    bodyLimit: MAX_EVENTS_BODY_BYTES,
    schema: { response: { 200: IngestReplySchema } },
    handler: async (request): Promise<IngestReply> => {
      const corpid = await ingestCorp(ctx, request);
      const raw = eventsOf(request.body);
      const rejected: IngestRejection[] = [];
      const valid: IngestEvent[] = [];
      const validIndex: number[] = [];
      const anchors: IngestAnchorEvent[] = [];
      const anchorIndex: number[] = [];
      raw.forEach((item, index) => {
        const result = validateIngestItem(item, index);
        if (!result.ok) rejected.push({ index, reason: result.reason });
        else if ('anchor' in result) {
          anchors.push(result.anchor);
          anchorIndex.push(index);
        } else {
          valid.push(result.event);
          validIndex.push(index);
        }
      });
      const now = ctx.clock.now(corpid);
      const outcomes = valid.length === 0 ? [] : await ctx.store.ingestEvents(corpid, valid, { needsAll: foldNeedsAll, fold: (input) => foldViewer(input, now, ctx.graceMs) });
      let accepted = 0;
      let duplicates = 0;
      const entered: { index: number; event: IngestEvent }[] = [];
      outcomes.forEach((outcome, i) => {
        const index = validIndex[i]!;
        if (outcome === 'accepted') {
          accepted++;
          if (valid[i]!.share_code === true) entered.push({ index, event: valid[i]! });
        } else if (outcome === 'duplicate') duplicates++;
        else rejected.push({ index, reason: noSuchLive(index) });
      });
      const anchorOutcomes = await ctx.store.ingestAnchorEvents(corpid, anchors);
      anchorOutcomes.forEach((outcome, i) => {
        const index = anchorIndex[i]!;
        if (outcome === 'accepted') accepted++;
        else if (outcome === 'duplicate') duplicates++;
        else if (outcome === 'not_anchor') rejected.push({ index, reason: `events[${index}].anchor.userid: not the anchor of this live` });
        else rejected.push({ index, reason: noSuchLive(index) });
      });
      rejected.sort((a, b) => a.index - b.index);
      const shareCodes = await shareCodesFor(ctx, corpid, entered);
      return shareCodes.length === 0 ? { accepted, duplicates, rejected } : { accepted, duplicates, rejected, share_codes: shareCodes };
    },
  });
}
