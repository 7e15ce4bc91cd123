import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { ingestCorp } from './events.js';

/** What an ingest client may know of a live: enough to place its events in time. */
const LivingScheduleSchema = Type.Object({
  livingid: Type.String(),
  living_start: Type.Integer(),
  living_duration: Type.Integer(),
  anchor_userid: Type.String({ description: "the anchor, whom the anchor's own events name" }),
});

/** `GET /livestat/v1/livings/:livingid` with an ingest key: the live's schedule and anchor (404 for lives not of the key's corp). */
export function registerLivings(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { livingid: string } }>('/livestat/v1/livings/:livingid', {
    config: { wire: 'livestat' },
    schema: { response: { 200: LivingScheduleSchema } },
    handler: async (request) => {
      const corpid = await ingestCorp(ctx, request);
      const living = await ctx.store.getLiving(corpid, request.params.livingid);
      if (!living) throw new LivestatHttpError(404, 'not_found', 'no such live in this corp');
      return { livingid: living.livingid, living_start: living.livingStart, living_duration: living.livingDuration, anchor_userid: living.anchorUserid };
    },
  });
}
