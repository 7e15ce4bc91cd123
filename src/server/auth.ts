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
  /** A third-party or agency app, called by its provider: the providers' per-IP limits apply. */
  byProvider: boolean;
}

/** Third-party and agency apps are run by a provider (服务商), from the provider's servers. */
function isProviderApp(app: App): boolean {
  return app.kind === 'third_party' || app.kind === 'agency';
}

/**
 * The allowlist an app's calls are checked against: its own trusted_ips, or for a provider's
 * app the allowlist of the suite that installed it (none when no suite names it).
 */
async function allowlistOf(ctx: ServerContext, app: App): Promise<readonly string[]> {
  if (!isProviderApp(app)) return app.trustedIps;
  return (await ctx.store.suiteOfApp(app.corpid, app.agentid))?.trustedIps ?? [];
}

/**
 * Resolves the `access_token` query parameter (the only place WeCom reads it: a token in a
 * header or the body counts as missing) to its app: 41001, 40014, 42001 and 60020 (the caller's
 * IP is checked here, on the business call; gettoken issues tokens to any IP).
 */
export async function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<Caller> {
  const token = queryParam(request, 'access_token');
  if (token === undefined || token === '') throw new WeComReplyError(41001);
  if (token.length > MAX_ACCESS_TOKEN_LENGTH) throw new WeComReplyError(40014);
  const hash = lookupHash(token);
  // The token and its app and corp in one read, as of one moment.
  const found = await ctx.store.findCaller(hash);
  if (!found || !sameHash(found.token.hash, hash)) throw new WeComReplyError(40014);
  const { token: record, app, corp } = found;
  noteCaller(request, record.corpid, record.agentid);
  if (record.expiresAt !== undefined && record.expiresAt <= ctx.clock.now(record.corpid)) throw new WeComReplyError(ctx.expiredTokenErrcode);
  if (!app || !corp) throw new WeComReplyError(40014);
  if (!isTrustedIp(await allowlistOf(ctx, app), callerIp(request))) throw new WeComReplyError(60020);
  return { corp, app, byProvider: isProviderApp(app) };
}
