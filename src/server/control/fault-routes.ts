import type { FastifyInstance } from 'fastify';
import { faultProblem } from '../../domain/fault-plan.js';
import { FaultRequestSchema } from '../../protocol/control/faults.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { bodyChecker } from './control-body.js';

const faultBody = bodyChecker(FaultRequestSchema);

/** The fault plan at run time: the `--fault` flags and scenario faults are entries of the same list. */
export function registerFaultRoutes(admin: FastifyInstance, ctx: ServerContext): void {
  const config = { wire: 'livestat' } as const;
  const plan = ctx.control.faults;
  admin.get('/faults', { config }, async () => ({ faults: plan.list() }));
  admin.post('/faults', { config }, async (request, reply) => {
    const spec = faultBody(request.body);
    const problem = faultProblem(spec);
    if (problem) throw new LivestatHttpError(400, 'bad_request', problem);
    return reply.code(201).send(plan.add(spec, 'api'));
  });
  admin.delete('/faults', { config }, async () => ({ removed: plan.clear() }));
  admin.delete<{ Params: { id: string } }>('/faults/:id', { config }, async (request) => {
    if (!plan.remove(request.params.id)) throw new LivestatHttpError(404, 'not_found', 'no such fault (a times fault removes itself when used up)');
    return { removed: 1 };
  });
}
