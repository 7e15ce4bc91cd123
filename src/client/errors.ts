import { parseErrmsg } from '../protocol/errmsg.js';

/**
 * The base of every error the SDK throws, so one `instanceof` catches them all.
 *
 * @example
 * try { await client.living.getWatchStat({ livingid }); }
 * catch (err) { if (err instanceof WeComError) console.error(err.message); }
 */
export class WeComError extends Error {
  override name = 'WeComError';
}

/** What the transport knows about a failed call, before a subclass is picked. */
export interface WeComApiErrorInit {
  errcode: number;
  errmsg: string;
  /** The path called, e.g. `/cgi-bin/living/get_watch_stat`; never the query (it holds the token). */
  endpoint: string;
  /** HTTP status of the reply; WeCom answers business errors with 200. */
  status?: number;
}

/**
 * WeCom answered with a non-zero `errcode` (HTTP 200 carries business errors).
 *
 * @example
 * catch (err) { if (err instanceof WeComApiError) console.error(err.errcode, err.errmsg, err.hint); }
 */
export class WeComApiError extends WeComError {
  override name = 'WeComApiError';
  readonly errcode: number;
  readonly errmsg: string;
  /** The `hint: [...]` part of errmsg, which WeCom support asks for; undefined when absent. */
  readonly hint: string | undefined;
  readonly endpoint: string;
  readonly status: number;

  constructor(init: WeComApiErrorInit) {
    super(`${init.errcode} ${init.errmsg} (${init.endpoint})`);
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.hint = parseErrmsg(init.errmsg).hint;
    this.endpoint = init.endpoint;
    this.status = init.status ?? 200;
  }
}

/**
 * The token was rejected (40001, 40014, 42001). The client has already refreshed it and
 * retried once; seeing this means the fresh token failed too, or the secret is wrong.
 *
 * @example
 * catch (err) { if (err instanceof WeComTokenError) console.error('check corpid/secret'); }
 */
export class WeComTokenError extends WeComApiError {
  override name = 'WeComTokenError';
}

/**
 * A frequency or concurrency limit (45009, 45033), thrown once retries are spent.
 *
 * @example
 * catch (err) { if (err instanceof WeComRateLimitError) setTimeout(retryLater, 60_000); }
 */
export class WeComRateLimitError extends WeComApiError {
  override name = 'WeComRateLimitError';
}

/**
 * The app may not call this API or this live (48002, 92008) or the caller IP is not
 * trusted (60020). Never retried: only a change of configuration helps.
 *
 * @example
 * catch (err) { if (err instanceof WeComPermissionError) console.error('grant the 直播 permission'); }
 */
export class WeComPermissionError extends WeComApiError {
  override name = 'WeComPermissionError';
}

/**
 * A request parameter was refused (40058), e.g. a forged `next_key`.
 *
 * @example
 * catch (err) { if (err instanceof WeComInvalidParameterError) console.error(err.errmsg); }
 */
export class WeComInvalidParameterError extends WeComApiError {
  override name = 'WeComInvalidParameterError';
}
