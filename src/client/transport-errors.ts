import { WeComError } from './errors.js';

/**
 * The reply was not a WeCom envelope: a non-2xx HTTP status, or a body that is not JSON
 * with a numeric `errcode`. Retried when the status is 5xx.
 *
 * @example
 * catch (err) { if (err instanceof WeComResponseError) console.error(err.status); }
 */
export class WeComResponseError extends WeComError {
  override name = 'WeComResponseError';
  readonly status: number;
  readonly endpoint: string;
  /** Milliseconds from a `Retry-After` header, when the server sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: { status: number; endpoint: string; retryAfterMs?: number }) {
    super(`${message} (HTTP ${init.status}, ${init.endpoint})`);
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * The request never got a reply: DNS, refused or reset connection. Retried.
 *
 * @example
 * catch (err) { if (err instanceof WeComConnectionError) console.error('network down?'); }
 */
export class WeComConnectionError extends WeComError {
  override name = 'WeComConnectionError';
  readonly endpoint: string;

  constructor(message: string, init: { endpoint: string; cause?: unknown }) {
    super(`${message} (${init.endpoint})`, init.cause === undefined ? undefined : { cause: init.cause });
    this.endpoint = init.endpoint;
  }
}

/**
 * No reply within `timeoutMs`. Retried, like any connection error.
 *
 * @example
 * const client = new WeComClient({ accessToken, timeoutMs: 5_000 });
 * catch (err) { if (err instanceof WeComTimeoutError) console.error(err.timeoutMs); }
 */
export class WeComTimeoutError extends WeComConnectionError {
  override name = 'WeComTimeoutError';
  readonly timeoutMs: number;

  constructor(init: { endpoint: string; timeoutMs: number }) {
    super(`no reply within ${init.timeoutMs} ms`, { endpoint: init.endpoint });
    this.timeoutMs = init.timeoutMs;
  }
}

/**
 * The server handed back a `next_key` it had already returned (or a start key before
 * `ending`), so following it would loop or repeat viewers.
 *
 * @example
 * catch (err) { if (err instanceof WeComPaginationLoopError) console.error(err.nextKey); }
 */
export class WeComPaginationLoopError extends WeComError {
  override name = 'WeComPaginationLoopError';
  readonly livingid: string;
  readonly nextKey: string;

  constructor(livingid: string, nextKey: string) {
    super(`get_watch_stat for ${livingid} returned next_key ${JSON.stringify(nextKey)} again before ending=1; stopping to avoid a loop`);
    this.livingid = livingid;
    this.nextKey = nextKey;
  }
}
