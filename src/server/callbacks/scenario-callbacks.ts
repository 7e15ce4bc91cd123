import type { CallbackConfig, CallbackOwner } from '../../domain/callback.js';
import { callbackConfig } from '../../scenario/scenario-callback.js';
import type { Scenario } from '../../scenario/scenario-schema.js';
import type { Store } from '../../store/store.js';

/** A callback a scenario declares that the store does not already hold, checked. */
export interface DeclaredCallback {
  /** Its path in the document, for the error. */
  where: string;
  owner: CallbackOwner;
  config: CallbackConfig;
}

/** The scenario's callbacks that need a URL check: new, changed, or stored but not yet checked. */
export async function scenarioCallbacks(store: Store, scenario: Scenario): Promise<DeclaredCallback[]> {
  const declared: DeclaredCallback[] = [];
  scenario.corps.forEach((corp, c) =>
    corp.apps.forEach((app, a) => {
      const config = callbackConfig(app.callback);
      if (config) declared.push({ where: `/corps/${c}/apps/${a}/callback`, owner: { kind: 'app', corpid: corp.corpid, agentid: app.agentid }, config });
    }),
  );
  scenario.suites?.forEach((suite, s) => {
    const config = callbackConfig(suite.callback);
    if (config) declared.push({ where: `/suites/${s}/callback`, owner: { kind: 'suite', suiteId: suite.suite_id }, config });
  });
  const out: DeclaredCallback[] = [];
  for (const d of declared) {
    const stored = await store.getCallback(d.owner);
    const same = stored?.verified === true && stored.url === d.config.url && stored.token === d.config.token && stored.encodingAesKey === d.config.encodingAesKey;
    if (!same) out.push(d);
  }
  return out;
}
