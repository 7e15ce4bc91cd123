import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { mayCallLivingApi } from '../domain/permissions.js';
import { type Caller, authenticate } from './auth.js';
import type { ServerContext } from './context.js';
import { ConcurrencyGate, checkRateLimit } from './limits.js';
import { type TooLongDetails, byteLimitCheck, requestProblem } from './request-problem.js';
import { callerIp } from './request-info.js';
import { WeComReplyError, invalidParameter } from './wecom-error.js';

/** What a live-stream endpoint's handler gets once every check passed. */
export interface LivingCallContext<Body> extends Caller {
  body: Body;
  request: FastifyRequest;
}

/** How one endpoint of the family is called: its name (for limits and faults), method and body schema. */
export interface LivingEndpoint {
  api: string;
  method: 'GET' | 'POST';
  /** The body schema (POST endpoints). */
  body?: TSchema;
  /** The endpoint's own 40058 details for over-long body fields (see requestProblem). */
  tooLong?: TooLongDetails;
}

/**
 * The checks every endpoint of the live-stream family (get_watch_stat too) runs, in WeCom's
 * order: token and caller IP, frequency limits, concurrency (45033), faults, the API permission
 * (48002), the method and the body (40058). Then `handle` runs the endpoint's own rules.
 */
export function livingCall<Body, Reply>(
  ctx: ServerContext,
  endpoint: LivingEndpoint,
  handle: (call: LivingCallContext<Body>) => Promise<Reply>,
): (request: FastifyRequest) => Promise<Reply> {
  const gate = new ConcurrencyGate(ctx.maxConcurrentPerCorp);
  const check = endpoint.body ? Compile(endpoint.body) : undefined;
  const overBytes = endpoint.body ? byteLimitCheck(endpoint.body) : undefined;
  return async (request) => {
    const caller = await authenticate(ctx, request);
    await checkRateLimit(ctx, endpoint.api, caller.corp.corpid, callerIp(request), caller.byProvider);
    const release = gate.enter(endpoint.api, caller.corp.corpid);
    try {
      await ctx.faults.apply(endpoint.api, request);
      if (!mayCallLivingApi(caller.app, caller.corp, ctx.clock.now(caller.corp.corpid))) throw new WeComReplyError(48002);
      if (endpoint.method === 'POST' && request.method !== 'POST') throw invalidParameter(`http method ${request.method} not allowed, use POST`);
      if (check && endpoint.body && (!check.Check(request.body) || overBytes?.(request.body) === true)) throw invalidParameter(requestProblem(endpoint.body, request.body, endpoint.tooLong));
      return await handle({ ...caller, body: request.body as Body, request });
    } finally {
      release();
    }
  };
}

/** Every method, so that a wrong one gets WeCom's 40058 after the token check rather than a 404. */
export const ANY_METHOD = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;
