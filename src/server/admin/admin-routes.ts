import type { FastifyInstance } from 'fastify';
import { currentWatchTime } from '../../domain/activity/fold-viewer.js';
import { encodeAudienceCursor } from '../../domain/dashboard/audience-cursor.js';
import { positionOf } from '../../domain/dashboard/audience-order.js';
import type { LivingRecord } from '../../domain/living-record.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { adminKeyCheck } from './admin-auth.js';
import { audienceCsv } from './audience-csv.js';
import { type AudienceParams, audienceQuery } from './audience-query.js';
import { type LivingReport, livingReport } from './living-report.js';
import { livingJson } from './living-row.js';
import { TtlCache } from './ttl-cache.js';
import { wireViewer } from './wire-viewer.js';

export const ADMIN_PREFIX = '/livestat/admin';
/**
 * A live's report (summary, histogram, inviters) is reused this long; the page polls a live that
 * is on every 5 s. Status and get_living_info's numbers are not cached: they are read on every
 * request, as get_living_info reads them, so the dashboard never shows a status the API denies.
 */
const REPORT_TTL_MS = 3000;

type LivingParams = { corpid: string; livingid: string };

/**
 * The dashboard's JSON API, for the operator: every corp, every live. All of it answers 401
 * without `Authorization: Bearer <admin key>`; a corp or live that does not exist is 404.
 */
export function registerAdmin(app: FastifyInstance, ctx: ServerContext, adminKey: string | undefined): void {
  const reports = new TtlCache<LivingReport>(REPORT_TTL_MS);
  const countsOf = (l: LivingRecord) => ctx.store.livingCounts(l.corpid, l.livingid);

  async function livingOf(p: LivingParams): Promise<LivingRecord> {
    const living = await ctx.store.getLivingRecord(p.corpid, p.livingid);
    if (!living) throw new LivestatHttpError(404, 'not_found', 'no such live in this corp');
    return living;
  }

  void app.register(
    async (admin) => {
      admin.addHook('onRequest', adminKeyCheck(adminKey));
      admin.addHook('onSend', async (_request, reply) => {
        // Audience data is personal: never cached by a browser or a proxy.
        reply.header('cache-control', 'no-store');
      });
      const config = { wire: 'livestat' } as const;

      admin.get('/corps', { config }, async () => ({
        corps: (await ctx.store.listCorps()).map((c) => ({ corpid: c.corpid, name: c.name })),
      }));

      admin.get<{ Params: { corpid: string } }>('/corps/:corpid/livings', { config }, async (request) => {
        const { corpid } = request.params;
        if (!(await ctx.store.getCorp(corpid))) throw new LivestatHttpError(404, 'not_found', 'no such corp');
        const livings = await ctx.store.listLivings(corpid);
        const counts = await Promise.all(livings.map(countsOf));
        const now = ctx.clock.now();
        return { now, livings: livings.map((l, i) => livingJson(l, counts[i]!, now)) };
      });

      admin.get<{ Params: LivingParams }>('/corps/:corpid/livings/:livingid', { config }, async (request) => {
        const living = await livingOf(request.params);
        const counts = await countsOf(living);
        const now = ctx.clock.now();
        const report = await reports.get(`${living.corpid}\0${living.livingid}`, now, () => livingReport(ctx.store, living, now));
        return { now, living: { ...livingJson(living, counts, now), description: living.description }, ...report };
      });

      admin.get<{ Params: LivingParams; Querystring: AudienceParams }>('/corps/:corpid/livings/:livingid/audience', { config }, async (request) => {
        const query = audienceQuery(request.query);
        const living = await livingOf(request.params);
        const rows = await ctx.store.pageAudience(living.corpid, living.livingid, { ...query, limit: query.limit + 1 });
        const more = rows.length > query.limit;
        if (more) rows.length = query.limit;
        const now = ctx.clock.now();
        const last = rows[rows.length - 1];
        return {
          viewers: rows.map((r) => wireViewer(r, currentWatchTime(r, living, now))),
          next: more && last ? encodeAudienceCursor({ sort: query.sort, desc: query.desc, after: positionOf(query.sort, last) }) : null,
        };
      });

      admin.get<{ Params: LivingParams }>('/corps/:corpid/livings/:livingid/audience.csv', { config }, async (request, reply) => {
        const living = await livingOf(request.params);
        const file = `${living.livingid.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}"`)
          .send(audienceCsv(ctx.store, living, ctx.clock.now()));
      });
    },
    { prefix: ADMIN_PREFIX },
  );
}
