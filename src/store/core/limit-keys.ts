/**
 * The start of every rate-limit counter and block key of one corp (domain/rate-limit.ts builds
 * them as `corp:<corpid>:<api>:<window>[:<start>]`); a corpid holds no ':', so the prefix is exact.
 */
export function corpLimitPrefix(corpid: string): string {
  return `corp:${corpid}:`;
}
