import { hashSecret, verifySecret } from '../domain/credentials.js';
import type { SuiteAuthorization } from '../domain/suite.js';
import type { Store } from '../store/store.js';
import type { Scenario, ScenarioSuite } from './scenario-schema.js';
import { callbackConfig } from './scenario-callback.js';

/** A stored salted hash kept when it still matches, so an unchanged scenario reloads as no change. */
function rehash(value: string, stored: string | undefined): string {
  return stored !== undefined && verifySecret(value, stored) ? stored : hashSecret(value);
}

async function loadSuite(store: Store, s: ScenarioSuite): Promise<boolean> {
  const stored = await store.getSuite(s.suite_id);
  let changed = await store.upsertSuite({
    suiteId: s.suite_id,
    secretHash: rehash(s.suite_secret, stored?.secretHash),
    ticketHash: rehash(s.suite_ticket, stored?.ticketHash),
  });
  changed = (await store.setCallback({ kind: 'suite', suiteId: s.suite_id }, callbackConfig(s.callback))) || changed;
  const current = new Map((await store.listSuiteAuthorizations(s.suite_id)).map((a) => [`${a.corpid}\0${a.agentid}`, a.permanentCodeHash]));
  const auths: SuiteAuthorization[] = (s.authorizations ?? []).map((a) => ({
    corpid: a.corpid,
    agentid: a.agentid,
    permanentCodeHash: rehash(a.permanent_code, current.get(`${a.corpid}\0${a.agentid}`)),
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

/** The rules about suites a schema cannot say: unique ids, and authorizations naming a declared app. */
export function suiteErrors(scenario: Scenario): string[] {
  const errors: string[] = [];
  const apps = new Set(scenario.corps.flatMap((c) => c.apps.map((a) => `${c.corpid}\0${a.agentid}`)));
  const ids = new Set<string>();
  scenario.suites?.forEach((suite, s) => {
    const at = `/suites/${s}`;
    if (ids.has(suite.suite_id)) errors.push(`${at}/suite_id: duplicate suite_id ${suite.suite_id}`);
    ids.add(suite.suite_id);
    const seen = new Set<string>();
    suite.authorizations?.forEach((auth, a) => {
      const key = `${auth.corpid}\0${auth.agentid}`;
      if (!apps.has(key)) errors.push(`${at}/authorizations/${a}/agentid: no app ${auth.agentid} in corp ${auth.corpid}`);
      if (seen.has(key)) errors.push(`${at}/authorizations/${a}: app ${auth.agentid} of ${auth.corpid} is authorized twice`);
      seen.add(key);
    });
  });
  return errors;
}
