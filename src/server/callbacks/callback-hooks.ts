import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { CallbackWorker } from './callback-worker.js';

/**
 * Requests that may change what a callback reports: the live-stream family's writes, ingest,
 * and the control API (clock, scenarios, deletes, resets) but its journals. get_watch_stat and
 * gettoken never do, and they are the hot path.
 */
const CHANGES = /^\/(cgi-bin\/living\/(create|modify|cancel|delete_replay_data)|livestat\/v1\/events|livestat\/admin\/(?!requests|outbound))/;

/**
 * Starts the callback worker when the server is ready and stops it on close. Every request
 * that may change a live (create, cancel, delete, ingest, the control API's clock, scenarios,
 * deletes) asks for a pass once answered; time passing is seen on the worker's tick.
 */
export function registerCallbackWorker(app: FastifyInstance, ctx: ServerContext, tickMs: number | undefined): CallbackWorker {
  const worker = new CallbackWorker(ctx, () => app.log, tickMs);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.close());
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.method !== 'GET' && CHANGES.test(request.url)) void worker.kick();
    done();
  });
  return worker;
}
