/** A control API call failed: livestat answered `{error, message}` with an HTTP error status. */
export class LivestatAdminError extends Error {
  constructor(
    /** The HTTP status, e.g. 400, 401, 404. */
    readonly status: number,
    /** livestat's error code, e.g. `bad_request`, `unauthorized`, `invalid_scenario`. */
    readonly code: string,
    message: string,
    /** For `invalid_scenario`: one line per bad path. */
    readonly errors: readonly string[] = [],
  ) {
    super(message);
    this.name = 'LivestatAdminError';
  }
}
