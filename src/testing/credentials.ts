import type { Scenario } from '../scenario/scenario-schema.js';

/**
 * How one declared app authenticates: its secret (for gettoken) and/or the fixed token the
 * scenario pre-issued. Known only because the scenario holds them; the database keeps hashes.
 */
export interface AppCredentials {
  corpid: string;
  agentid: number;
  kind: 'self_built' | 'agency' | 'third_party' | 'system';
  /** Whether the scenario lets the app call the live-stream API. */
  living_api: boolean;
  secret?: string;
  access_token?: string;
}

/** Every app of every loaded scenario that can authenticate, in declaration order. */
export function appCredentials(scenarios: readonly Scenario[]): AppCredentials[] {
  const out: AppCredentials[] = [];
  for (const scenario of scenarios) {
    for (const corp of scenario.corps) {
      for (const app of corp.apps) {
        if (app.secret === undefined && app.access_token === undefined) continue;
        const creds: AppCredentials = { corpid: corp.corpid, agentid: app.agentid, kind: app.kind, living_api: app.living_api ?? false };
        if (app.secret !== undefined) creds.secret = app.secret;
        if (app.access_token !== undefined) creds.access_token = app.access_token;
        out.push(creds);
      }
    }
  }
  return out;
}
