/**
 * The errcode table of the WeCom API as livestat answers it — the wire contract written once.
 * The server renders errors from it; the client picks error classes from it.
 * Texts are the part of `errmsg` before `, hint:` (see WIRE.md).
 */
export const ERRCODES = {
  SYSTEM_BUSY: -1,
  OK: 0,
  INVALID_CREDENTIAL: 40001,
  INVALID_CORPID: 40013,
  INVALID_ACCESS_TOKEN: 40014,
  INVALID_PARAMETER: 40058,
  ACCESS_TOKEN_MISSING: 41001,
  CORPID_MISSING: 41002,
  CORPSECRET_MISSING: 41004,
  ACCESS_TOKEN_EXPIRED: 42001,
  API_FREQ_OUT_OF_LIMIT: 45009,
  API_CONCURRENT_OUT_OF_LIMIT: 45033,
  API_FORBIDDEN: 48002,
  IP_NOT_ALLOWED: 60020,
  LIVING_NOT_ALLOWED: 92008,
  // The rest of the live-stream family and third-party (suite) tokens.
  INVALID_SUITE_TOKEN: 40082,
  INVALID_PERMANENT_CODE: 40084,
  INVALID_SUITE_ID: 40083,
  INVALID_SUITE_TICKET: 40085,
  INVALID_THIRD_PARTY_APP_ID: 40086,
  SUITE_ID_MISSING: 41021,
  SUITE_TOKEN_MISSING: 41022,
  SUITE_TOKEN_EXPIRED: 42009,
  LIVING_STATUS_NOT_ALLOWED: 92006,
  REPLAY_NOT_DELETABLE: 92007,
} as const;

export type KnownErrcode = (typeof ERRCODES)[keyof typeof ERRCODES];

/** errmsg text per errcode. 40058's text is a suffix: `<detail>. invalid Request Parameter`. */
export const ERRMSG_TEXT: Readonly<Record<KnownErrcode, string>> = {
  [-1]: 'system busy',
  0: 'ok',
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40058: 'invalid Request Parameter',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  42001: 'access_token expired',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  48002: 'api forbidden',
  60020: 'not allow to access from your ip',
  92008: 'living not allowed for this app',
  40082: 'invalid suite_token',
  40084: 'invalid permanent_code',
  40083: 'invalid suite_id',
  40085: 'invalid suite_ticket',
  40086: 'invalid third-party app id',
  41021: 'suite_id missing',
  41022: 'suite_access_token missing',
  42009: 'suite_access_token expired',
  92006: 'living status not allowed',
  92007: 'replay data can not be deleted',
};

export function isKnownErrcode(code: number): code is KnownErrcode {
  return Object.prototype.hasOwnProperty.call(ERRMSG_TEXT, code);
}

/** The errcodes after which a client should drop its token and fetch a new one (WIRE.md: 42001 and, lately, 40014; 40001 after a secret reset). */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** The errcodes that mean "try again later": system busy, frequency and concurrency limits. */
export const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 45033]);

/** The errcodes after which a suite_access_token must be fetched again (get_corp_token's 40082 and 42009). */
export const SUITE_TOKEN_ERRCODES: ReadonlySet<number> = new Set([40082, 42009]);
