import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

/**
 * Every call sees the service's current controls, and a change a call made is shared before its
 * reply leaves (see ControlSync). The WeCom endpoints and the control API both go through it;
 * health, metrics and the page do not.
 */
export function registerControlSync(app: FastifyInstance, ctx: ServerContext): void {
  const synced = (url: string | undefined, wire: unknown) => wire === 'wecom' || url?.startsWith('/livestat/admin/') === true;
  app.addHook('onRequest', async (request) => {
    if (synced(request.routeOptions.url, request.routeOptions.config.wire)) await ctx.sync.fresh();
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (synced(request.routeOptions.url, request.routeOptions.config.wire)) await ctx.sync.publishChanges();
    return payload;
  });
  app.addHook('onReady', () => ctx.sync.start());
  app.addHook('onClose', () => ctx.sync.stop());
}
