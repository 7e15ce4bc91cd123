import type { FastifyInstance } from 'fastify';
import { deriveAccessToken, lookupHash, newNonce, sameHash, verifySecret } from '../../domain/credentials.js';
import { GETTOKEN_PATH, GetTokenReplySchema, TOKEN_TTL_SECONDS } from '../../protocol/gettoken.js';
import type { ServerContext } from '../context.js';
import { checkRateLimit, checkWrongSecretBlock, countWrongSecret } from '../limits.js';
import { callerIp, queryParam } from '../request-info.js';
import { wecomRoute } from '../wecom-route.js';
import { WeComReplyError } from '../wecom-error.js';
import { noteCaller } from '../control/caller-note.js';

const TTL_MS = TOKEN_TTL_SECONDS * 1000;

/**
 * `GET /cgi-bin/gettoken?corpid&corpsecret`. The secret is checked first (41004), then the
 * corp (41002, 40013), then the secret itself (40001); never the caller's IP. A repeat call while the token is valid
 * returns the same token and renews it for another 7200 s, which is why `expires_in` is
 * always 7200.
 */
export function registerGetToken(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: ['GET', 'POST'],
    url: GETTOKEN_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetTokenReplySchema } },
    handler: async (request) => {
      const secret = queryParam(request, 'corpsecret');
      const corpid = queryParam(request, 'corpid');
      if (corpid) noteCaller(request, corpid);
      await ctx.faults.apply('gettoken', request);
      if (secret === undefined || secret === '') throw new WeComReplyError(41004);
      if (corpid === undefined || corpid === '') throw new WeComReplyError(41002);
      const ip = callerIp(request);
      await checkWrongSecretBlock(ctx, ip);
      await checkRateLimit(ctx, 'gettoken', undefined, ip);
      const corp = await ctx.store.getCorp(corpid);
      if (!corp) throw new WeComReplyError(40013);
      // Every candidate is verified, match or not, so timing does not tell which app matched.
      let agentid: number | undefined;
      for (const candidate of await ctx.store.listAppSecrets(corpid)) {
        if (verifySecret(secret, candidate.secretHash) && agentid === undefined) agentid = candidate.agentid;
      }
      if (agentid === undefined) {
        await countWrongSecret(ctx, ip);
        throw new WeComReplyError(40001);
      }
      const app = await ctx.store.getApp(corpid, agentid);
      if (!app) throw new WeComReplyError(40001);
      noteCaller(request, corpid, agentid);
      // Trusted IPs are not checked here: WeCom issues the token and refuses the business call
      // made with it (60020, in authenticate).

      const now = ctx.clock.now(corpid);
      const current = await ctx.store.currentToken(corpid, agentid, now);
      let token: string | undefined;
      if (current?.nonce) {
        const again = deriveAccessToken(secret, corpid, agentid, current.nonce);
        if (sameHash(lookupHash(again), current.hash)) token = again;
      }
      const nonce = token === undefined ? newNonce(ctx.control.random) : current!.nonce!;
      token ??= deriveAccessToken(secret, corpid, agentid, nonce);
      await ctx.store.saveToken({ hash: lookupHash(token), corpid, agentid, expiresAt: now + TTL_MS, nonce });
      return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: TOKEN_TTL_SECONDS };
    },
  });
}
