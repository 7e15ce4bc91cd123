import type { FastifyInstance } from 'fastify';
import { currentWatchTime } from '../../domain/activity/fold-viewer.js';
import { encodeAudienceCursor } from '../../domain/dashboard/audience-cursor.js';
import { positionOf } from '../../domain/dashboard/audience-order.js';
import type { LivingRecord } from '../../domain/living-record.js';
import { ADMIN_PREFIX } from '../../protocol/admin/admin-paths.js';
import { AdminCorpsReplySchema, type AdminCorpsReply } from '../../protocol/admin/admin-corps.js';
import {
  AdminLivingDetailReplySchema,
  AdminLivingsReplySchema,
  type AdminLivingDetailReply,
  type AdminLivingReport,
  type AdminLivingsReply,
} from '../../protocol/admin/admin-livings.js';
import { AudiencePageSchema, type AudiencePage, type AudienceQueryParams } from '../../protocol/admin/admin-audience.js';
import { AdminTimelineReplySchema, type AdminTimelineReply, type TimelineMinute } from '../../protocol/admin/admin-timeline.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { LANGS, type Lang } from '../../export/table.js';
import { adminKeyCheck } from './admin-auth.js';
import { registerAttendance } from './attendance-routes.js';
import { audienceCsv } from './audience-csv.js';
import { audienceXlsx } from './audience-xlsx.js';
import { audienceQuery } from './audience-query.js';
import { livingReport } from './living-report.js';
import { livingTimeline } from './living-timeline.js';
import { periodLivings, periodReply } from './living-period.js';
import { AdminPeriodReplySchema, type AdminPeriodReply, type PeriodQueryParams } from '../../protocol/admin/admin-period.js';
import { toAdminLiving } from './admin-living.js';
import { TtlCache } from './ttl-cache.js';
import { wireViewer } from './wire-viewer.js';

/**
 * A live's report (summary, histogram, inviters) is reused this long; the page polls a live that
 * is on every 5 s. Status and get_living_info's numbers are not cached: they are read on every
 * request, as get_living_info reads them, so the dashboard never shows a status the API denies.
 */
const REPORT_TTL_MS = 3000;

interface LivingParams { corpid: string; livingid: string }

/**
 * The dashboard's JSON API, for the operator: every corp, every live. All of it answers 401
 * without `Authorization: Bearer <admin key>`; a corp or live that does not exist is 404.
 */
