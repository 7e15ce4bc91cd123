import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

/**
 * Every call sees the service's current controls, and a change a call made is shared before its
 * reply leaves (see ControlSync). The WeCom endpoints and the control API both go through it;
 * health, metrics and the page do not. Callback-style hooks, so a process alone on its database
 * adds no promise to a call.
 */
export function registerControlSync(app: FastifyInstance, ctx: ServerContext): void {
  const synced = (url: string | undefined, wire: unknown) => ctx.sync.isShared && (wire === 'wecom' || url?.startsWith('/livestat/admin/') === true);
  app.addHook('onRequest', (request, _reply, done) => {
    if (!synced(request.routeOptions.url, request.routeOptions.config.wire)) {
      done();
      return;
    }
    ctx.sync.fresh().then(() => done(), done);
  });
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (!synced(request.routeOptions.url, request.routeOptions.config.wire)) {
      done(null, payload);
      return;
    }
    ctx.sync.publishChanges().then(() => done(null, payload), (e: unknown) => done(e as Error));
  });
  app.addHook('onReady', () => ctx.sync.start());
  app.addHook('onClose', () => ctx.sync.stop());
}
