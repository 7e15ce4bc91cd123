// The seam between the client and the endpoint groups it serves (living.ts): both sides import
// it, so neither has to import the other.

/** An authenticated call: the client adds the token and handles token errors. */
export interface ApiCall {
  method: 'GET' | 'POST';
  path: string;
  query?: Readonly<Record<string, string>>;
  body?: unknown;
}

/** The part of the client the living API needs. */
export interface ApiCaller {
  request<T extends { errcode: number; errmsg: string }>(call: ApiCall): Promise<T>;
}
