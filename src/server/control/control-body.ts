import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { LivestatHttpError } from '../wecom-error.js';

/** A compiled check of a control request: the value typed, or a 400 naming the first bad path. */
export function bodyChecker<T extends TSchema>(schema: T): (value: unknown) => Static<T> {
  const check = Compile(schema);
  return (value) => {
    if (check.Check(value)) return value;
    const first = [...Value.Errors(schema, value)][0] as { instancePath?: string; message?: string } | undefined;
    throw new LivestatHttpError(400, 'bad_request', first ? `${first.instancePath || '/'}: ${first.message ?? 'invalid'}` : 'invalid request body');
  };
}

/** Unix seconds or an ISO 8601 date-time with a zone, as unix milliseconds; 400 otherwise. */
export function instantMs(value: number | string, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || value > 1e11) throw new LivestatHttpError(400, 'bad_request', `${field}: unix seconds out of range`);
    return Math.round(value * 1000);
  }
  // A zone is required: a bare local time would depend on the server's TZ.
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new LivestatHttpError(400, 'bad_request', `${field}: expected unix seconds or ISO 8601 with a zone, like 2025-11-27T08:00:00Z`);
  return ms;
}
