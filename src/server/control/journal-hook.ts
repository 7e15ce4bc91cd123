import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redactForJournal } from '../../domain/journal.js';
import { WECOM_ENDPOINTS } from '../../protocol/wecom-endpoints.js';
import type { ServerContext } from '../context.js';

const API_OF_PATH = new Map(WECOM_ENDPOINTS.map((e) => [e.path, e.api]));

function record(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply): void {
  const caller = request.livestatCaller;
  const path = request.routeOptions.url ?? request.url.split('?')[0] ?? request.url;
  const api = API_OF_PATH.get(path);
  const fault = request.transportFault;
  const status = fault === 'connection_reset' || fault === 'empty_reply' || fault === 'truncated_json' ? 0 : reply.statusCode;
  const errcode = fault ? undefined : (request.wecomError?.errcode ?? (status === 200 ? 0 : undefined));
  ctx.control.journal.add({
    time: ctx.clock.now(caller?.corpid) / 1000,
    method: request.method,
    path,
    ...(api === undefined ? {} : { api }),
    ...(caller ? { corpid: caller.corpid } : {}),
    ...(caller?.agentid === undefined ? {} : { agentid: caller.agentid }),
    query: (redactForJournal({ ...(request.query as object | undefined) }) ?? {}) as Record<string, unknown>,
    ...(request.body === undefined || request.body === null ? {} : { body: redactForJournal(request.body) }),
    status,
    ...(errcode === undefined ? {} : { errcode }),
    ...(request.wecomError ? { hint: request.wecomError.hint } : {}),
    ...(fault ? { fault } : {}),
    duration_ms: Math.round(reply.elapsedTime * 100) / 100,
  });
}

/**
 * Records every call to a WeCom endpoint in the journal. It listens for the response's `close`,
 * which comes for every reply, including one that an injected transport fault cut short.
 */
export function registerJournal(app: FastifyInstance, ctx: ServerContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.wire !== 'wecom') return;
    reply.raw.once('close', () => record(ctx, request, reply));
  });
}
