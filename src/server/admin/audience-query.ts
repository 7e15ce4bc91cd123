import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { decodeAudienceCursor } from '../../domain/dashboard/audience-cursor.js';
import {
  AUDIENCE_KINDS,
  AUDIENCE_SORTS,
  AudienceQuerySchema,
  DEFAULT_AUDIENCE_PAGE,
  MAX_AUDIENCE_PAGE,
  MAX_AUDIENCE_SEARCH_LENGTH,
  type AudienceQueryParams,
} from '../../protocol/admin/admin-audience.js';
import type { AudienceQuery } from '../../store/audience-queries.js';
import { LivestatHttpError } from '../wecom-error.js';

const bad = (message: string) => new LivestatHttpError(400, 'bad_request', message);

type Field = keyof AudienceQueryParams;
const fields = AudienceQuerySchema.properties as Record<Field, TSchema>;
/** What a value its schema refuses gets told. */
const REFUSAL: Record<Field, string> = {
  sort: `sort must be one of ${AUDIENCE_SORTS.join(', ')}`,
  order: 'order must be asc or desc',
  limit: `limit must be 1..${MAX_AUDIENCE_PAGE}`,
  kind: `kind must be one of ${AUDIENCE_KINDS.join(', ')}`,
  commented: 'commented must be 1 or 0',
  mic: 'mic must be 1 or 0',
  // A query string gives a list only for a repeated parameter.
  q: 'q must be given once',
  after: 'after is not a cursor of this order',
};
const checks: Partial<Record<string, { Check(value: unknown): boolean }>> = Object.fromEntries(Object.entries(fields).map(([name, schema]) => [name, Compile(schema)]));

/** The field's value if its schema (protocol/admin) takes it; 400 otherwise. */
function field<F extends Field>(params: Record<string, unknown>, name: F): AudienceQueryParams[F] {
  const value = params[name];
  if (value !== undefined && !checks[name]!.Check(value)) throw bad(REFUSAL[name]);
  return value as AudienceQueryParams[F];
}

/**
 * The store query for `?sort&order&limit&kind&commented&mic&q&after` (400 on anything else),
 * fields checked in that order. The schema says which values each may take; what it cannot say
 * (limit's range, q's trimmed length, whether `after` is a cursor of this order) is checked here.
 */
export function audienceQuery(params: object): AudienceQuery {
  const p = params as Record<string, unknown>;
  const sort = field(p, 'sort') ?? 'id';
  const desc = field(p, 'order') === 'desc';
  const limitText = field(p, 'limit');
  const limit = limitText === undefined ? DEFAULT_AUDIENCE_PAGE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIENCE_PAGE) throw bad(REFUSAL.limit);
  const query: AudienceQuery = { sort, desc, limit };
  const kind = field(p, 'kind');
  if (kind) query.kind = kind;
  if (field(p, 'commented') === '1') query.commented = true;
  if (field(p, 'mic') === '1') query.mic = true;
  const search = field(p, 'q')?.trim();
  if (search) {
    if (search.length > MAX_AUDIENCE_SEARCH_LENGTH) throw bad(`q is longer than ${MAX_AUDIENCE_SEARCH_LENGTH}`);
    query.search = search;
  }
  const after = field(p, 'after');
  if (after) {
    const cursor = decodeAudienceCursor(after);
    // A cursor of another order would continue from a meaningless place.
    if (cursor?.sort !== sort || cursor.desc !== desc) throw bad(REFUSAL.after);
    query.after = cursor.after;
  }
  return query;
}
