import type { FastifyInstance } from 'fastify';
import type { RemovedReply } from '../../protocol/control/faults.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';

interface CorpParams {
  corpid: string;
}

/** An agentid path segment: a decimal integer, as WeCom's agentids are. */
function agentidOf(text: string): number {
  if (!/^\d{1,10}$/.test(text)) throw new LivestatHttpError(404, 'not_found', 'no such app (an agentid is a number)');
  return Number(text);
}

/**
 * `DELETE /corps/:corpid` (and its apps and lives): the thing and everything that hangs off it
 * leave the store in one transaction; a corp also loses its clock, its journal entries and the
 * faults that match it, so a corpid used again starts clean. 404 when there is nothing to remove.
 */
export function registerDeleteRoutes(admin: FastifyInstance, ctx: ServerContext): void {
  const config = { wire: 'livestat' } as const;

  admin.delete<{ Params: CorpParams }>('/corps/:corpid', { config }, async (request) => {
    const { corpid } = request.params;
    if (!(await ctx.store.deleteCorp(corpid))) throw new LivestatHttpError(404, 'not_found', 'no such corp');
    await forgetCorpControls(ctx, corpid);
    const reply: RemovedReply = { removed: 1 };
    return reply;
  });

  admin.delete<{ Params: CorpParams & { agentid: string } }>('/corps/:corpid/apps/:agentid', { config }, async (request) => {
    const { corpid } = request.params;
    if (!(await ctx.store.deleteApp(corpid, agentidOf(request.params.agentid)))) throw new LivestatHttpError(404, 'not_found', 'no such app in this corp');
    const reply: RemovedReply = { removed: 1 };
    return reply;
  });

  admin.delete<{ Params: CorpParams & { livingid: string } }>('/corps/:corpid/livings/:livingid', { config }, async (request) => {
    const { corpid, livingid } = request.params;
    if (!(await ctx.store.deleteLiving(corpid, livingid))) throw new LivestatHttpError(404, 'not_found', 'no such live in this corp');
    const reply: RemovedReply = { removed: 1 };
    return reply;
  });
}

/** What the control state keeps of a corp outside the store: its clock, journal entries (both journals) and faults. */
export async function forgetCorpControls(ctx: ServerContext, corpid: string): Promise<void> {
  ctx.control.clock.forgetCorp(corpid);
  await ctx.sync.clear('requests', corpid);
  await ctx.sync.clear('outbound', corpid);
  for (const f of ctx.control.faults.list()) if (f.match?.corpid === corpid) ctx.control.faults.remove(f.id);
}
