import type { FastifyInstance } from 'fastify';
import { READY_PATH } from '../../protocol/control/paths.js';
import type { ReadyReply } from '../../protocol/control/world.js';
import type { ServerContext } from '../context.js';

const DATABASE_TIMEOUT_MS = 2000;

/** Whether the database answers a read within the timeout. */
async function databaseAnswers(ctx: ServerContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
  });
  try {
    // A read no cache answers: the app secrets of the empty corpid, which no corp can have
    // (and which PostgreSQL takes, unlike a NUL byte).
    const read = ctx.store.listAppSecrets('').then(() => true, () => false);
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /livestat/ready`: 200 once the scenarios are loaded and the database answers, 503 before
 * or otherwise. Liveness stays at /livestat/health; this is for readiness probes and test waits.
 */
export function registerReady(app: FastifyInstance, ctx: ServerContext): void {
  app.get(READY_PATH, { config: { wire: 'livestat' } }, async (_request, reply) => {
    const scenarios = ctx.control.readiness.scenariosLoaded;
    const database = await databaseAnswers(ctx);
    const body: ReadyReply = { status: scenarios && database ? 'ready' : 'not_ready', scenarios_loaded: scenarios, database, shared_control: ctx.sync.isShared };
    return reply.code(scenarios && database ? 200 : 503).header('cache-control', 'no-store').send(body);
  });
}
