/**
 * Every error of the admin API: 400 (a bad query), 401 (no or a wrong admin key, or the API is
 * off), 404 (no such corp or live), 500. Unlike WeCom's endpoints, the HTTP status says it.
 */
export interface AdminError {
  /** bad_request, unauthorized, not_found, internal */
  error: string;
  /** For people. */
  message: string;
}
