import type { FastifyInstance } from 'fastify';
import type { JournalFilter } from '../../domain/journal.js';
import type { JournalName } from '../../store/control-rows.js';
import { type JournalFilterRequest, JournalFilterSchema } from '../../protocol/control/journal.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { bodyChecker, instantMs } from './control-body.js';

const filterBody = bodyChecker(JournalFilterSchema);
const NUMERIC = ['agentid', 'errcode', 'limit'] as const;

/** Query parameters are text: numbers (and a numeric `since`) are read as numbers before the check. */
function fromQuery(query: Record<string, unknown>): JournalFilterRequest {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (typeof v !== 'string') throw new LivestatHttpError(400, 'bad_request', `${k}: give it once`);
    const numeric = (NUMERIC as readonly string[]).includes(k) || (k === 'since' && /^\d+(\.\d+)?$/.test(v));
    out[k] = numeric && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return filterBody(out);
}

function toFilter(f: JournalFilterRequest): JournalFilter {
  const { since, ...rest } = f;
  return since === undefined ? rest : { ...rest, since: instantMs(since, '/since') / 1000 };
}

/** One journal's list, count and clear, at `path`. */
function journalRoutes(admin: FastifyInstance, ctx: ServerContext, journal: JournalName): void {
  const config = { wire: 'livestat' } as const;
  const path = `/${journal}`;
  admin.get(path, { config }, async (request) => ({ requests: await ctx.sync.list(journal, toFilter(fromQuery(request.query as Record<string, unknown>))) }));
  admin.post(`${path}/count`, { config }, async (request) => ({ count: (await ctx.sync.list(journal, toFilter(filterBody(request.body ?? {})))).length }));
  admin.delete(path, { config }, async () => ({ removed: await ctx.sync.clear(journal) }));
}

/** The request journal (calls to the WeCom endpoints) and the outbound one (deliveries livestat sends). */
export function registerJournalRoutes(admin: FastifyInstance, ctx: ServerContext): void {
  journalRoutes(admin, ctx, 'requests');
  journalRoutes(admin, ctx, 'outbound');
}
