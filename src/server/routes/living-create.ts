import { livingFromFields } from '../../domain/model.js';
import type { FastifyInstance } from 'fastify';
import { newLivingid } from '../../domain/living-ids.js';
import { LIVING_CREATE_PATH, LivingCreateReplySchema, LivingCreateRequestSchema, type LivingCreateReply, type LivingCreateRequest } from '../../protocol/living-manage.js';
import type { ServerContext } from '../context.js';
import { ANY_METHOD, livingCall } from '../living-call.js';
import { wecomRoute } from '../wecom-route.js';

/**
 * `POST /cgi-bin/living/create`: reserves a live with a fresh livingid in the real format. The
 * calling app becomes its creator, which is what lets it read and change the live later.
 */
export function registerLivingCreate(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: [...ANY_METHOD],
    url: LIVING_CREATE_PATH,
    ...wecomRoute,
    schema: { response: { 200: LivingCreateReplySchema } },
    handler: livingCall<LivingCreateRequest, LivingCreateReply>(ctx, { api: 'living_create', method: 'POST', body: LivingCreateRequestSchema }, async ({ corp, app: caller, body }) => {
      const livingid = newLivingid(ctx.control.random);
      await ctx.store.createLiving(livingFromFields(corp.corpid, livingid, body, caller.agentid), body.remind_time);
      return { errcode: 0, errmsg: 'ok', livingid };
    }),
  });
}
