import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Living, livingSpan } from '../../domain/model.js';
import { mayReadLiving } from '../../domain/permissions.js';
import type { ViewerPosition } from '../../domain/viewer-position.js';
import { decodeNextKey, encodeNextKey } from '../../domain/watch-stat-next-key.js';
import { type JoinedPage, joinedPageReply, watchStatPageJson } from '../../domain/watch-stat-page.js';
import { MAX_LIVINGID_LENGTH } from '../../protocol/ids.js';
import { GET_WATCH_STAT_PATH, GetWatchStatReplySchema, GetWatchStatRequestSchema, isStartKey, type GetWatchStatRequest } from '../../protocol/watch-stat.js';
import type { ServerContext } from '../context.js';
import { ANY_METHOD, livingCall } from '../living-call.js';
import { cursorSecret } from '../control/cursor-secret.js';
import { wecomRoute } from '../wecom-route.js';
import { WeComReplyError, invalidParameter } from '../wecom-error.js';

/** How long a live whose pages were just stored (or tried) is left alone. */
const STORE_AGAIN_AFTER_MS = 60_000;

/**
 * Stores the pages of lives whose viewers came from ingest (loads store their own): when a
 * pull starts on a live that has ended, its pages are joined in the background, so the rest
 * of that pull and every later one read one row a page. Once a minute per live at most; the
 * store does nothing when pages are there. Awaited when the server closes.
 */
class PageStoring {
  private readonly tried = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly ctx: ServerContext,
    app: FastifyInstance,
  ) {
    app.addHook('onClose', async () => {
      await Promise.allSettled([...this.running]);
    });
  }

  afterFirstPage(corpid: string, living: Living, request: FastifyRequest): void {
    const now = this.ctx.clock.now(corpid);
    if (now < livingSpan(living).endMs) return;
    const key = `${corpid}\n${living.livingid}`;
    if ((this.tried.get(key) ?? -Infinity) > now - STORE_AGAIN_AFTER_MS) return;
    if (this.tried.size >= 10_000) this.tried.clear();
    this.tried.set(key, now);
    const run = this.ctx.store.storeLivingPages(corpid, living.livingid, this.ctx.pageSize).then(
      () => undefined,
      (e: unknown) => request.log.warn({ err: e }, 'storing get_watch_stat pages failed; pages are read from the rows'),
    );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}

/**
 * `POST /cgi-bin/living/get_watch_stat`, through the family's checks (living-call.ts), then the
 * live (92008, also for lives that do not exist or are another corp's) and next_key (40058).
 * The page itself is domain/watch-stat-page.ts; this only reads and sends it.
 */
export function registerGetWatchStat(app: FastifyInstance, ctx: ServerContext): void {
  // Held weakly: an entry goes when the store's cache lets go of its page. The secret is kept
  // with the reply because its next_key is signed with it, and a POST /seed changes it.
  const replies = new WeakMap<JoinedPage, { secret: Buffer; reply: Buffer }>();
  const storing = new PageStoring(ctx, app);
  app.route({
    method: [...ANY_METHOD],
    url: GET_WATCH_STAT_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetWatchStatReplySchema } },
    handler: livingCall<GetWatchStatRequest, Buffer>(
      ctx,
      {
        api: 'get_watch_stat',
        method: 'POST',
        body: GetWatchStatRequestSchema,
        // An over-long next_key is just not a key; both wordings are get_watch_stat's own.
        tooLong: { livingid: `livingid longer than ${MAX_LIVINGID_LENGTH}`, next_key: 'invalid next_key' },
      },
      async ({ corp, app: caller, body: { livingid, next_key: nextKey }, request }) => {
        const secret = await cursorSecret(ctx);
        let after: ViewerPosition | undefined;
        if (!isStartKey(nextKey)) {
          after = decodeNextKey(secret, corp.corpid, livingid, nextKey!);
          // The live is checked first: a bad next_key for a live the caller cannot read is 92008.
          if (!after) {
            const living = await ctx.store.getLiving(corp.corpid, livingid);
            if (!living || !mayReadLiving(caller, living)) throw new WeComReplyError(92008);
            throw invalidParameter('invalid next_key');
          }
        }
        const nextKeyAfter = (last: ViewerPosition) => encodeNextKey(secret, corp.corpid, livingid, last);
        // The live and its page in one read. A store that caches pages hands back the very same
        // page object while nothing changed.
        const { living, page: joined } = await ctx.store.livingPage(corp.corpid, livingid, after, ctx.pageSize);
        if (!living || !mayReadLiving(caller, living)) throw new WeComReplyError(92008);
        if (after === undefined) storing.afterFirstPage(corp.corpid, living, request);
        if (joined) {
          const known = replies.get(joined);
          if (known?.secret === secret) return known.reply;
          const reply = joinedPageReply(joined, nextKeyAfter);
          replies.set(joined, { secret, reply });
          return reply;
        }
        // Some viewer on the page is still watching: its watch time is brought up to now.
        const rows = await ctx.store.pageWire(corp.corpid, livingid, after, ctx.pageSize + 1);
        return Buffer.from(watchStatPageJson(rows, { pageSize: ctx.pageSize, living, nowMs: ctx.clock.now(corp.corpid), nextKeyAfter }));
      },
    ),
  });
}
