import { ERRCODES, RETRYABLE_ERRCODES, TOKEN_ERRCODES } from '../protocol/errcodes.js';
import {
  WeComApiError,
  WeComInvalidParameterError,
  WeComPermissionError,
  WeComRateLimitError,
  WeComTokenError,
  type WeComApiErrorInit,
} from './errors.js';
import { WeComConnectionError, WeComResponseError } from './transport-errors.js';

const PERMISSION_ERRCODES: ReadonlySet<number> = new Set([
  ERRCODES.API_FORBIDDEN,
  ERRCODES.LIVING_NOT_ALLOWED,
  ERRCODES.IP_NOT_ALLOWED,
]);
// -1 (system busy) is retryable but is not a rate limit, so it stays a plain WeComApiError.
const RATE_LIMIT_ERRCODES: ReadonlySet<number> = new Set([
  ERRCODES.API_FREQ_OUT_OF_LIMIT,
  ERRCODES.API_CONCURRENT_OUT_OF_LIMIT,
]);

/**
 * Picks the WeComApiError subclass for an errcode, from protocol's table.
 *
 * @example
 * createApiError({ errcode: 45009, errmsg: 'api freq out of limit', endpoint: '/cgi-bin/gettoken' })
 * // → WeComRateLimitError
 */
export function createApiError(init: WeComApiErrorInit): WeComApiError {
  if (TOKEN_ERRCODES.has(init.errcode)) return new WeComTokenError(init);
  if (RATE_LIMIT_ERRCODES.has(init.errcode)) return new WeComRateLimitError(init);
  if (PERMISSION_ERRCODES.has(init.errcode)) return new WeComPermissionError(init);
  if (init.errcode === ERRCODES.INVALID_PARAMETER) return new WeComInvalidParameterError(init);
  return new WeComApiError(init);
}

/**
 * True for failures worth another try: errcodes -1/45009/45033, connection errors and
 * timeouts, HTTP 5xx and 429. Token errors are not here: they are refreshed, not retried.
 *
 * @example
 * isRetryableError(new WeComApiError({ errcode: -1, errmsg: 'system busy', endpoint: '/x' })) // true
 */
export function isRetryableError(err: unknown): boolean {
  if (err instanceof WeComApiError) return RETRYABLE_ERRCODES.has(err.errcode);
  if (err instanceof WeComConnectionError) return true;
  if (err instanceof WeComResponseError) return err.status >= 500 || err.status === 429;
  return false;
}
