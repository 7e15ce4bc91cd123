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
 * Records every call to a WeCom endpoint in the journal, before its reply leaves (onSend): a
 * client that reads the journal right after a reply always finds that call in it. A reply that
 * an injected transport fault cuts short never reaches onSend; its response's `close` records it.
 */
export function registerJournal(app: FastifyInstance, ctx: ServerContext): void {
  const recorded = new WeakSet<FastifyRequest>();
  // Callback-style hooks: an async hook costs a promise on every call, and only a shared
  // journal has anything to wait for.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.wire === 'wecom') {
      reply.raw.once('close', () => {
        if (!recorded.has(request)) record(ctx, request, reply);
      });
    }
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.routeOptions.config.wire !== 'wecom' || recorded.has(request)) {
      done(null, payload);
      return;
    }
    recorded.add(request);
    record(ctx, request, reply);
    // Several processes: the record is in the shared journal before the reply leaves.
    if (!ctx.sync.isShared) {
      done(null, payload);
      return;
    }
    ctx.sync.journalWritten().then(
      () => done(null, payload),
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e))),
    );
  });
}
