import type { FastifyInstance } from 'fastify';
import type { CallbackOwner } from '../../domain/callback.js';
import { type CallbackReply, CallbackSettingsSchema } from '../../protocol/control/callbacks.js';
import type { ServerContext } from '../context.js';
import type { CallbackWorker } from '../callbacks/callback-worker.js';
import { LivestatHttpError } from '../wecom-error.js';
import { bodyChecker } from './control-body.js';

const settingsBody = bodyChecker(CallbackSettingsSchema);

/** The control API's refusal of a callback whose URL check failed, naming why. */
export function checkFailed(where: string, problem: string): LivestatHttpError {
  return new LivestatHttpError(400, 'callback_check_failed', `${where}: the URL check failed: ${problem}`);
}

/**
 * `PUT|GET|DELETE /corps/:corpid/apps/:agentid/callback` and `/suites/:suite_id/callback`:
 * a callback is stored only once its URL check passed; `POST /callbacks/flush` makes a pass
 * (status changes, suite tickets, due attempts) and answers when it is done.
 */
export function registerCallbackRoutes(admin: FastifyInstance, ctx: ServerContext, worker: CallbackWorker): void {
  const config = { wire: 'livestat' } as const;

  async function ownerOf(params: unknown): Promise<CallbackOwner> {
    const p = params as { corpid?: string; agentid?: string; suite_id?: string };
    if (p.suite_id !== undefined) {
      if (!(await ctx.store.getSuite(p.suite_id))) throw new LivestatHttpError(404, 'not_found', 'no such suite');
      return { kind: 'suite', suiteId: p.suite_id };
    }
    const agentid = Number(p.agentid);
    if (!Number.isSafeInteger(agentid) || !(await ctx.store.getApp(p.corpid!, agentid))) throw new LivestatHttpError(404, 'not_found', 'no such app');
    return { kind: 'app', corpid: p.corpid!, agentid };
  }

  for (const path of ['/corps/:corpid/apps/:agentid/callback', '/suites/:suite_id/callback']) {
    admin.put(path, { config }, async (request) => {
      const owner = await ownerOf(request.params);
      const body = settingsBody(request.body);
      const problem = await worker.configure(owner, { url: body.url, token: body.token, encodingAesKey: body.encoding_aes_key });
      if (problem !== undefined) throw checkFailed('/url', problem);
      const reply: CallbackReply = { url: body.url, verified: true };
      return reply;
    });
    admin.get(path, { config }, async (request) => {
      const stored = await ctx.store.getCallback(await ownerOf(request.params));
      if (!stored) throw new LivestatHttpError(404, 'not_found', 'no callback set');
      const reply: CallbackReply = { url: stored.url, verified: stored.verified };
      return reply;
    });
    admin.delete(path, { config }, async (request) => {
      const removed = await ctx.store.setCallback(await ownerOf(request.params), undefined);
      if (!removed) throw new LivestatHttpError(404, 'not_found', 'no callback set');
      return { removed: 1 };
    });
  }

  admin.post('/callbacks/flush', { config }, async () => {
    await worker.kick();
    return { flushed: true };
  });
}
