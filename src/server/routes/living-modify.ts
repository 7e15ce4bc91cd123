import type { FastifyInstance } from 'fastify';
import type { LivingChanges } from '../../domain/living-record.js';
import { mayModifyLiving } from '../../domain/permissions.js';
import { type ErrorReply, ErrorReplySchema } from '../../protocol/gettoken.js';
import { LIVING_STATUS } from '../../protocol/living-info.js';
import {
  LIVING_CANCEL_PATH,
  LIVING_MODIFY_PATH,
  LivingIdRequestSchema,
  LivingModifyRequestSchema,
  type LivingIdRequest,
  type LivingModifyRequest,
} from '../../protocol/living-manage.js';
import type { ServerContext } from '../context.js';
import { ANY_METHOD, livingCall } from '../living-call.js';
import { wecomRoute } from '../wecom-route.js';
import { WeComReplyError } from '../wecom-error.js';
import { livingTarget } from './living-target.js';

function changesOf(body: LivingModifyRequest): LivingChanges {
  const changes: LivingChanges = {};
  if (body.theme !== undefined) changes.theme = body.theme;
  if (body.living_start !== undefined) changes.livingStart = body.living_start;
  if (body.living_duration !== undefined) changes.livingDuration = body.living_duration;
  if (body.type !== undefined) changes.type = body.type;
  if (body.description !== undefined) changes.description = body.description;
  if (body.remind_time !== undefined) changes.remindTime = body.remind_time;
  return changes;
}

/**
 * `POST /cgi-bin/living/modify` and `POST /cgi-bin/living/cancel`: only a reserved live (status 0)
 * may change (else 92006); modify only by the app that created it (doc 93640), cancel also by the
 * system app (else 92008). modify's theme and description are limited in bytes (the schema's maxBytes).
 */
export function registerLivingModify(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: [...ANY_METHOD],
    url: LIVING_MODIFY_PATH,
    ...wecomRoute,
    schema: { response: { 200: ErrorReplySchema } },
    handler: livingCall<LivingModifyRequest, ErrorReply>(ctx, { api: 'living_modify', method: 'POST', body: LivingModifyRequestSchema }, async ({ app: caller, body }) => {
      const { status } = await livingTarget(ctx, caller, body.livingid, mayModifyLiving);
      if (status !== LIVING_STATUS.RESERVED) throw new WeComReplyError(92006);
      // A cancel that won the race between the check and the update leaves nothing to change.
      if (!(await ctx.store.updateLiving(caller.corpid, body.livingid, changesOf(body)))) throw new WeComReplyError(92006);
      return { errcode: 0, errmsg: 'ok' };
    }),
  });
  app.route({
    method: [...ANY_METHOD],
    url: LIVING_CANCEL_PATH,
    ...wecomRoute,
    schema: { response: { 200: ErrorReplySchema } },
    handler: livingCall<LivingIdRequest, ErrorReply>(ctx, { api: 'living_cancel', method: 'POST', body: LivingIdRequestSchema }, async ({ app: caller, body }) => {
      const { status } = await livingTarget(ctx, caller, body.livingid);
      if (status !== LIVING_STATUS.RESERVED) throw new WeComReplyError(92006);
      if (!(await ctx.store.setLivingState(caller.corpid, body.livingid, 'cancelled', ctx.clock.now(caller.corpid)))) throw new WeComReplyError(92006);
      return { errcode: 0, errmsg: 'ok' };
    }),
  });
}
