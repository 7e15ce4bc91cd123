import type { ViewerStat } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { eventParams } from '../sql/events.js';
import { EVENT_COLUMNS, VIEWER_COLUMNS } from '../sql/columns.js';
import { viewerParams } from '../sql/rows.js';

/**
 * Rows as parallel column arrays, the shape `INSERT ... SELECT FROM unnest($1::int[], ...)`
 * takes: one statement and one round trip for thousands of rows.
 */

/** viewer_stats columns after living_pk, in the order of VIEWER_COLUMNS, with their array casts. */
const VIEWER_CASTS = ['int[]', 'text[]', 'int[]', 'text[]', 'int[]', 'int[]', 'int[]', 'text[]', 'text[]', 'text[]', 'text[]'] as const;

/**
 * `unnest($first::int[], ...) AS t(kind, ...)` for viewer columns starting at parameter
 * `first`; with `livingPks`, a living_pk array comes first.
 */
export function viewerUnnest(first: number, livingPks = false, extra: readonly [column: string, cast: string][] = []): string {
  const casts = [...(livingPks ? ['int[]'] : []), ...VIEWER_CASTS, ...extra.map(([, cast]) => cast)];
  const args = casts.map((cast, i) => `$${first + i}::${cast}`).join(', ');
  return `unnest(${args}) AS t(${livingPks ? 'living_pk, ' : ''}${VIEWER_COLUMNS}${extra.map(([column]) => `, ${column}`).join('')})`;
}

/** The viewers as one array per column, for viewerUnnest. */
export function viewerArrays(viewers: readonly ViewerStat[]): (string | number | null)[][] {
  const columns: (string | number | null)[][] = VIEWER_CASTS.map(() => []);
  for (const v of viewers) viewerParams(v).forEach((value, i) => columns[i]!.push(value));
  return columns;
}

/** events columns inserted from unnest (EVENT_COLUMNS; corpid and living_pk come per row too). */
const EVENT_CASTS = ['text[]', 'text[]', 'int[]', 'int[]', 'text[]', 'int8[]', 'text[]', 'text[]', 'int[]', 'text[]', 'int[]', 'text[]'] as const;

export function eventUnnest(first: number): string {
  const args = EVENT_CASTS.map((cast, i) => `$${first + i}::${cast}`).join(', ');
  return `unnest(${args}) AS t(${EVENT_COLUMNS})`;
}

/** Events (with the pk of their live) as one array per column, for eventUnnest. */
export function eventArrays(corpid: string, events: readonly { livingPk: number; event: IngestEvent }[]): (string | number | null)[][] {
  const columns: (string | number | null)[][] = EVENT_CASTS.map(() => []);
  for (const { livingPk, event } of events) eventParams(corpid, livingPk, event).forEach((value, i) => columns[i]!.push(value));
  return columns;
}
