import type { FastifyInstance } from 'fastify';
import { Compile } from 'typebox/compile';
import { watchTimeAt } from '../../domain/activity/watch-time.js';
import { decodeNextKey, encodeNextKey, type ViewerKey } from '../../domain/cursor.js';
import { livingSpan } from '../../domain/model.js';
import { withWatchTime } from '../../domain/wire-row.js';
import { mayCallLivingApi, mayReadLiving } from '../../domain/permissions.js';
import { MAX_LIVINGID_LENGTH, MAX_NEXT_KEY_LENGTH } from '../../protocol/ids.js';
import {
  GET_WATCH_STAT_PATH,
  GetWatchStatReplySchema,
  GetWatchStatRequestSchema,
  isStartKey,
} from '../../protocol/watch-stat.js';
import { authenticate } from '../auth.js';
import { isUnparsable, unparsableReason } from '../body-parser.js';
import type { ServerContext } from '../context.js';
import { cursorSecret } from '../control/cursor-secret.js';
import type { WireRow } from '../../store/store.js';
import { ConcurrencyGate, checkRateLimit } from '../limits.js';
import { callerIp } from '../request-info.js';
import { wecomRoute } from '../wecom-route.js';
import { WeComReplyError, invalidParameter } from '../wecom-error.js';

const validRequest = Compile(GetWatchStatRequestSchema);

/** The 40058 detail for a body that is not a valid request, naming the field. */
function requestProblem(body: unknown): string | undefined {
  if (isUnparsable(body)) return unparsableReason(body);
  if (body === undefined) return 'livingid missing';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body must be a json object';
  if (validRequest.Check(body)) return undefined;
  const { livingid, next_key: nextKey } = body as Record<string, unknown>;
  if (livingid === undefined || livingid === null || livingid === '') return 'livingid missing';
  if (typeof livingid !== 'string') return 'livingid must be a string';
  if (livingid.length > MAX_LIVINGID_LENGTH) return `livingid longer than ${MAX_LIVINGID_LENGTH}`;
  if (nextKey !== undefined && typeof nextKey !== 'string') return 'next_key must be a string';
  if (typeof nextKey === 'string' && nextKey.length > MAX_NEXT_KEY_LENGTH) return 'invalid next_key';
  return 'invalid request';
}

/**
 * `POST /cgi-bin/living/get_watch_stat`. Checks run in WeCom's order: token, caller IP,
 * frequency and concurrency limits, the app's API permission (48002), the method and body
 * (40058), the live (92008, also for lives that do not exist or are another corp's), next_key.
 */
export function registerGetWatchStat(app: FastifyInstance, ctx: ServerContext): void {
  const gate = new ConcurrencyGate(ctx.maxConcurrentPerCorp);
  // Held weakly: an entry goes when the store's cache lets go of its page.
  const bodies = new WeakMap<readonly WireRow[], Buffer>();
  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
    url: GET_WATCH_STAT_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetWatchStatReplySchema } },
    handler: async (request, reply) => {
      const { corp, app: caller } = await authenticate(ctx, request);
      await checkRateLimit(ctx, 'get_watch_stat', corp.corpid, callerIp(request));
      const release = gate.enter('get_watch_stat', corp.corpid);
      try {
        await ctx.faults.apply('get_watch_stat', request);
        if (!mayCallLivingApi(caller, corp, ctx.clock.now())) throw new WeComReplyError(48002);
        if (request.method !== 'POST') throw invalidParameter(`http method ${request.method} not allowed, use POST`);
        const problem = requestProblem(request.body);
        if (problem) throw invalidParameter(problem);
        const { livingid, next_key: nextKey } = request.body as { livingid: string; next_key?: string };

        const living = await ctx.store.getLiving(corp.corpid, livingid);
        if (!living || !mayReadLiving(caller, living)) throw new WeComReplyError(92008);
        const secret = await cursorSecret(ctx);
        let after: ViewerKey | undefined;
        if (!isStartKey(nextKey)) {
          after = decodeNextKey(secret, corp.corpid, livingid, nextKey!);
          if (!after) throw invalidParameter('invalid next_key');
        }

        const rows = await ctx.store.pageWire(corp.corpid, livingid, after, ctx.pageSize + 1);
        // A store that caches pages hands back the very same array while nothing changed; its
        // encoded reply is then reused as is (replies never vary by caller, only by page).
        const encoded = bodies.get(rows);
        if (encoded) return reply.send(encoded);
        const ending = rows.length <= ctx.pageSize ? 1 : 0;
        const page = ending ? rows : rows.slice(0, ctx.pageSize);
        const users: string[] = [];
        const externalUsers: string[] = [];
        const now = ctx.clock.now();
        for (const row of page) {
          // Rows of viewers still watching bring their watch time up to now.
          const json = row.openWatch ? withWatchTime(row.json, watchTimeAt(row.openWatch, now, livingSpan(living))) : row.json;
          (row.kind === 0 ? users : externalUsers).push(json);
        }
        const last = page[page.length - 1];
        const next = ending || !last ? '' : encodeNextKey(secret, corp.corpid, livingid, { kind: last.kind, id: last.id });
        // The entries are stored as wire JSON: the page is joined, not re-serialized, in the
        // key order of real traffic (errcode, errmsg, stat_info, ending, next_key).
        const body = Buffer.from(
          `{"errcode":0,"errmsg":"ok","stat_info":{"users":[${users.join(',')}],"external_users":[${externalUsers.join(',')}]},"ending":${ending},"next_key":${JSON.stringify(next)}}`,
        );
        // Pages with viewers still watching change with the clock: never reused.
        if (!page.some((row) => row.openWatch)) bodies.set(rows, body);
        return reply.send(body);
      } finally {
        release();
      }
    },
  });
}
