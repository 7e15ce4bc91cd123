/**
 * Where the client gets its access token: a fixed token, the caller's own provider, or
 * gettoken with a cache ({@link CachedTokenSource}).
 */
export interface AccessTokenSource {
  getToken(): Promise<string>;
  /** Drops `token` after WeCom refused it; true when asking again may give a different one. */
  invalidate(token: string): Promise<boolean>;
}

/** What a caller-supplied token provider is told; `invalidToken` is set after a token error. */
export interface TokenProviderRequest {
  invalidToken: string | undefined;
}

/**
 * A function that obtains tokens elsewhere (e.g. `service/get_corp_token` for third-party
 * apps). It may ignore its argument; when `invalidToken` is set it should return a new token.
 *
 * @example
 * const client = new WeComClient({ tokenProvider: async () => myTokenService.current() });
 */
export type TokenProvider = (request: TokenProviderRequest) => Promise<string>;

/** A token the caller owns: it cannot be refreshed, so token errors are not retried. */
export class StaticTokenSource implements AccessTokenSource {
  readonly #token: string;

  constructor(token: string) {
    this.#token = token;
  }

  async getToken(): Promise<string> {
    return this.#token;
  }

  async invalidate(): Promise<boolean> {
    return false;
  }
}

/** Wraps a caller's {@link TokenProvider}, telling it which token failed. */
export class ProviderTokenSource implements AccessTokenSource {
  readonly #provider: TokenProvider;
  #invalidToken: string | undefined;

  constructor(provider: TokenProvider) {
    this.#provider = provider;
  }

  async getToken(): Promise<string> {
    const token = await this.#provider({ invalidToken: this.#invalidToken });
    if (token !== this.#invalidToken) this.#invalidToken = undefined;
    return token;
  }

  async invalidate(token: string): Promise<boolean> {
    this.#invalidToken = token;
    return true;
  }
}
