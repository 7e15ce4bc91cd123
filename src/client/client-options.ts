import type { TokenProvider } from './token-source.js';
import type { TokenStore } from './token-store.js';

/** The real WeCom API. */
export const DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';

/** Options every way of authenticating shares. Injectables exist so tests are deterministic. */
export interface WeComClientCommonOptions {
  /** API root; default `https://qyapi.weixin.qq.com`. Point it at livestat for development. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  /** Retries after a retryable failure (-1, 45009, 45033, network, timeout, 5xx); default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in ms; default 30 000. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1); default Math.random. */
  random?: () => number;
  /** Clock in ms since the epoch; default Date.now. */
  now?: () => number;
}

/** Authenticate with an app's corpid and secret through gettoken (cached). */
export interface WeComCredentialsOptions extends WeComClientCommonOptions {
  corpid: string;
  corpsecret: string;
  /** Where tokens are cached; default an in-process store shared by all clients. */
  tokenStore?: TokenStore;
  accessToken?: never;
  tokenProvider?: never;
}

/** Use a token obtained elsewhere; it is never refreshed. */
export interface WeComAccessTokenOptions extends WeComClientCommonOptions {
  accessToken: string;
  corpid?: never;
  tokenProvider?: never;
}

/** Ask the caller's function for tokens (third-party apps: `service/get_corp_token`). */
export interface WeComTokenProviderOptions extends WeComClientCommonOptions {
  tokenProvider: TokenProvider;
  corpid?: never;
  accessToken?: never;
}

/** How to construct a {@link WeComClient}: exactly one way of authenticating. */
export type WeComClientOptions = WeComCredentialsOptions | WeComAccessTokenOptions | WeComTokenProviderOptions;
