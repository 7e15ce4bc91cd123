// The client SDK's public surface.
export { WeComClient } from './client.js';
export type { ApiCall, ApiCaller } from './api-call.js';
export {
  DEFAULT_BASE_URL,
  type WeComClientOptions,
  type WeComClientCommonOptions,
  type WeComCredentialsOptions,
  type WeComAccessTokenOptions,
  type WeComTokenProviderOptions,
} from './client-options.js';
export {
  LivingApi,
  type GetWatchStatParams,
  type WatchStatIterationOptions,
  type GetUserAllLivingidParams,
  type UserLivingidPage,
} from './living.js';
export { suiteTokenProvider, type SuiteTokenProviderOptions } from './suite-token-provider.js';
export { pageViewers, type Viewer, type MemberViewer, type ExternalViewer, type ViewerEntry } from './viewers.js';
export {
  WeComError,
  WeComApiError,
  WeComTokenError,
  WeComRateLimitError,
  WeComPermissionError,
  WeComInvalidParameterError,
  type WeComApiErrorInit,
} from './errors.js';
export {
  WeComResponseError,
  WeComConnectionError,
  WeComTimeoutError,
  WeComPaginationLoopError,
} from './transport-errors.js';
export { createApiError, isRetryableError } from './error-factory.js';
export { MemoryTokenStore, defaultTokenStore, tokenCacheKey, type TokenStore, type StoredToken } from './token-store.js';
export { FileTokenStore } from './file-token-store.js';
export type { TokenProvider, TokenProviderRequest } from './token-source.js';
export { retryDelayMs, INITIAL_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS } from './retry-timing.js';
export { redact, REDACTED } from './redact.js';
export { nodeHttpFetch } from './node-http-fetch.js';
export * from './admin/index.js';
export * from './callback/index.js';
