import type { FastifyRequest } from 'fastify';
import { lookupHash, sameHash } from '../domain/credentials.js';
import type { App, Corp } from '../domain/model.js';
import { isTrustedIp } from '../domain/trusted-ips.js';
import { MAX_ACCESS_TOKEN_LENGTH } from '../protocol/ids.js';
import type { ServerContext } from './context.js';
import { callerIp, queryParam } from './request-info.js';
import { WeComReplyError } from './wecom-error.js';
import { noteCaller } from './control/caller-note.js';

/** Who is calling: the app that the access token was issued to, and its corp. */
export interface Caller {
  corp: Corp;
  app: App;
}

/**
 * Resolves the `access_token` query parameter (the only place WeCom reads it: a token in a
 * header or the body counts as missing) to its app: 41001, 40014, 42001 and 60020.
 */
export async function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<Caller> {
  const token = queryParam(request, 'access_token');
  if (token === undefined || token === '') throw new WeComReplyError(41001);
  if (token.length > MAX_ACCESS_TOKEN_LENGTH) throw new WeComReplyError(40014);
  const hash = lookupHash(token);
  const record = await ctx.store.findToken(hash);
  if (!record || !sameHash(record.hash, hash)) throw new WeComReplyError(40014);
  noteCaller(request, record.corpid, record.agentid);
  if (record.expiresAt !== undefined && record.expiresAt <= ctx.clock.now(record.corpid)) throw new WeComReplyError(ctx.expiredTokenErrcode);
  const [app, corp] = await Promise.all([ctx.store.getApp(record.corpid, record.agentid), ctx.store.getCorp(record.corpid)]);
  if (!app || !corp) throw new WeComReplyError(40014);
  if (!isTrustedIp(app.trustedIps, callerIp(request))) throw new WeComReplyError(60020);
  return { corp, app };
}
