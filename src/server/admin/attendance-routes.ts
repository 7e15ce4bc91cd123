import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LivingRecord } from '../../domain/living-record.js';
import { DEFAULT_MIN_WATCH_SECONDS, tallyAttendance, writeAttendanceTables, type AttendanceLive } from '../../export/attendance.js';
import { RosterError, parseRoster, type RosterMember } from '../../export/roster.js';
import { LANGS, type Lang, type TablesWriter } from '../../export/table.js';
import {
  AdminAttendanceReplySchema,
  AdminPeriodAttendanceReplySchema,
  ROSTER_MAX_BYTES,
  ROSTER_MAX_MEMBERS,
  type AdminAttendanceReply,
  type AdminPeriodAttendanceReply,
  type AttendanceQueryParams,
} from '../../protocol/admin/admin-attendance.js';
import type { PeriodQueryParams } from '../../protocol/admin/admin-period.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { rosterWatch } from './living-attendance.js';
import { periodLivings } from './living-period.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What a roster of ROSTER_MAX_BYTES may unpack to: generous for real workbooks, a wall for zip bombs. */
const ROSTER_MAX_UNZIPPED = 64 * 1024 * 1024;
const MAX_MIN_WATCH = 7 * 86_400;

interface LivingParams { corpid: string; livingid: string }
interface CorpParams { corpid: string }
type Query = AttendanceQueryParams & PeriodQueryParams;
type AttendanceRequest = FastifyRequest<{ Params: LivingParams | CorpParams; Querystring: Query }>;

/** The lives a request is about: one live, or a corp's lives of a period. */
type Lives = (request: AttendanceRequest) => Promise<LivingRecord[]>;

/**
 * The dashboard's attendance: the roster file is the request body (stateless: nothing of it
 * is kept), checked by the report's rule against one live or every live of a period. JSON for
 * the page, and the report's attendance sheets as xlsx or CSV. Registered inside the admin
 * API's scope, so its key check and no-store apply; the raw-body parser is this scope's alone.
 */
export function registerAttendance(admin: FastifyInstance, ctx: ServerContext, livingOf: (p: LivingParams) => Promise<LivingRecord>): void {
  void admin.register(async (scope) => {
    // Every other admin body is JSON; a roster is the file's bytes.
    scope.addContentTypeParser(['application/octet-stream', 'text/csv', XLSX_TYPE], { parseAs: 'buffer', bodyLimit: ROSTER_MAX_BYTES }, (_request, body, done) => {
      done(null, body);
    });
    const config = { wire: 'livestat' } as const;
    const route = { config, bodyLimit: ROSTER_MAX_BYTES };

    const oneLive: Lives = async (request) => [await livingOf(request.params as LivingParams)];
    const period: Lives = async (request) => {
      const { corpid } = request.params;
      if (!(await ctx.store.getCorp(corpid))) throw new LivestatHttpError(404, 'not_found', 'no such corp');
      return periodLivings(await ctx.store.listLivings(corpid), request.query);
    };

    /** Checks the query and the roster before reading any audience, then each live's roster watch times. */
    const read = async (request: AttendanceRequest, lives: Lives) => {
      const minWatch = minWatchOf(request.query.min_watch);
      const roster = await rosterOf(request.body);
      const livings = await lives(request);
      const now = ctx.clock.now(request.params.corpid);
      // One live at a time: each read walks a whole audience.
      const watched: (AttendanceLive & { living: LivingRecord })[] = [];
      for (const living of livings) watched.push({ living, livingid: living.livingid, theme: living.theme, watch: await rosterWatch(ctx.store, living, now, roster) });
      return { now, minWatch, roster, watched };
    };

    scope.post<{ Params: LivingParams; Querystring: Query }>(
      '/corps/:corpid/livings/:livingid/attendance',
      { ...route, schema: { response: { 200: AdminAttendanceReplySchema } } },
      async (request): Promise<AdminAttendanceReply> => {
        const { now, minWatch, roster, watched } = await read(request, oneLive);
        const live = watched[0]!;
        const { rows, departments } = tallyAttendance(roster, live.watch, minWatch);
        return {
          now,
          livingid: live.livingid,
          min_watch: minWatch,
          members: rows.map((r) => ({ ...r.member, watch_time: r.watched, attendance: r.attendance })),
          departments,
          totals: totalsOf(rows),
        };
      },
    );

    scope.post<{ Params: CorpParams; Querystring: Query }>(
      '/corps/:corpid/period/attendance',
      { ...route, schema: { response: { 200: AdminPeriodAttendanceReplySchema } } },
      async (request): Promise<AdminPeriodAttendanceReply> => {
        const { now, minWatch, roster, watched } = await read(request, period);
        return {
          now,
          min_watch: minWatch,
          livings: watched.map(({ living, watch }) => ({
            livingid: living.livingid,
            theme: living.theme,
            anchor_userid: living.anchorUserid,
            living_start: living.livingStart,
            ...totalsOf(tallyAttendance(roster, watch, minWatch).rows),
          })),
        };
      },
    );

    // A livingid or corpid is the caller's text: only safe characters reach the header.
    const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');
    const download = (path: string, lives: Lives, name: (request: AttendanceRequest) => string) => {
      for (const [ext, type, open] of FORMATS) {
        scope.post<{ Params: LivingParams | CorpParams; Querystring: Query }>(`${path}.${ext}`, route, async (request, reply) => {
          const lang = langOf(request.query.lang);
          const { minWatch, roster, watched } = await read(request, lives);
          // The CSV holds the attendance table; the workbook adds the department totals, as the report does.
          const file = stream(async (out) => {
            const writer = await open(out, lang);
            await writeAttendanceTables(writer, watched, roster, minWatch, lang, ext === 'xlsx');
            await writer.close();
          });
          return reply.header('content-type', type).header('content-disposition', `attachment; filename="${safe(name(request))}-attendance.${ext}"`).send(file);
        });
      }
    };
    download('/corps/:corpid/livings/:livingid/attendance', oneLive, (r) => (r.params as LivingParams).livingid);
    download('/corps/:corpid/period/attendance', period, (r) => `${r.params.corpid}-period`);
  });
}

