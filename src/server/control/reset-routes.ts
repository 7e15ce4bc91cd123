import type { FastifyInstance } from 'fastify';
import { ResetRequestSchema, type ResetReply } from '../../protocol/control/world.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { bodyChecker } from './control-body.js';
import { countSimulatedEvents, type ResetBaseline, resetCorp, resetWorld } from './world-reset.js';

const resetBody = bodyChecker(ResetRequestSchema);

/**
 * `POST /reset` (the whole world) and `POST /corps/:corpid/reset` (one corp): back to the start
 * scenarios. The faults in force at registration — the `--fault` flags and the start scenarios'
 * — are what a reset puts back.
 */
export function registerResetRoutes(admin: FastifyInstance, ctx: ServerContext): void {
  const config = { wire: 'livestat' } as const;
  const baseline: ResetBaseline = { faults: ctx.control.faults.list(), simulatedEvents: new Map() };
  admin.addHook('onReady', async () => {
    baseline.simulatedEvents = await countSimulatedEvents(ctx);
  });

  admin.post('/reset', { config }, async (request) => {
    const { to = 'start' } = resetBody(request.body ?? {});
    const started = performance.now();
    await resetWorld(ctx, to, baseline);
    const reply: ResetReply = { reset: 'world', to, duration_ms: elapsed(started) };
    return reply;
  });

  admin.post<{ Params: { corpid: string } }>('/corps/:corpid/reset', { config }, async (request) => {
    const { corpid } = request.params;
    const started = performance.now();
    if (!(await resetCorp(ctx, corpid, baseline))) throw new LivestatHttpError(404, 'not_found', 'no such corp, now or in the start scenarios');
    const reply: ResetReply = { reset: corpid, to: 'start', duration_ms: elapsed(started) };
    return reply;
  });
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 100) / 100;
