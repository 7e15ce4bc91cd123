// WeCom's corps are in China: a bare date is a day in China Standard Time.
const CHINA_OFFSET = '+08:00';

/**
 * A date (`2025-11-27`, a day in China Standard Time) or an ISO 8601 date-time with a zone,
 * as unix seconds; `endOfDay` moves a bare date to the next midnight (an inclusive --until).
 * Shared by `livestat report --since/--until` and the dashboard's period view.
 */
export function parseInstant(text: string, endOfDay: boolean): number | undefined {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = Date.parse(bare ? `${text}T00:00:00${CHINA_OFFSET}` : text);
  if (Number.isNaN(ms) || (!bare && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text))) return undefined;
  return Math.floor(ms / 1000) + (bare && endOfDay ? 86_400 : 0);
}
