import type { Scenario, ScenarioCorp } from '../../scenario/scenario-schema.js';
import { loadScenario } from '../../scenario/scenario-load.js';
import { loadSuites } from '../../scenario/scenario-suites.js';
import { syntheticRows } from '../../scenario/synthetic-rows.js';
import type { ServerContext } from '../context.js';
import type { FaultEntry } from '../../domain/fault-plan.js';
import { forgetCorpControls } from './delete-routes.js';

/** The faults in force when the server started (`--fault` flags and start scenarios), taken at registration. */
export type StartFaults = readonly FaultEntry[];

function generators(ctx: ServerContext, corpid: string | undefined) {
  // As at start: the start scenarios' events are folded as of the time they were first loaded.
  return { synthetic: syntheticRows, nowMs: ctx.control.start.loadedAtMs ?? ctx.clock.now(corpid), graceMs: ctx.graceMs };
}

function startCorps(ctx: ServerContext, corpid: string): { corp: ScenarioCorp; scenario: Scenario }[] {
  return ctx.control.start.scenarios.flatMap((scenario) => scenario.corps.filter((c) => c.corpid === corpid).map((corp) => ({ corp, scenario })));
}

function readdFaults(ctx: ServerContext, faults: StartFaults): void {
  for (const { id: _id, source, ...spec } of faults) ctx.control.faults.add(spec, source);
}

/**
 * One corp back to what the start scenarios made of it: its rows are deleted (tokens, counters,
 * blocks, events, viewers, lives created since) and its part of the start scenarios loaded
 * again; its clock, journal entries and faults go back too. A corp that was not in the start
 * scenarios is simply removed. Other corps are not touched. False when the corp neither exists
 * nor was loaded at start.
 */
export async function resetCorp(ctx: ServerContext, corpid: string, startFaults: StartFaults): Promise<boolean> {
  const existed = await ctx.store.deleteCorp(corpid);
  const parts = startCorps(ctx, corpid);
  forgetCorpControls(ctx, corpid);
  readdFaults(ctx, startFaults.filter((f) => f.match?.corpid === corpid));
  for (const { corp, scenario } of parts) {
    await loadScenario(ctx.store, { corps: [corp] }, generators(ctx, corpid));
    // The corp's suite authorizations went with it: the start suites that authorize it come back.
    const suites = (scenario.suites ?? []).filter((s) => s.authorizations?.some((a) => a.corpid === corpid));
    if (suites.length > 0) await loadSuites(ctx.store, { corps: [], suites });
  }
  return existed || parts.length > 0;
}

/**
 * The whole world back to the start scenarios (or, `empty`, to nothing): every corp and suite,
 * every rate limit, the faults, both journals and every corp's clock. The server's own clock and
 * seed stay: they are the test's settings, not the world's data.
 */
export async function resetWorld(ctx: ServerContext, to: 'start' | 'empty', startFaults: StartFaults): Promise<void> {
  await ctx.store.deleteEverything();
  const c = ctx.control;
  c.journal.clear();
  c.outbound.clear();
  c.faults.clear();
  // Every corp follows the server's clock again; the server's own reading is kept as it was.
  const server = c.clock.reading();
  c.clock.resetAll();
  c.clock.set(undefined, server.nowMs, server.frozen);
  if (to === 'empty') return;
  readdFaults(ctx, startFaults);
  for (const scenario of c.start.scenarios) await loadScenario(ctx.store, scenario, generators(ctx, undefined));
}

