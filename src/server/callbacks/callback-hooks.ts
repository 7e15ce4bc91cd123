import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { CallbackWorker } from './callback-worker.js';

/** Reads that change nothing a callback reports: the journals, the dashboard's downloads. */
const READS = /^\/livestat\/admin\/(requests|outbound)(\/count)?(\?|$)/;

/**
 * Starts the callback worker when the server is ready and stops it on close. Every request
 * that may change a live (create, cancel, delete, ingest, the control API's clock, scenarios,
 * deletes) asks for a pass once answered; time passing is seen on the worker's tick.
 */
export function registerCallbackWorker(app: FastifyInstance, ctx: ServerContext, tickMs: number | undefined): CallbackWorker {
  const worker = new CallbackWorker(ctx, () => app.log, tickMs);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.close());
  app.addHook('onResponse', async (request) => {
    if (request.method !== 'GET' && !READS.test(request.url)) void worker.kick();
  });
  return worker;
}