const FORMATS: readonly (readonly ['xlsx' | 'csv', string, (out: PassThrough, lang: Lang) => Promise<TablesWriter>])[] = [
  ['xlsx', XLSX_TYPE, async (out, lang) => (await import('../../export/xlsx-tables.js')).openXlsxTables(out, lang)],
  ['csv', 'text/csv; charset=utf-8', async (out, lang) => (await import('../../export/csv-tables.js')).openCsvStream(out, lang)],
];

function totalsOf(rows: readonly { attendance: 'attended' | 'partial' | 'absent' }[]): { roster: number; attended: number; partial: number; absent: number } {
  const totals = { roster: rows.length, attended: 0, partial: 0, absent: 0 };
  for (const r of rows) totals[r.attendance]++;
  return totals;
}

/** A stream the writer fills; a failure half way destroys it, so the browser sees a broken download, not a short file. */
function stream(fill: (out: PassThrough) => Promise<void>): Readable {
  const out = new PassThrough();
  void fill(out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

async function rosterOf(body: unknown): Promise<RosterMember[]> {
  if (!Buffer.isBuffer(body)) {
    throw new LivestatHttpError(415, 'unsupported_media_type', `send the roster file itself as the body, with Content-Type application/octet-stream, text/csv or ${XLSX_TYPE}`);
  }
  if (body.length === 0) throw new LivestatHttpError(400, 'bad_roster', 'the roster is empty');
  try {
    return await parseRoster(body, { maxMembers: ROSTER_MAX_MEMBERS, maxUnzippedBytes: ROSTER_MAX_UNZIPPED });
  } catch (err) {
    if (err instanceof RosterError) throw new LivestatHttpError(400, 'bad_roster', `roster: ${err.message}`);
    throw err;
  }
}

function minWatchOf(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_MIN_WATCH_SECONDS;
  const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(n <= MAX_MIN_WATCH)) throw new LivestatHttpError(400, 'bad_request', `min_watch: whole seconds from 0 to ${MAX_MIN_WATCH}`);
  return n;
}

function langOf(text: string | undefined): Lang {
  const lang = text ?? 'en';
  if (!(LANGS as readonly string[]).includes(lang)) throw new LivestatHttpError(400, 'bad_request', `lang: one of ${LANGS.join(', ')}`);
  return lang as Lang;
}
