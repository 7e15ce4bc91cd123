/** What replaces a credential wherever it would otherwise show. */
export const REDACTED = '[REDACTED]';

// Query parameters that carry credentials on WeCom URLs.
const CREDENTIAL_PARAM = /\b(access_token|corpsecret)=[^&\s"'#]*/g;

/**
 * Removes credentials from a text: `access_token=` and `corpsecret=` query values, and
 * every literal occurrence of the given secrets (a token may appear outside a URL).
 *
 * @example
 * redact('GET /cgi-bin/x?access_token=abc', []) // 'GET /cgi-bin/x?access_token=[REDACTED]'
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(CREDENTIAL_PARAM, (_m, name: string) => `${name}=${REDACTED}`);
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real tokens and secrets are long.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * A copy of an error that is safe to keep as a `cause`: same name and code, message
 * redacted, no nested cause (undici's nested causes can hold the request URL).
 */
export function redactCause(cause: unknown, secrets: readonly string[]): Error {
  const source = cause instanceof Error ? cause : new Error(String(cause));
  const copy = new Error(redact(source.message, secrets));
  copy.name = source.name;
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}
