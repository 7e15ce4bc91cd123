/** Server defaults, apart from the server so that the CLI can show them without loading fastify. */

export { DEFAULT_PAGE_SIZE } from '../protocol/page-size.js';
/** WeCom does not publish its concurrency limit; this is well above what one client needs. */
export const DEFAULT_MAX_CONCURRENT_PER_CORP = 500;
/** WeCom blocks an IP from gettoken for an hour after about 2,000 wrong secrets in an hour. */
export const DEFAULT_WRONG_SECRET_LIMIT_PER_HOUR = 2000;
