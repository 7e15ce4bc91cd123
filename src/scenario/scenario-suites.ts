import { hashSecret, verifySecret } from '../domain/credentials.js';
import { isValidTrustedIp } from '../domain/trusted-ips.js';
import type { SuiteAuthorization } from '../domain/suite.js';
import type { Store } from '../store/store.js';
import type { Scenario, ScenarioSuite } from './scenario-schema.js';
import { callbackConfig } from './scenario-callback.js';

/**
 * The hash to store for a credential given in plaintext or (a snapshot) as its hash. A stored
 * salted hash is kept when it still matches, so an unchanged scenario reloads as no change.
 */
function rehash(value: string | undefined, hash: string | undefined, stored: string | undefined): string {
  if (value === undefined) return hash!;
  return stored !== undefined && verifySecret(value, stored) ? stored : hashSecret(value);
}

async function loadSuite(store: Store, s: ScenarioSuite): Promise<boolean> {
  const stored = await store.getSuite(s.suite_id);
  let changed = await store.upsertSuite({
    suiteId: s.suite_id,
    secretHash: rehash(s.suite_secret, s.suite_secret_hash, stored?.secretHash),
    ticketHash: rehash(s.suite_ticket, s.suite_ticket_hash, stored?.ticketHash),
    trustedIps: s.trusted_ips ?? [],
  });
  for (const t of s.suite_token_hashes ?? []) {
    const token = { hash: Buffer.from(t.sha256, 'base64url'), suiteId: s.suite_id, expiresAt: Math.round(t.expires_at * 1000), nonce: Buffer.from(t.nonce, 'base64url') };
    changed = (await store.saveSuiteToken(token)) || changed;
  }
  changed = (await store.setCallback({ kind: 'suite', suiteId: s.suite_id }, callbackConfig(s.callback))) || changed;
  const current = new Map((await store.listSuiteAuthorizations(s.suite_id)).map((a) => [`${a.corpid}\0${a.agentid}`, a.permanentCodeHash]));
  const auths: SuiteAuthorization[] = (s.authorizations ?? []).map((a) => ({
    corpid: a.corpid,
    agentid: a.agentid,
    permanentCodeHash: rehash(a.permanent_code, a.permanent_code_hash, current.get(`${a.corpid}\0${a.agentid}`)),
  }));
  changed = (await store.setSuiteAuthorizations(s.suite_id, auths)) || changed;
  return changed;
}

/** Makes the store hold the scenario's suites and their authorizations (after its corps and apps). */
export async function loadSuites(store: Store, scenario: Scenario): Promise<boolean> {
  let changed = false;
  for (const suite of scenario.suites ?? []) changed = (await loadSuite(store, suite)) || changed;
  return changed;
}

/**
 * The rules about suites a schema cannot say: unique ids, valid allowlist entries, and
 * authorizations naming a declared app that no other suite installed.
 */
export function suiteErrors(scenario: Scenario): string[] {
  const errors: string[] = [];
  const apps = new Set(scenario.corps.flatMap((c) => c.apps.map((a) => `${c.corpid}\0${a.agentid}`)));
  const ids = new Set<string>();
  const installedBy = new Map<string, string>();
  scenario.suites?.forEach((suite, s) => {
    const at = `/suites/${s}`;
    if (ids.has(suite.suite_id)) errors.push(`${at}/suite_id: duplicate suite_id ${suite.suite_id}`);
    errors.push(...oneOf(at, suite.suite_secret, suite.suite_secret_hash, 'suite_secret'));
    errors.push(...oneOf(at, suite.suite_ticket, suite.suite_ticket_hash, 'suite_ticket'));
    ids.add(suite.suite_id);
    suite.trusted_ips?.forEach((ip, i) => {
      if (!isValidTrustedIp(ip)) errors.push(`${at}/trusted_ips/${i}: not an IP address or CIDR block`);
    });
    const seen = new Set<string>();
    suite.authorizations?.forEach((auth, a) => {
      const key = `${auth.corpid}\0${auth.agentid}`;
      if (!apps.has(key)) errors.push(`${at}/authorizations/${a}/agentid: no app ${auth.agentid} in corp ${auth.corpid}`);
      errors.push(...oneOf(`${at}/authorizations/${a}`, auth.permanent_code, auth.permanent_code_hash, 'permanent_code'));
      if (seen.has(key)) errors.push(`${at}/authorizations/${a}: app ${auth.agentid} of ${auth.corpid} is authorized twice`);
      seen.add(key);
      // An installed app has one provider: its calls are checked against one allowlist.
      const other = installedBy.get(key);
      if (other !== undefined && other !== suite.suite_id) errors.push(`${at}/authorizations/${a}: app ${auth.agentid} of ${auth.corpid} is already installed by suite ${other}`);
      installedBy.set(key, suite.suite_id);
    });
  });
  return errors;
}

/** A credential given exactly once: in plaintext, or (a snapshot) as `<name>_hash`. */
function oneOf(at: string, plain: string | undefined, hash: string | undefined, name: string): string[] {
  if (plain === undefined && hash === undefined) return [`${at}: give ${name} (or ${name}_hash)`];
  if (plain !== undefined && hash !== undefined) return [`${at}: give ${name} or ${name}_hash, not both`];
  return [];
}
