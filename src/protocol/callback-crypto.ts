import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeCom's callback encryption (WXBizMsgCrypt; docs 91144, 96466, 97172), written once for the
 * server (which encrypts and signs) and the SDK (which checks and decrypts):
 *
 * - AESKey = base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC with IV = AESKey[0..16].
 * - Plaintext = random(16) ‖ msg_len (4 bytes, big-endian) ‖ msg ‖ receiveid, padded with
 *   PKCS#7 to a multiple of **32** bytes (not AES's 16: WeCom's own SDKs do this).
 * - msg_signature = sha1_hex of the sorted, concatenated [token, timestamp, nonce, encrypt].
 */

/** Thrown when a message does not decrypt or does not belong to the expected receiver. */
export class CallbackCryptoError extends Error {
  override readonly name = 'CallbackCryptoError';

  constructor(
    message: string,
    /** 'receiver' when the message decrypted but is for another receiveid. */
    readonly reason: 'decrypt' | 'receiver' = 'decrypt',
  ) {
    super(message);
  }
}

const BLOCK = 32;

/** The 32-byte key of a 43-character EncodingAESKey; throws on anything else. */
export function callbackAesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new CallbackCryptoError('EncodingAESKey must be 43 characters of [A-Za-z0-9+/]');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** msg_signature over the four values, in WeCom's order-independent form. */
export function callbackSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

/** Whether `signature` is the msg_signature of the four values, compared in constant time. */
export function checkCallbackSignature(signature: string, token: string, timestamp: string, nonce: string, encrypt: string): boolean {
  const expected = Buffer.from(callbackSignature(token, timestamp, nonce, encrypt));
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Encrypts `message` for `receiveid` (corpid, suite_id, or ""); `random16` is for test vectors. */
export function encryptCallback(encodingAesKey: string, message: string, receiveid: string, random16: Buffer = randomBytes(16)): string {
  const key = callbackAesKey(encodingAesKey);
  if (random16.length !== 16) throw new CallbackCryptoError('the random prefix must be 16 bytes');
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const plain = Buffer.concat([random16, len, msg, Buffer.from(receiveid, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/**
 * Decrypts an `Encrypt` value (or a URL check's echostr) and returns the message. Throws
 * CallbackCryptoError when it does not decrypt, or when its receiveid is not `receiveid`
 * (pass undefined to accept any and read it from the result).
 */
export function decryptCallback(encodingAesKey: string, encrypt: string, receiveid?: string): { message: string; receiveid: string } {
  const key = callbackAesKey(encodingAesKey);
  const data = Buffer.from(encrypt, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) throw new CallbackCryptoError('the ciphertext is not a whole number of AES blocks');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > BLOCK || pad > padded.length) throw new CallbackCryptoError('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new CallbackCryptoError('the plaintext is too short');
  const len = plain.readUInt32BE(16);
  if (20 + len > plain.length) throw new CallbackCryptoError('the message length is out of range');
  const message = plain.subarray(20, 20 + len).toString('utf8');
  const found = plain.subarray(20 + len).toString('utf8');
  if (receiveid !== undefined && found !== receiveid) throw new CallbackCryptoError('the message is for another receiver', 'receiver');
  return { message, receiveid: found };
}
