import { decodeAudienceCursor } from '../../domain/dashboard/audience-cursor.js';
import { AUDIENCE_SORTS, type AudienceSort } from '../../domain/dashboard/audience-order.js';
import { AUDIENCE_KINDS, type AudienceKind, type AudienceQuery } from '../../store/audience-queries.js';
import { LivestatHttpError } from '../wecom-error.js';

export const DEFAULT_AUDIENCE_PAGE = 50;
export const MAX_AUDIENCE_PAGE = 500;
const MAX_SEARCH_LENGTH = 100;

/** The audience endpoint's query string, as fastify hands it over. */
export type AudienceParams = Partial<Record<'sort' | 'order' | 'kind' | 'commented' | 'mic' | 'q' | 'after' | 'limit', string>>;

const bad = (message: string) => new LivestatHttpError(400, 'bad_request', message);

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '' || value === '0') return undefined;
  if (value === '1') return true;
  throw bad(`${name} must be 1 or 0`);
}

/** The store query for `?sort&order&kind&commented&mic&q&after&limit` (400 on anything else). */
export function audienceQuery(p: AudienceParams): AudienceQuery {
  const sort = (p.sort ?? 'id') as AudienceSort;
  if (!AUDIENCE_SORTS.includes(sort)) throw bad(`sort must be one of ${AUDIENCE_SORTS.join(', ')}`);
  if (p.order !== undefined && p.order !== 'asc' && p.order !== 'desc') throw bad('order must be asc or desc');
  const desc = p.order === 'desc';
  const limit = p.limit === undefined ? DEFAULT_AUDIENCE_PAGE : Number(p.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIENCE_PAGE) throw bad(`limit must be 1..${MAX_AUDIENCE_PAGE}`);
  const query: AudienceQuery = { sort, desc, limit };
  if (p.kind) {
    if (!AUDIENCE_KINDS.includes(p.kind as AudienceKind)) throw bad(`kind must be one of ${AUDIENCE_KINDS.join(', ')}`);
    query.kind = p.kind as AudienceKind;
  }
  const commented = flag('commented', p.commented);
  const mic = flag('mic', p.mic);
  if (commented) query.commented = true;
  if (mic) query.mic = true;
  const search = p.q?.trim();
  if (search) {
    if (search.length > MAX_SEARCH_LENGTH) throw bad(`q is longer than ${MAX_SEARCH_LENGTH}`);
    query.search = search;
  }
  if (p.after) {
    const cursor = decodeAudienceCursor(p.after);
    // A cursor of another order would continue from a meaningless place.
    if (!cursor || cursor.sort !== sort || cursor.desc !== desc) throw bad('after is not a cursor of this order');
    query.after = cursor.after;
  }
  return query;
}
