import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import type { LivingRecord, LivingCounts } from '../../domain/living-record.js';
import { livingFigures, replayOf } from '../../domain/living-status.js';
import { mayReadLiving } from '../../domain/permissions.js';
import { GET_LIVING_INFO_PATH, GetLivingInfoQuerySchema, LIVING_STATUS, type GetLivingInfoReply, type LivingInfo } from '../../protocol/living-info.js';
import type { ServerContext } from '../context.js';
import { livingCall } from '../living-call.js';
import { requestProblem } from '../request-problem.js';
import { queryParam } from '../request-info.js';
import { wecomRoute } from '../wecom-route.js';
import { WeComReplyError, invalidParameter } from '../wecom-error.js';

const validQuery = Compile(GetLivingInfoQuerySchema);
/**
 * The serializer's view of the reply: fast-json-stringify writes optional properties after the
 * required ones, which would move replay_status and push_stream_url out of WeCom's order, so
 * living_info (already built in that order and typed by GetLivingInfoReplySchema) is written as is.
 */
const ReplySerialization = Type.Object({
  errcode: Type.Integer(),
  errmsg: Type.String(),
  living_info: Type.Optional(Type.Object({}, { additionalProperties: true })),
});
/** livestat keeps no departments: every anchor is in the root department [D]. */
const MAIN_DEPARTMENT = 1;
/** An event live's push address while reserved; livestat receives no stream, so it is a placeholder [D]. */
const PUSH_STREAM_BASE = 'rtmp://push.livestat.invalid/living/';

/** living_info in WeCom's key order; replay_status and push_stream_url only where they apply. */
export function toLivingInfo(record: LivingRecord, counts: LivingCounts, nowMs: number): LivingInfo {
  const { status, viewers, commenters, micTakers, online } = livingFigures(record, counts, nowMs);
  const replay = replayOf(status, record.replayDeleted);
  const pushStream = record.type === 4 && status === LIVING_STATUS.RESERVED;
  return {
    theme: record.theme,
    living_start: record.livingStart,
    living_duration: record.livingDuration,
    status,
    // livestat does not see when an anchor really starts, so the reserved schedule is the schedule.
    reserve_start: record.livingStart,
    reserve_living_duration: record.livingDuration,
    description: record.description,
    anchor_userid: record.anchorUserid,
    main_department: MAIN_DEPARTMENT,
    viewer_num: viewers,
    comment_num: commenters,
    mic_num: micTakers,
    open_replay: replay.openReplay,
    ...(replay.replayStatus === undefined ? {} : { replay_status: replay.replayStatus }),
    type: record.type,
    ...(pushStream ? { push_stream_url: `${PUSH_STREAM_BASE}${record.livingid}` } : {}),
    online_count: online,
    subscribe_count: 0,
  };
}

/**
 * `GET /cgi-bin/living/get_living_info?livingid=`: a live's details, status and audience numbers.
 * A POST is answered the same way (livingid still from the query), as WeCom's GET endpoints do.
 */
export function registerLivingInfo(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'],
    url: GET_LIVING_INFO_PATH,
    ...wecomRoute,
    schema: { response: { 200: ReplySerialization } },
    handler: livingCall<undefined, GetLivingInfoReply>(ctx, { api: 'get_living_info', method: 'GET' }, async ({ app: caller, request }) => {
      if (request.method !== 'GET' && request.method !== 'POST') throw invalidParameter(`http method ${request.method} not allowed, use GET`);
      const query = { livingid: queryParam(request, 'livingid') };
      if (!validQuery.Check(query)) throw invalidParameter(requestProblem(GetLivingInfoQuerySchema, query));
      const record = await ctx.store.getLivingRecord(caller.corpid, query.livingid);
      if (!record || !mayReadLiving(caller, record)) throw new WeComReplyError(92008);
      const counts = await ctx.store.livingCounts(caller.corpid, query.livingid);
      return { errcode: 0, errmsg: 'ok', living_info: toLivingInfo(record, counts, ctx.clock.now(caller.corpid)) };
    }),
  });
}
