import type { FastifyInstance } from 'fastify';
import { Compile } from 'typebox/compile';
import { currentWatchTime } from '../../domain/activity/fold-viewer.js';
import { decodeNextKey, encodeNextKey, type ViewerKey } from '../../domain/cursor.js';
import type { ViewerStat } from '../../domain/model.js';
import { mayCallLivingApi, mayReadLiving } from '../../domain/permissions.js';
import { MAX_LIVINGID_LENGTH, MAX_NEXT_KEY_LENGTH } from '../../protocol/ids.js';
import {
  GET_WATCH_STAT_PATH,
  GetWatchStatReplySchema,
  GetWatchStatRequestSchema,
  isStartKey,
  type WatchStatExternalUser,
  type WatchStatUser,
} from '../../protocol/watch-stat.js';
import { authenticate } from '../auth.js';
import { isUnparsable } from '../body-parser.js';
import type { ServerContext } from '../context.js';
import { ConcurrencyGate, checkRateLimit } from '../limits.js';
import { callerIp } from '../request-info.js';
import { wecomRoute } from '../wecom-route.js';
import { WeComReplyError, invalidParameter } from '../wecom-error.js';

const validRequest = Compile(GetWatchStatRequestSchema);

/** The 40058 detail for a body that is not a valid request, naming the field. */
function requestProblem(body: unknown): string | undefined {
  if (isUnparsable(body)) return 'invalid json';
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

export function toUser(v: ViewerStat, watchTime: number): WatchStatUser {
  const u: WatchStatUser = { userid: v.id, watch_time: watchTime, is_comment: v.isComment, is_mic: v.isMic };
  if (v.invitorUserid !== undefined) u.invitor_userid = v.invitorUserid;
  else if (v.invitorExternalUserid !== undefined) u.invitor_external_userid = v.invitorExternalUserid;
  return u;
}

export function toExternalUser(v: ViewerStat, watchTime: number): WatchStatExternalUser {
  const u: WatchStatExternalUser = {
    external_userid: v.id,
    type: v.type ?? 1,
    name: v.name ?? '',
    watch_time: watchTime,
    is_comment: v.isComment,
    is_mic: v.isMic,
  };
  if (v.invitorUserid !== undefined) u.invitor_userid = v.invitorUserid;
  else if (v.invitorExternalUserid !== undefined) u.invitor_external_userid = v.invitorExternalUserid;
  return u;
}

/**
 * `POST /cgi-bin/living/get_watch_stat`. Checks run in WeCom's order: token, caller IP,
 * frequency and concurrency limits, the app's API permission (48002), the method and body
 * (40058), the live (92008, also for lives that do not exist or are another corp's), next_key.
 */
export function registerGetWatchStat(app: FastifyInstance, ctx: ServerContext): void {
  const gate = new ConcurrencyGate(ctx.maxConcurrentPerCorp);
  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
    url: GET_WATCH_STAT_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetWatchStatReplySchema } },
    handler: async (request) => {
      const { corp, app: caller } = await authenticate(ctx, request);
      await checkRateLimit(ctx, 'get_watch_stat', corp.corpid, callerIp(request));
      const release = gate.enter('get_watch_stat', corp.corpid);
      try {
        await ctx.faults.apply('get_watch_stat');
        if (!mayCallLivingApi(caller, corp, ctx.clock.now())) throw new WeComReplyError(48002);
        if (request.method !== 'POST') throw invalidParameter(`http method ${request.method} not allowed, use POST`);
        const problem = requestProblem(request.body);
        if (problem) throw invalidParameter(problem);
        const { livingid, next_key: nextKey } = request.body as { livingid: string; next_key?: string };

        const living = await ctx.store.getLiving(corp.corpid, livingid);
        if (!living || !mayReadLiving(caller, living)) throw new WeComReplyError(92008);
        const secret = await ctx.store.serverSecret();
        let after: ViewerKey | undefined;
        if (!isStartKey(nextKey)) {
          after = decodeNextKey(secret, corp.corpid, livingid, nextKey!);
          if (!after) throw invalidParameter('invalid next_key');
        }

        const rows = await ctx.store.pageViewers(corp.corpid, livingid, after, ctx.pageSize + 1);
        const ending = rows.length <= ctx.pageSize ? 1 : 0;
        if (!ending) rows.length = ctx.pageSize;
        const users: WatchStatUser[] = [];
        const externalUsers: WatchStatExternalUser[] = [];
        const now = ctx.clock.now();
        for (const row of rows) {
          // Rows of viewers still watching bring their watch time up to now.
          const watchTime = row.openWatch ? currentWatchTime(row, living, now) : row.watchTime;
          if (row.kind === 0) users.push(toUser(row, watchTime));
          else externalUsers.push(toExternalUser(row, watchTime));
        }
        const last = rows[rows.length - 1];
        const next = ending || !last ? '' : encodeNextKey(secret, corp.corpid, livingid, { kind: last.kind, id: last.id });
        return { errcode: 0, errmsg: 'ok', stat_info: { users, external_users: externalUsers }, ending, next_key: next };
      } finally {
        release();
      }
    },
  });
}
