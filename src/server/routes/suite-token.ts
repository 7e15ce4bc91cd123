import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Compile } from 'typebox/compile';
import type { Static, TSchema } from 'typebox';
import { deriveAccessToken, lookupHash, newNonce, sameHash, verifySecret } from '../../domain/credentials.js';
import { isTrustedIp } from '../../domain/trusted-ips.js';
import { TOKEN_TTL_SECONDS } from '../../protocol/gettoken.js';
import {
  GET_CORP_TOKEN_PATH,
  GET_SUITE_TOKEN_PATH,
  GetCorpTokenReplySchema,
  GetCorpTokenRequestSchema,
  GetSuiteTokenReplySchema,
  GetSuiteTokenRequestSchema,
} from '../../protocol/suite-token.js';
import type { ServerContext } from '../context.js';
import { checkRateLimit } from '../limits.js';
import { ANY_METHOD } from '../living-call.js';
import { isUnparsable } from '../body-parser.js';
import { requestProblem } from '../request-problem.js';
import { callerIp, queryParam } from '../request-info.js';
import { wecomRoute } from '../wecom-route.js';
import { suiteTicketAccepted } from '../callbacks/suite-ticket-check.js';
import { WeComReplyError, invalidParameter } from '../wecom-error.js';

const TTL_MS = TOKEN_TTL_SECONDS * 1000;
const validSuiteRequest = Compile(GetSuiteTokenRequestSchema);
const validCorpRequest = Compile(GetCorpTokenRequestSchema);

/** The POST body, or 40058 naming the bad field (after `first`, an endpoint's own errcode for a field). */
function postBody<S extends TSchema>(request: FastifyRequest, schema: S, check: { Check(value: unknown): boolean }, first?: (body: unknown) => void): Static<S> {
  if (request.method !== 'POST') throw invalidParameter(`http method ${request.method} not allowed, use POST`);
  if (first && !isUnparsable(request.body)) first(request.body);
  if (!check.Check(request.body)) throw invalidParameter(requestProblem(schema, request.body));
  return request.body as Static<S>;
}

/** 41021 for no body, or a JSON object without suite_id (or with an empty one), as WeCom's global table has it. */
function suiteIdMissing(body: unknown): void {
  if (body === undefined) throw new WeComReplyError(41021);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const id = (body as { suite_id?: unknown }).suite_id;
  if (id === undefined || id === null || id === '') throw new WeComReplyError(41021);
}

/** Suite tokens are derived like access tokens, under a name that no corp can have. */
function suiteTokenName(suiteId: string): string {
  return `suite\0${suiteId}`;
}

/**
 * `POST /cgi-bin/service/get_suite_token` and `POST /cgi-bin/service/get_corp_token`: how a
 * third-party app gets an authorizing corp's token. Both return the same token while it is
 * valid and renew it, as gettoken does, and both succeed without errcode or errmsg. Both are the
 * provider's calls: checked against the suite's source-IP allowlist (60020) and counted under
 * the providers' per-IP limits.
 */
export function registerSuiteTokens(app: FastifyInstance, ctx: ServerContext): void {
  app.route({
    method: [...ANY_METHOD],
    url: GET_SUITE_TOKEN_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetSuiteTokenReplySchema } },
    handler: async (request) => {
      await ctx.faults.apply('get_suite_token');
      const body = postBody(request, GetSuiteTokenRequestSchema, validSuiteRequest, suiteIdMissing);
      const ip = callerIp(request);
      await checkRateLimit(ctx, 'get_suite_token', undefined, ip, true);
      const suite = await ctx.store.getSuite(body.suite_id);
      if (!suite) throw new WeComReplyError(40083);
      // The provider's source-IP allowlist, before the secret: an outside IP cannot guess it.
      if (!isTrustedIp(suite.trustedIps, ip)) throw new WeComReplyError(60020);
      if (!verifySecret(body.suite_secret, suite.secretHash)) throw new WeComReplyError(40001);
      if (!(await suiteTicketAccepted(ctx, suite, body.suite_ticket))) throw new WeComReplyError(40085);
      const now = ctx.clock.now();
      const name = suiteTokenName(suite.suiteId);
      const current = await ctx.store.currentSuiteToken(suite.suiteId, now);
      let token: string | undefined;
      if (current) {
        const again = deriveAccessToken(body.suite_secret, name, 0, current.nonce);
        if (sameHash(lookupHash(again), current.hash)) token = again;
      }
      const nonce = token === undefined ? newNonce(ctx.control.random) : current!.nonce;
      token ??= deriveAccessToken(body.suite_secret, name, 0, nonce);
      await ctx.store.saveSuiteToken({ hash: lookupHash(token), suiteId: suite.suiteId, expiresAt: now + TTL_MS, nonce });
      return { suite_access_token: token, expires_in: TOKEN_TTL_SECONDS };
    },
  });

  app.route({
    method: [...ANY_METHOD],
    url: GET_CORP_TOKEN_PATH,
    ...wecomRoute,
    schema: { response: { 200: GetCorpTokenReplySchema } },
    handler: async (request) => {
      await ctx.faults.apply('get_corp_token');
      // The suite token comes first, as access_token does on every other endpoint.
      const suiteToken = queryParam(request, 'suite_access_token');
      if (suiteToken === undefined || suiteToken === '') throw new WeComReplyError(41022);
      const hash = lookupHash(suiteToken);
      const record = suiteToken.length > 512 ? undefined : await ctx.store.findSuiteToken(hash);
      if (!record || !sameHash(record.hash, hash)) throw new WeComReplyError(40082);
      const now = ctx.clock.now();
      if (record.expiresAt <= now) throw new WeComReplyError(42009);
      const ip = callerIp(request);
      const suite = await ctx.store.getSuite(record.suiteId);
      if (!suite) throw new WeComReplyError(40082);
      if (!isTrustedIp(suite.trustedIps, ip)) throw new WeComReplyError(60020);
      await checkRateLimit(ctx, 'get_corp_token', undefined, ip, true);
      const body = postBody(request, GetCorpTokenRequestSchema, validCorpRequest);
      // Every authorization is verified, match or not, so timing does not tell which matched;
      // a corp that did not authorize the suite answers like a wrong code.
      let agentid: number | undefined;
      for (const auth of await ctx.store.listSuiteAuthorizations(record.suiteId, body.auth_corpid)) {
        if (verifySecret(body.permanent_code, auth.permanentCodeHash) && agentid === undefined) agentid = auth.agentid;
      }
      if (agentid === undefined) throw new WeComReplyError(40084);
      const installed = await ctx.store.getApp(body.auth_corpid, agentid);
      if (!installed) throw new WeComReplyError(40084);

      // The corp token lives on the authorizing corp's clock, as every token of that corp does.
      const corpNow = ctx.clock.now(body.auth_corpid);
      const current = await ctx.store.currentToken(body.auth_corpid, agentid, corpNow);
      let token: string | undefined;
      if (current?.nonce) {
        const again = deriveAccessToken(body.permanent_code, body.auth_corpid, agentid, current.nonce);
        if (sameHash(lookupHash(again), current.hash)) token = again;
      }
      const nonce = token === undefined ? newNonce(ctx.control.random) : current!.nonce!;
      token ??= deriveAccessToken(body.permanent_code, body.auth_corpid, agentid, nonce);
      await ctx.store.saveToken({ hash: lookupHash(token), corpid: body.auth_corpid, agentid, expiresAt: corpNow + TTL_MS, nonce });
      return { access_token: token, expires_in: TOKEN_TTL_SECONDS };
    },
  });
}
