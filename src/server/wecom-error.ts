import type { KnownErrcode } from '../protocol/errcodes.js';

/**
 * A reply of a WeCom endpoint that is an error: thrown anywhere in a route and rendered by the
 * central error handler as HTTP 200 `{errcode, errmsg}` with the Error-Code/Error-Msg headers.
 */
export class WeComReplyError extends Error {
  constructor(
    readonly errcode: KnownErrcode,
    /** For 40058: what is wrong, e.g. `livingid missing`. */
    readonly detail?: string,
  ) {
    super(detail ? `${errcode} ${detail}` : String(errcode));
    this.name = 'WeComReplyError';
  }
}

/** 40058 with a detail. */
export function invalidParameter(detail: string): WeComReplyError {
  return new WeComReplyError(40058, detail);
}

/**
 * An error of livestat's own API (/livestat/...): a plain HTTP status with a JSON body
 * `{"error": code, "message": text}`.
 */
export class LivestatHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LivestatHttpError';
  }
}
