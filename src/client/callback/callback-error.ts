import { WeComError } from '../errors.js';

/** Why a callback request was refused. */
export type CallbackRejection = 'missing_parameter' | 'signature' | 'decrypt' | 'receiver' | 'format';

/**
 * A URL check or push that is not WeCom's (or not for this app): a parameter is missing, the
 * signature does not match, the ciphertext does not decrypt, it is for another receiveid, or
 * the XML is not a callback. Answer such a request with 4xx and do not act on it.
 *
 * @example
 * try { receiver.openPush(query, body); }
 * catch (err) { if (err instanceof CallbackVerificationError) res.writeHead(400).end(); }
 */
export class CallbackVerificationError extends WeComError {
  override name = 'CallbackVerificationError';

  constructor(
    readonly reason: CallbackRejection,
    message: string,
  ) {
    super(message);
  }
}
