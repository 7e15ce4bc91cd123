import type { FastifyInstance } from 'fastify';
import { decodeListCursor, encodeListCursor, listScope } from '../../domain/living-list-cursor.js';
import type { AnchorListKey } from '../../domain/living-record.js';
import {
  GET_USER_ALL_LIVINGID_PATH,
  GetUserAllLivingidReplySchema,
  GetUserAllLivingidRequestSchema,
  MAX_LIVINGID_LIST_LIMIT,
  type GetUserAllLivingidReply,
  type GetUserAllLivingidRequest,
} from '../../protocol/living-list.js';
import type { ServerContext } from '../context.js';
import { cursorSecret } from '../control/cursor-secret.js';
import { ANY_METHOD, livingCall } from '../living-call.js';
import { wecomRoute } from '../wecom-route.js';
import { invalidParameter } from '../wecom-error.js';

/**
 * `POST /cgi-bin/living/get_user_all_livingid`: the lives a member anchors that the calling app
 * may read (its own; the system app: all), newest start first, `limit` (≤ 100) per page.
 * `next_cursor` is `""` on the last page; a cursor is bound to the corp, app and member.
 */
export function registerLivingUserList(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: [...ANY_METHOD],
    url: GET_USER_ALL_LIVINGID_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetUserAllLivingidReplySchema } },
    handler: livingCall<GetUserAllLivingidRequest, GetUserAllLivingidReply>(
      ctx,
      { api: 'get_user_all_livingid', method: 'POST', body: GetUserAllLivingidRequestSchema },
      async ({ corp, app: caller, body }) => {
        const limit = body.limit || MAX_LIVINGID_LIST_LIMIT;
        const secret = await cursorSecret(ctx);
        const scope = listScope(corp.corpid, caller.agentid, body.userid);
        let after: AnchorListKey | undefined;
        if (body.cursor !== undefined && body.cursor !== '') {
          after = decodeListCursor(secret, scope, body.cursor);
          if (!after) throw invalidParameter('invalid cursor');
        }
        const creator = caller.kind === 'system' ? undefined : caller.agentid;
        const rows = await ctx.store.listAnchorLivings(corp.corpid, body.userid, creator, after, limit + 1);
        const more = rows.length > limit;
        if (more) rows.length = limit;
        const last = rows[rows.length - 1];
        const nextCursor = more && last ? encodeListCursor(secret, scope, last) : '';
        return { errcode: 0, errmsg: 'ok', next_cursor: nextCursor, livingid_list: rows.map((r) => r.livingid) };
      },
    ),
  });
}
