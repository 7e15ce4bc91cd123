import type { FastifyInstance } from 'fastify';
import { type ErrorReply, ErrorReplySchema } from '../../protocol/gettoken.js';
import { hasReplay } from '../../domain/living-status.js';
import { LIVING_DELETE_REPLAY_DATA_PATH, LivingIdRequestSchema, type LivingIdRequest } from '../../protocol/living-manage.js';
import type { ServerContext } from '../context.js';
import { ANY_METHOD, livingCall } from '../living-call.js';
import { wecomRoute } from '../wecom-route.js';
import { WeComReplyError } from '../wecom-error.js';
import { livingTarget } from './living-target.js';

/**
 * `POST /cgi-bin/living/delete_replay_data`: deletes an ended live's replay, once. A live that
 * has not ended or has replay off (so has no replay), or whose replay is already deleted, answers 92007.
 */
export function registerLivingReplay(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: [...ANY_METHOD],
    url: LIVING_DELETE_REPLAY_DATA_PATH,
    ...wecomRoute,
    schema: { response: { 200: ErrorReplySchema } },
    handler: livingCall<LivingIdRequest, ErrorReply>(ctx, { api: 'delete_replay_data', method: 'POST', body: LivingIdRequestSchema }, async ({ app: caller, body }) => {
      const { record, status } = await livingTarget(ctx, caller, body.livingid);
      if (!hasReplay(status, record.openReplay, record.replayDeleted)) throw new WeComReplyError(92007);
      if (!(await ctx.store.setLivingState(caller.corpid, body.livingid, 'replay_deleted', ctx.clock.now(caller.corpid)))) throw new WeComReplyError(92007);
      return { errcode: 0, errmsg: 'ok' };
    }),
  });
}
