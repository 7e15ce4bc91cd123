import { CallbackCryptoError, callbackAesKey, checkCallbackSignature, decryptCallback } from '../../protocol/callback-crypto.js';
import type { CallbackEvent } from '../../protocol/callback-events.js';
import { parseCallbackXml } from '../../protocol/callback-xml.js';
import { CallbackVerificationError } from './callback-error.js';
import { parseCallbackEvent } from './callback-event-parse.js';

/** What the app set in WeCom's admin console for its callback URL. */
export interface CallbackReceiverOptions {
  /** The callback Token. */
  token: string;
  /** The 43-character EncodingAESKey. */
  encodingAesKey: string;
  /**
   * Whom the messages are for: the corpid for a corp's app (a third-party app's data callback:
   * the authorizing corp's corpid), the suite_id for a suite's 指令回调. Undefined accepts any.
   */
  receiveid?: string | undefined;
}

/** A callback URL's query, as a record or URLSearchParams (values already URL-decoded). */
export type CallbackQuery = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/** A push, checked and decrypted. */
export interface OpenedPush {
  /** The decrypted XML. */
  xml: string;
  /** Its typed event, or undefined for an event this SDK does not know (answer 200 anyway). */
  event: CallbackEvent | undefined;
  /** The receiveid inside the message. */
  receiveid: string;
}

function param(query: CallbackQuery, name: string): string {
  const raw = query instanceof URLSearchParams ? (query.get(name) ?? undefined) : query[name];
  const value = Array.isArray(raw) ? (raw[0] as string | undefined) : (raw as string | undefined);
  if (value === undefined || value === '') throw new CallbackVerificationError('missing_parameter', `${name} missing`);
  return value;
}

/**
 * The receiving side of WeCom's callbacks (WXBizMsgCrypt): answers URL checks and opens pushes
 * — living_status_change on an app's callback URL, suite_ticket on a suite's 指令回调 URL.
 *
 * @example
 * const receiver = new CallbackReceiver({ token, encodingAesKey, receiveid: corpid });
 * // GET: answer the plaintext, with no quotes and no newline.
 * res.end(receiver.verifyUrl(url.searchParams));
 * // POST: check, decrypt, parse; then answer 200 with an empty body ("success" for 指令回调).
 * const { event } = receiver.openPush(url.searchParams, body);
 *
 * @throws CallbackVerificationError for a request that is not WeCom's or not for this receiver.
 */
export class CallbackReceiver {
  private readonly options: CallbackReceiverOptions;

  constructor(options: CallbackReceiverOptions) {
    try {
      callbackAesKey(options.encodingAesKey);
    } catch (e) {
      throw new TypeError((e as Error).message);
    }
    this.options = { ...options };
  }

  /** The plaintext to answer a URL check (GET with msg_signature, timestamp, nonce, echostr) with. */
  verifyUrl(query: CallbackQuery): string {
    return this.open(query, param(query, 'echostr')).message;
  }

  /** Checks the signature of a push (POST body: the `<xml><Encrypt>` envelope), decrypts and parses it. */
  openPush(query: CallbackQuery, body: string | Buffer): OpenedPush {
    let encrypt: string | undefined;
    try {
      encrypt = parseCallbackXml(body.toString()).Encrypt;
    } catch (e) {
      throw new CallbackVerificationError('format', `the body is not a callback envelope: ${(e as Error).message}`);
    }
    if (encrypt === undefined || encrypt === '') throw new CallbackVerificationError('format', 'the envelope has no Encrypt');
    const { message, receiveid } = this.open(query, encrypt);
    return { xml: message, event: parseCallbackEvent(message), receiveid };
  }

  private open(query: CallbackQuery, encrypt: string): { message: string; receiveid: string } {
    const signature = param(query, 'msg_signature');
    const timestamp = param(query, 'timestamp');
    const nonce = param(query, 'nonce');
    if (!checkCallbackSignature(signature, this.options.token, timestamp, nonce, encrypt)) {
      throw new CallbackVerificationError('signature', 'msg_signature does not match');
    }
    try {
      return decryptCallback(this.options.encodingAesKey, encrypt, this.options.receiveid);
    } catch (e) {
      if (!(e instanceof CallbackCryptoError)) throw e;
      throw new CallbackVerificationError(e.reason, e.message);
    }
  }
}
