import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { toLivingInfo } from '../../domain/living-info.js';
import { mayReadLiving } from '../../domain/permissions.js';
import { GET_LIVING_INFO_PATH, GetLivingInfoQuerySchema, type GetLivingInfoReply } from '../../protocol/living-info.js';
import type { ServerContext } from '../context.js';
import { ANY_METHOD, livingCall } from '../living-call.js';
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

/**
 * `GET /cgi-bin/living/get_living_info?livingid=`: a live's details, status and audience numbers.
 * A POST is answered the same way (livingid still from the query), as WeCom's GET endpoints do.
 */
export function registerLivingInfo(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: [...ANY_METHOD],
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