export function registerAdmin(app: FastifyInstance, ctx: ServerContext, adminKey: string | undefined): void {
  const reports = new TtlCache<AdminLivingReport>(REPORT_TTL_MS);
  // The timeline reads every event of the live: cached like the report, for the same polling page.
  const timelines = new TtlCache<TimelineMinute[] | null>(REPORT_TTL_MS);
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

      // The replies are written by their protocol/admin schemas (fast-json-stringify), which
      // also keeps anything not in the contract off the wire.
      admin.get('/corps', { config, schema: { response: { 200: AdminCorpsReplySchema } } }, async (): Promise<AdminCorpsReply> => ({
        corps: (await ctx.store.listCorps()).map((c) => ({ corpid: c.corpid, name: c.name })),
      }));

      admin.get<{ Params: { corpid: string } }>('/corps/:corpid/livings', { config, schema: { response: { 200: AdminLivingsReplySchema } } }, async (request): Promise<AdminLivingsReply> => {
        const { corpid } = request.params;
        if (!(await ctx.store.getCorp(corpid))) throw new LivestatHttpError(404, 'not_found', 'no such corp');
        const livings = await ctx.store.listLivings(corpid);
        const counts = await Promise.all(livings.map(countsOf));
        const now = ctx.clock.now(corpid);
        return { now, livings: livings.map((l, i) => toAdminLiving(l, counts[i]!, now)) };
      });

      admin.get<{ Params: { corpid: string }; Querystring: PeriodQueryParams }>('/corps/:corpid/period', { config, schema: { response: { 200: AdminPeriodReplySchema } } }, async (request): Promise<AdminPeriodReply> => {
        const { corpid } = request.params;
        if (!(await ctx.store.getCorp(corpid))) throw new LivestatHttpError(404, 'not_found', 'no such corp');
        const livings = periodLivings(await ctx.store.listLivings(corpid), request.query);
        const now = ctx.clock.now(corpid);
        // One live at a time: each report aggregates a whole audience.
        const each: AdminLivingReport[] = [];
        for (const l of livings) each.push(await reports.get(`${l.corpid}\0${l.livingid}`, now, () => livingReport(ctx.store, l, now)));
        return periodReply(now, livings, each);
      });

      admin.get<{ Params: LivingParams }>('/corps/:corpid/livings/:livingid', { config, schema: { response: { 200: AdminLivingDetailReplySchema } } }, async (request): Promise<AdminLivingDetailReply> => {
        const living = await livingOf(request.params);
        const counts = await countsOf(living);
        const now = ctx.clock.now(living.corpid);
        const report = await reports.get(`${living.corpid}\0${living.livingid}`, now, () => livingReport(ctx.store, living, now));
        return { now, living: { ...toAdminLiving(living, counts, now), description: living.description }, ...report };
      });

      admin.get<{ Params: LivingParams }>('/corps/:corpid/livings/:livingid/timeline', { config, schema: { response: { 200: AdminTimelineReplySchema } } }, async (request): Promise<AdminTimelineReply> => {
        const living = await livingOf(request.params);
        const now = ctx.clock.now(living.corpid);
        const minutes = await timelines.get(`${living.corpid}\0${living.livingid}`, now, () => livingTimeline(ctx.store, living, now, ctx.graceMs));
        return { now, minutes };
      });

      registerAttendance(admin, ctx, livingOf);

      const audience = { config, schema: { response: { 200: AudiencePageSchema } } };
      admin.get<{ Params: LivingParams; Querystring: AudienceQueryParams }>('/corps/:corpid/livings/:livingid/audience', audience, async (request): Promise<AudiencePage> => {
        const query = audienceQuery(request.query);
        const living = await livingOf(request.params);
        const rows = await ctx.store.pageAudience(living.corpid, living.livingid, { ...query, limit: query.limit + 1 });
        const more = rows.length > query.limit;
        if (more) rows.length = query.limit;
        const now = ctx.clock.now(living.corpid);
        const last = rows[rows.length - 1];
        return {
          viewers: rows.map((r) => wireViewer(r, currentWatchTime(r, living, now))),
          next: more && last ? encodeAudienceCursor({ sort: query.sort, desc: query.desc, after: positionOf(query.sort, last) }) : null,
        };
      });

      // A livingid is the caller's text: only safe characters reach the header.
      const fileName = (l: LivingRecord, ext: string) => `${l.livingid.replace(/[^A-Za-z0-9_-]/g, '_')}.${ext}`;
      admin.get<{ Params: LivingParams }>('/corps/:corpid/livings/:livingid/audience.csv', { config }, async (request, reply) => {
        const living = await livingOf(request.params);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName(living, 'csv')}"`)
          .send(audienceCsv(ctx.store, living, ctx.clock.now(living.corpid)));
      });

      admin.get<{ Params: LivingParams; Querystring: { lang?: string } }>('/corps/:corpid/livings/:livingid/audience.xlsx', { config }, async (request, reply) => {
        const lang = request.query.lang ?? 'en';
        if (!(LANGS as readonly string[]).includes(lang)) throw new LivestatHttpError(400, 'bad_request', `lang: one of ${LANGS.join(', ')}`);
        const living = await livingOf(request.params);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${fileName(living, 'xlsx')}"`)
          .send(audienceXlsx(ctx.store, living, ctx.clock.now(living.corpid), lang as Lang));
      });
    },
    { prefix: ADMIN_PREFIX },
  );
}
