import { GETTOKEN_PATH, TOKEN_TTL_SECONDS } from '../protocol/paths.js';
import type { ErrorReply, GetTokenReply } from '../protocol/index.js';
import type { ApiCall } from './api-call.js';
import { CachedTokenSource } from './cached-token-source.js';
import type { WeComClientOptions, WeComCredentialsOptions } from './client-options.js';
import { WeComTokenError } from './errors.js';
import { LivingApi } from './living.js';
import { ProviderTokenSource, StaticTokenSource, type AccessTokenSource } from './token-source.js';
import { defaultTokenStore, tokenCacheKey } from './token-store.js';
import { sendRequest, transportConfig, type TransportConfig } from './transport.js';
import { WeComResponseError } from './transport-errors.js';

/**
 * A WeCom API client that works against `qyapi.weixin.qq.com` and against livestat.
 *
 * @example
 * const client = new WeComClient({ corpid: 'ww123', corpsecret: process.env.SECRET! });
 * for await (const { viewer } of client.living.watchStatViewers('lvXXXX')) console.log(viewer);
 */
export class WeComClient {
  /** The 直播 (live-stream) endpoints. */
  readonly living: LivingApi;
  readonly baseUrl: string;
  readonly #transport: TransportConfig;
  readonly #tokens: AccessTokenSource;

  constructor(options: WeComClientOptions) {
    this.#transport = transportConfig(options);
    this.baseUrl = this.#transport.baseUrl;
    if (options.accessToken !== undefined) this.#tokens = new StaticTokenSource(options.accessToken);
    else if (options.tokenProvider !== undefined) this.#tokens = new ProviderTokenSource(options.tokenProvider);
    else this.#tokens = this.#credentialsSource(options);
    this.living = new LivingApi(this);
  }

  /**
   * The current access token, fetched or refreshed as needed.
   *
   * @example
   * const token = await client.getAccessToken();
   */
  getAccessToken(): Promise<string> {
    return this.#tokens.getToken();
  }

  /**
   * Calls any endpoint with the token in `access_token`. On a token error (40001, 40014,
   * 42001) the token is dropped and the call retried once with a fresh one.
   *
   * @throws {WeComApiError} (or a subclass) for a non-zero errcode; {@link WeComConnectionError},
   *   {@link WeComTimeoutError}, {@link WeComResponseError} once retries are spent.
   * @example
   * const info = await client.request<ErrorReply>({ method: 'GET', path: '/cgi-bin/living/get_living_info', query: { livingid } });
   */
  async request<T extends ErrorReply>(call: ApiCall): Promise<T> {
    const token = await this.#tokens.getToken();
    try {
      return await this.#send<T>(call, token);
    } catch (err) {
      if (!(err instanceof WeComTokenError) || !(await this.#tokens.invalidate(token))) throw err;
    }
    return this.#send<T>(call, await this.#tokens.getToken());
  }

  #send<T extends ErrorReply>(call: ApiCall, token: string): Promise<T> {
    return sendRequest<T>(this.#transport, {
      method: call.method,
      path: call.path,
      query: { ...call.query, access_token: token },
      body: call.body,
      secrets: [token],
    });
  }

  #credentialsSource(options: WeComCredentialsOptions): AccessTokenSource {
    const { corpid, corpsecret } = options;
    return new CachedTokenSource({
      store: options.tokenStore ?? defaultTokenStore,
      key: tokenCacheKey(this.baseUrl, corpid, corpsecret),
      now: this.#transport.now,
      issue: async () => {
        const reply = await sendRequest<GetTokenReply>(this.#transport, {
          method: 'GET',
          path: GETTOKEN_PATH,
          query: { corpid, corpsecret },
          secrets: [corpsecret],
        });
        if (typeof reply.access_token !== 'string' || reply.access_token === '') {
          throw new WeComResponseError('gettoken reply has no access_token', { status: 200, endpoint: GETTOKEN_PATH });
        }
        return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in ?? TOKEN_TTL_SECONDS };
      },
    });
  }
}
