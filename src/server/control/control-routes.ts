import type { FastifyInstance } from 'fastify';
import { CONTROL_PREFIX } from '../../protocol/control/paths.js';
import { adminKeyCheck } from '../admin/admin-auth.js';
import type { ServerContext } from '../context.js';
import { registerClockRoutes } from './clock-routes.js';
import { registerFaultRoutes } from './fault-routes.js';
import { registerJournalRoutes } from './journal-routes.js';
import { registerWorldRoutes } from './world-routes.js';
import { registerDeleteRoutes } from './delete-routes.js';
import { registerResetRoutes } from './reset-routes.js';
import { registerCodeRoutes } from './code-routes.js';
import { registerStateRoutes } from './state-routes.js';
import { registerCallbackRoutes } from './callback-routes.js';
import type { CallbackWorker } from '../callbacks/callback-worker.js';

/**
 * The control API a test suite drives livestat with: clock, faults, journal, seed, scenario.
 * Behind the admin key like the dashboard's API, and closed (401) without one.
 */
export function registerControl(app: FastifyInstance, ctx: ServerContext, adminKey: string | undefined, callbacks: CallbackWorker): void {
  void app.register(
    async (admin) => {
      admin.addHook('onRequest', adminKeyCheck(adminKey));
      admin.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      registerClockRoutes(admin, ctx);
      registerFaultRoutes(admin, ctx);
      registerJournalRoutes(admin, ctx);
      registerWorldRoutes(admin, ctx, callbacks);
      registerDeleteRoutes(admin, ctx);
      registerResetRoutes(admin, ctx);
      registerCodeRoutes(admin, ctx);
      registerStateRoutes(admin, ctx);
      registerCallbackRoutes(admin, ctx, callbacks);
    },
    { prefix: CONTROL_PREFIX },
  );
}
