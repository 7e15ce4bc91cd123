import { AUDIENCE_SORTS, type AudiencePosition, type AudienceSort } from './audience-order.js';

/**
 * The dashboard's page cursor: the last row's position in its order, opaque to the page
 * (base64url of a small JSON array). It carries its order, so a cursor of one order is
 * refused by another instead of silently starting somewhere odd. Not signed: only the
 * operator, who may read everything anyway, holds these.
 */
export interface AudienceCursor {
  sort: AudienceSort;
  desc: boolean;
  after: AudiencePosition;
}

const VERSION = 1;
const MAX_CURSOR_LENGTH = 1024;

export function encodeAudienceCursor(c: AudienceCursor): string {
  return Buffer.from(JSON.stringify([VERSION, c.sort, c.desc ? 1 : 0, c.after.value, c.after.kind, c.after.id]), 'utf8').toString('base64url');
}

/** The cursor, or undefined when the text is not one this codec wrote. */
export function decodeAudienceCursor(text: string): AudienceCursor | undefined {
  if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 6) return undefined;
  const [version, sort, desc, value, kind, id] = parsed as unknown[];
  if (version !== VERSION || !AUDIENCE_SORTS.includes(sort as AudienceSort)) return undefined;
  if ((desc !== 0 && desc !== 1) || (kind !== 0 && kind !== 1) || typeof id !== 'string') return undefined;
  const valueOk = sort === 'watch_time' ? Number.isSafeInteger(value) : sort === 'name' ? typeof value === 'string' : value === 0;
  if (!valueOk) return undefined;
  return { sort: sort as AudienceSort, desc: desc === 1, after: { value: value as number | string, kind, id } };
}
