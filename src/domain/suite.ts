/** A third-party suite (第三方应用) as a scenario declares it; secrets are stored hashed. */
export interface Suite {
  suiteId: string;
  secretHash: string;
  /** livestat does not push tickets: the scenario's fixed ticket stands for the latest one. */
  ticketHash: string;
  /**
   * The provider's source-IP allowlist (empty: any IP): get_suite_token, get_corp_token and the
   * business calls of the apps it installed are checked against it, not against per-app lists.
   */
  trustedIps: string[];
}

/** A corp's authorization of a suite: the app it installed and the permanent code it produced. */
export interface SuiteAuthorization {
  corpid: string;
  agentid: number;
  permanentCodeHash: string;
}

/** A stored suite_access_token (only its SHA-256; the nonce re-derives it, as for access tokens). */
export interface SuiteTokenRecord {
  hash: Buffer;
  suiteId: string;
  expiresAt: number;
  nonce: Buffer;
}
