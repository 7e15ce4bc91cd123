import type { FastifyInstance } from 'fastify';
import type { ClockReading } from '../../domain/clock.js';
import { AdvanceClockRequestSchema, type ClockReply, SetClockRequestSchema } from '../../protocol/control/clock.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { bodyChecker, instantMs } from './control-body.js';

const reply = (r: ClockReading): ClockReply => ({ now: r.nowMs / 1000, frozen: r.frozen });
const setBody = bodyChecker(SetClockRequestSchema);
const advanceBody = bodyChecker(AdvanceClockRequestSchema);

/**
 * The server's clock at /clock, and one corp's at /corps/:corpid/clock. A corp's clock starts
 * from the server's time when first set or advanced, and from then on moves on its own.
 */
export function registerClockRoutes(admin: FastifyInstance, ctx: ServerContext): void {
  const config = { wire: 'livestat' } as const;
  const clock = ctx.control.clock;

  async function corpOf(params: unknown): Promise<string> {
    const { corpid } = params as { corpid: string };
    if (!(await ctx.store.getCorp(corpid))) throw new LivestatHttpError(404, 'not_found', 'no such corp');
    return corpid;
  }

  for (const scoped of [false, true]) {
    const base = scoped ? '/corps/:corpid/clock' : '/clock';
    const corp = async (params: unknown) => (scoped ? corpOf(params) : undefined);
    admin.get(base, { config }, async (request) => reply(clock.reading(await corp(request.params))));
    admin.put(base, { config }, async (request) => {
      const body = setBody(request.body);
      return reply(clock.set(await corp(request.params), instantMs(body.now, '/now'), body.frozen));
    });
    admin.post(`${base}/advance`, { config }, async (request) => {
      const body = advanceBody(request.body);
      return reply(clock.advance(await corp(request.params), Math.round(body.seconds * 1000)));
    });
  }
  // A corp goes back to the server's time.
  admin.delete('/corps/:corpid/clock', { config }, async (request) => {
    const corpid = await corpOf(request.params);
    clock.forgetCorp(corpid);
    return reply(clock.reading(corpid));
  });
}
