import type { FastifyInstance } from 'fastify';
import { LIVING_CODE_TTL_MS, newCode, shareInvitor, type PartyRef } from '../../domain/living-codes.js';
import { mayManageLiving, mayReadLiving } from '../../domain/permissions.js';
import {
  GET_LIVING_CODE_PATH,
  GET_LIVING_SHARE_INFO_PATH,
  GetLivingCodeReplySchema,
  GetLivingCodeRequestSchema,
  GetLivingShareInfoReplySchema,
  GetLivingShareInfoRequestSchema,
  type GetLivingCodeReply,
  type GetLivingCodeRequest,
  type GetLivingShareInfoReply,
  type GetLivingShareInfoRequest,
} from '../../protocol/living-code.js';
import { lookupHash } from '../../domain/credentials.js';
import type { ServerContext } from '../context.js';
import { ANY_METHOD, livingCall } from '../living-call.js';
import { wecomRoute } from '../wecom-route.js';
import { WeComReplyError, invalidParameter } from '../wecom-error.js';

/**
 * `POST /cgi-bin/living/get_living_code`: a code that opens the live for one WeChat user in the
 * live mini-program, valid (and reusable) for 5 minutes. Only for lives the calling app created
 * (the system app: all of its corp's); anything else is 92008, as for the rest of the family.
 */
export function registerLivingCode(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: [...ANY_METHOD],
    url: GET_LIVING_CODE_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetLivingCodeReplySchema } },
    handler: livingCall<GetLivingCodeRequest, GetLivingCodeReply>(ctx, { api: 'get_living_code', method: 'POST', body: GetLivingCodeRequestSchema }, async ({ app: caller, body }) => {
      const record = await ctx.store.getLivingRecord(caller.corpid, body.livingid);
      if (!record || !mayManageLiving(caller, record)) throw new WeComReplyError(92008);
      const now = ctx.clock.now(caller.corpid);
      const { code, hash } = newCode(ctx.control.random);
      const saved = await ctx.store.saveLivingCode({ hash, corpid: caller.corpid, livingid: body.livingid, openid: body.openid, expiresAt: now + LIVING_CODE_TTL_MS }, now);
      // Removed between the read and the write (a control-API delete): as if it never existed.
      if (!saved) throw new WeComReplyError(92008);
      return { errcode: 0, errmsg: 'ok', living_code: code };
    }),
  });
}

const member = (p: PartyRef) => p.kind === 0;

/**
 * `POST /cgi-bin/living/get_living_share_info`: who entered which live through whose share, from
 * the ww_share_code the mini-program appended. An unknown, expired or other corp's code is
 * 40058 `invalid ww_share_code` [D]; a code of a live the app may not read is 92008.
 */
export function registerLivingShareInfo(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: [...ANY_METHOD],
    url: GET_LIVING_SHARE_INFO_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetLivingShareInfoReplySchema } },
    handler: livingCall<GetLivingShareInfoRequest, GetLivingShareInfoReply>(
      ctx,
      { api: 'get_living_share_info', method: 'POST', body: GetLivingShareInfoRequestSchema },
      async ({ app: caller, body }) => {
        const found = await ctx.store.findShareCode(caller.corpid, lookupHash(body.ww_share_code), ctx.clock.now(caller.corpid));
        if (!found) throw invalidParameter('invalid ww_share_code');
        const record = await ctx.store.getLivingRecord(caller.corpid, found.livingid);
        if (!record || !mayReadLiving(caller, record)) throw new WeComReplyError(92008);
        const invitor = shareInvitor(found);
        // Built in the doc's key order; the serializer keeps it (all optional, in this order).
        return {
          errcode: 0,
          errmsg: 'ok',
          livingid: found.livingid,
          ...(member(found.viewer) ? { viewer_userid: found.viewer.id } : { viewer_external_userid: found.viewer.id }),
          ...(invitor === undefined ? {} : member(invitor) ? { invitor_userid: invitor.id } : { invitor_external_userid: invitor.id }),
        };
      },
    ),
  });
}
