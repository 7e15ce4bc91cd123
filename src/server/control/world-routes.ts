import type { FastifyInstance } from 'fastify';
import { parseFault } from '../../domain/faults.js';
import { specOfFault } from '../../domain/fault-plan.js';
import { SeedRequestSchema, type ScenarioReply } from '../../protocol/control/world.js';
import { loadCursorKey, loadScenario } from '../../scenario/scenario-load.js';
import { loadSuites } from '../../scenario/scenario-suites.js';
import { validateScenario } from '../../scenario/scenario-validate.js';
import { syntheticRows } from '../../scenario/synthetic-rows.js';
import type { ServerContext } from '../context.js';
import { bodyChecker } from './control-body.js';
import type { CallbackWorker } from '../callbacks/callback-worker.js';
import { checkFailed } from './callback-routes.js';
import { scenarioCallbacks } from '../callbacks/scenario-callbacks.js';

const seedBody = bodyChecker(SeedRequestSchema);

/**
 * `POST /seed` restarts the random stream from a seed (or, with null, goes back to the CSPRNG).
 * `POST /scenario` loads a scenario document exactly as `serve --scenario` does at start: the
 * same validation, the same idempotent loader, its faults added to the plan.
 */
export function registerWorldRoutes(admin: FastifyInstance, ctx: ServerContext, callbacks: CallbackWorker): void {
  const config = { wire: 'livestat' } as const;

  admin.post('/seed', { config }, async (request) => {
    const { seed } = seedBody(request.body);
    ctx.control.random.reseed(seed ?? undefined);
    return { seed };
  });

  admin.post('/scenario', { config, bodyLimit: 64 * 1024 * 1024 }, async (request, reply) => {
    const checked = validateScenario(request.body);
    if (!checked.ok) {
      return reply.code(400).send({ error: 'invalid_scenario', message: checked.errors[0] ?? 'invalid scenario', errors: checked.errors });
    }
    const scenario = checked.scenario;
    // Callbacks are checked before anything is loaded: one that fails refuses the document.
    const toCheck = await scenarioCallbacks(ctx.store, scenario);
    for (const c of toCheck) {
      const problem = await callbacks.check(c.owner, c.config);
      if (problem !== undefined) throw checkFailed(c.where, problem);
    }
    const changedCorps: string[] = [];
    // One corp at a time, so the reply can say which corps changed; suites are loaded as at start.
    for (const corp of scenario.corps) {
      const gen = { synthetic: syntheticRows, nowMs: ctx.clock.now(corp.corpid), graceMs: ctx.graceMs };
      if ((await loadScenario(ctx.store, { corps: [corp] }, gen)).changed) changedCorps.push(corp.corpid);
    }
    const suitesChanged = await loadSuites(ctx.store, scenario);
    const cursorKeyChanged = await loadCursorKey(ctx.store, scenario);
    for (const c of toCheck) await callbacks.markChecked(c.owner);
    const faults = (scenario.faults ?? []).map((spec) => ctx.control.faults.add(specOfFault(parseFault(spec)), 'scenario').id);
    const result: ScenarioReply = {
      changed: changedCorps.length > 0 || suitesChanged || cursorKeyChanged || faults.length > 0,
      corps: scenario.corps.length,
      apps: scenario.corps.reduce((n, c) => n + c.apps.length, 0),
      livings: scenario.corps.reduce((n, c) => n + (c.livings?.length ?? 0), 0),
      changed_corps: changedCorps,
      suites_changed: suitesChanged,
      faults_added: faults,
    };
    return result;
  });
}
