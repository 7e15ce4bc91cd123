import { GET_CORP_TOKEN_PATH, GET_SUITE_TOKEN_PATH, TOKEN_TTL_SECONDS } from '../protocol/paths.js';
import { SUITE_TOKEN_ERRCODES } from '../protocol/errcodes.js';
import type { GetCorpTokenReply, GetSuiteTokenReply } from '../protocol/index.js';
import { CachedTokenSource } from './cached-token-source.js';
import type { WeComClientCommonOptions } from './client-options.js';
import { WeComApiError } from './errors.js';
import type { TokenProvider } from './token-source.js';
import { MemoryTokenStore, type TokenStore, tokenCacheKey } from './token-store.js';
import { sendRequest, transportConfig } from './transport.js';
import { WeComResponseError } from './transport-errors.js';

/** What a third-party (suite) app needs to get an authorizing corp's access token. */
export interface SuiteTokenProviderOptions extends Omit<WeComClientCommonOptions, 'baseUrl'> {
  baseUrl?: string;
  suiteId: string;
  suiteSecret: string;
  /** The latest suite_ticket WeCom pushed to your callback; a function is asked on every refresh. */
  suiteTicket: string | (() => string | Promise<string>);
  authCorpid: string;
  permanentCode: string;
  /** Where both tokens are cached; default a store of this provider's own. */
  tokenStore?: TokenStore;
}

/**
 * A {@link TokenProvider} for third-party apps: `get_suite_token`, then `get_corp_token` for the
 * authorizing corp, each cached and refreshed early. Both succeed with no errcode in the reply, as
 * WeCom answers them. A refused corp token (40001, 40014, 42001) is fetched again; a refused suite
 * token (40082, 42009) is fetched again once.
 *
 * @throws {WeComApiError} from either call, e.g. 40085 for a stale suite_ticket, 40083 for an unknown suite_id or 40084 for a wrong permanent code.
 * @example
 * const client = new WeComClient({
 *   baseUrl: 'http://127.0.0.1:8080',
 *   tokenProvider: suiteTokenProvider({ suiteId, suiteSecret, suiteTicket: () => latestTicket, authCorpid, permanentCode }),
 * });
 * const info = await client.living.getLivingInfo(livingid);
 */
export function suiteTokenProvider(options: SuiteTokenProviderOptions): TokenProvider {
  const transport = transportConfig(options);
  const baseUrl = transport.baseUrl;
  const store = options.tokenStore ?? new MemoryTokenStore();
  const ticket = async () => (typeof options.suiteTicket === 'function' ? options.suiteTicket() : options.suiteTicket);

  const suiteTokens = new CachedTokenSource({
    store,
    key: `suite ${tokenCacheKey(baseUrl, options.suiteId, options.suiteSecret)}`,
    now: transport.now,
    issue: async () => {
      const reply = await sendRequest<GetSuiteTokenReply>(transport, {
        method: 'POST',
        path: GET_SUITE_TOKEN_PATH,
        query: {},
        body: { suite_id: options.suiteId, suite_secret: options.suiteSecret, suite_ticket: await ticket() },
        secrets: [options.suiteSecret],
        errcodeOnlyOnFailure: true,
      });
      if (!reply.suite_access_token) throw new WeComResponseError('get_suite_token reply has no suite_access_token', { status: 200, endpoint: GET_SUITE_TOKEN_PATH });
      return { accessToken: reply.suite_access_token, expiresInSeconds: reply.expires_in ?? TOKEN_TTL_SECONDS };
    },
  });

  const corpToken = async (suiteToken: string) => {
    const reply = await sendRequest<GetCorpTokenReply>(transport, {
      method: 'POST',
      path: GET_CORP_TOKEN_PATH,
      query: { suite_access_token: suiteToken },
      body: { auth_corpid: options.authCorpid, permanent_code: options.permanentCode },
      secrets: [suiteToken, options.permanentCode],
      errcodeOnlyOnFailure: true,
    });
    if (!reply.access_token) throw new WeComResponseError('get_corp_token reply has no access_token', { status: 200, endpoint: GET_CORP_TOKEN_PATH });
    return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in ?? TOKEN_TTL_SECONDS };
  };

  const corpTokens = new CachedTokenSource({
    store,
    // Keyed by suite and corp, so it never meets a gettoken token of the same corp.
    key: `corp ${options.suiteId} ${tokenCacheKey(baseUrl, options.authCorpid, options.permanentCode)}`,
    now: transport.now,
    issue: async () => {
      const suiteToken = await suiteTokens.getToken();
      try {
        return await corpToken(suiteToken);
      } catch (err) {
        if (!(err instanceof WeComApiError) || !SUITE_TOKEN_ERRCODES.has(err.errcode)) throw err;
        await suiteTokens.invalidate(suiteToken);
        return corpToken(await suiteTokens.getToken());
      }
    },
  });

  return async ({ invalidToken }) => {
    if (invalidToken !== undefined) await corpTokens.invalidate(invalidToken);
    return corpTokens.getToken();
  };
}
