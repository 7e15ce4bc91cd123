import type { ErrorReply } from '../protocol/index.js';
import { DEFAULT_BASE_URL, type WeComClientCommonOptions } from './client-options.js';
import { createApiError, isRetryableError } from './error-factory.js';
import { redact, redactCause } from './redact.js';
import { parseRetryAfter, retryDelayMs } from './retry-timing.js';
import { WeComConnectionError, WeComResponseError, WeComTimeoutError } from './transport-errors.js';

/** Everything a call needs from the client, injectable for tests. */
export interface TransportConfig {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  maxRetries: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

/** The transport for a client's options, with the documented defaults filled in. */
export function transportConfig(options: WeComClientCommonOptions): TransportConfig {
  return {
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    fetch: options.fetch ?? globalThis.fetch,
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: options.timeoutMs ?? 30_000,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
}

/** One API call. `secrets` are values to scrub from any error this call raises. */
export interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  query: Readonly<Record<string, string>>;
  body?: unknown;
  secrets: readonly string[];
  /**
   * The endpoint answers success with no errcode at all (get_suite_token, get_corp_token: "没返回
   * errcode视为调用成功"), so a JSON object without one is a success rather than a broken reply.
   */
  errcodeOnlyOnFailure?: boolean;
}

/**
 * Sends a request, turning HTTP 200 + errcode into an error here so that one retry loop
 * serves business errors, HTTP errors and network failures alike (octokit's approach).
 */
export async function sendRequest<T extends Partial<ErrorReply>>(config: TransportConfig, req: ApiRequest): Promise<T> {
  for (let retries = 0; ; retries++) {
    try {
      return await sendOnce<T>(config, req);
    } catch (err) {
      if (retries >= config.maxRetries || !isRetryableError(err)) throw err;
      const retryAfter = err instanceof WeComResponseError ? err.retryAfterMs : undefined;
      await config.sleep(retryDelayMs(retries, config.random, retryAfter));
    }
  }
}

async function sendOnce<T extends Partial<ErrorReply>>(config: TransportConfig, req: ApiRequest): Promise<T> {
  const endpoint = req.path;
  const url = `${config.baseUrl.replace(/\/+$/, '')}${req.path}?${new URLSearchParams(req.query).toString()}`;
  let res: Response;
  let text: string;
  // A timer cleared as soon as the reply is read: AbortSignal.timeout would keep every call's
  // signal (and what fetch hangs on it) alive for the whole timeout, so a fast pull of
  // thousands of pages would hold thousands of finished requests in memory.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('the call timed out', 'TimeoutError')), config.timeoutMs);
  try {
    const init: RequestInit = { method: req.method, signal: controller.signal };
    if (req.body !== undefined) {
      init.body = JSON.stringify(req.body);
      init.headers = { 'content-type': 'application/json; charset=UTF-8' };
    }
    res = await config.fetch(url, init);
    // The body read is under the same timeout signal: a server that stalls mid-body times out too.
    text = await res.text();
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') {
      throw new WeComTimeoutError({ endpoint, timeoutMs: config.timeoutMs });
    }
    const safe = redactCause(err, req.secrets);
    throw new WeComConnectionError(`request failed: ${safe.message}`, { endpoint, cause: safe });
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), config.now());
    throw new WeComResponseError('unexpected HTTP status', {
      status: res.status,
      endpoint,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  const reply = parseEnvelope(text, req.errcodeOnlyOnFailure === true);
  if (!reply) throw new WeComResponseError('reply is not a WeCom JSON envelope', { status: res.status, endpoint });
  if (reply.errcode !== 0) {
    throw createApiError({
      errcode: reply.errcode,
      errmsg: redact(errmsgText(reply.errmsg), req.secrets),
      endpoint,
      status: res.status,
    });
  }
  return reply as unknown as T;
}

// WeCom's errmsg is a string; anything else a broken server sends is shown as its JSON.
function errmsgText(errmsg: unknown): string {
  if (typeof errmsg === 'string') return errmsg;
  return errmsg === undefined || errmsg === null ? '' : JSON.stringify(errmsg);
}

function parseEnvelope(text: string, errcodeOnlyOnFailure: boolean): { errcode: number; errmsg?: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const errcode = (value as { errcode?: unknown }).errcode;
  if (errcode === undefined && errcodeOnlyOnFailure) return { ...value, errcode: 0 };
  return typeof errcode === 'number' ? (value as { errcode: number }) : undefined;
}
