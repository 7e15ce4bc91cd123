import type { FaultEntry } from '../../domain/fault-plan.js';
import type { Scenario, ScenarioCorp } from '../../scenario/scenario-schema.js';
import { loadScenario } from '../../scenario/scenario-load.js';
import { loadSuites } from '../../scenario/scenario-suites.js';
import { syntheticRows } from '../../scenario/synthetic-rows.js';
import type { ServerContext } from '../context.js';
import { forgetCorpControls } from './delete-routes.js';

/** The faults in force when the server started (`--fault` flags and start scenarios), taken at registration. */
type StartFaults = readonly FaultEntry[];

/** What a reset compares against: the start faults, and how many events each simulated live held at start. */
export interface ResetBaseline {
  faults: StartFaults;
  /** `corpid\0livingid` → events, counted when the server became ready. */
  simulatedEvents: Map<string, number>;
}

const liveKey = (corpid: string, livingid: string) => `${corpid}\0${livingid}`;

function generators(ctx: ServerContext, corpid: string | undefined) {
  // As at start: the start scenarios' events are folded as of the time they were first loaded.
  return { synthetic: syntheticRows, nowMs: ctx.control.start.loadedAtMs ?? ctx.clock.now(corpid), graceMs: ctx.graceMs };
}

function startParts(ctx: ServerContext, corpid: string): { corp: ScenarioCorp; scenario: Scenario }[] {
  return ctx.control.start.scenarios.flatMap((scenario) => scenario.corps.filter((c) => c.corpid === corpid).map((corp) => ({ corp, scenario })));
}

/** Counts the events of every simulated live of the start scenarios (call once, when the server is ready). */
export async function countSimulatedEvents(ctx: ServerContext): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const s of ctx.control.start.scenarios) {
    for (const c of s.corps) for (const l of c.livings ?? []) if (l.simulated_audience) counts.set(liveKey(c.corpid, l.livingid), await ctx.store.countEvents(c.corpid, l.livingid));
  }
  return counts;
}

function readdFaults(ctx: ServerContext, faults: StartFaults): void {
  for (const { id: _id, source, ...spec } of faults) ctx.control.faults.add(spec, source);
}

/**
 * Brings the corp's stored rows back to its start part, doing only the work that changed:
 * tokens, ingest keys and rate limits are dropped (the loader saves the scenario's own again);
 * apps and lives the start part lacks are deleted; a start live that was cancelled, had its
 * replay deleted or a reminder set, or got events beyond its simulation is deleted so the loader
 * rebuilds it. A simulated live still holding exactly its start events keeps them (refolding a
 * simulation is the slow part of a load); every other row is made exact by the idempotent loader.
 * Returns the corp part to load.
 */
async function trimCorp(ctx: ServerContext, corp: ScenarioCorp, baseline: ResetBaseline): Promise<ScenarioCorp> {
  const { store } = ctx;
  const corpid = corp.corpid;
  await store.deleteCorpTokens(corpid);
  await store.deleteIngestKeys(corpid);
  await store.forgetLimits(corpid);
  const apps = new Set(corp.apps.map((a) => a.agentid));
  for (const agentid of await store.listAgentids(corpid)) if (!apps.has(agentid)) await store.deleteApp(corpid, agentid);
  const lives = new Map((corp.livings ?? []).map((l) => [l.livingid, l]));
  const keepSimulation = new Set<string>();
  for (const record of await store.listLivings(corpid)) {
    const start = lives.get(record.livingid);
    const events = start ? await store.countEvents(corpid, record.livingid) : 0;
    const expected = start?.simulated_audience ? baseline.simulatedEvents.get(liveKey(corpid, record.livingid)) : 0;
    const untouched = start && !record.cancelled && !record.replayDeleted && record.remindTime === undefined && events === expected;
    if (!untouched) await store.deleteLiving(corpid, record.livingid);
    else if (start.simulated_audience) keepSimulation.add(record.livingid);
  }
  const livings = (corp.livings ?? []).map((l) => {
    if (!keepSimulation.has(l.livingid)) return l;
    const { simulated_audience: _kept, ...rest } = l;
    return rest;
  });
  return { ...corp, livings };
}

/**
 * One corp back to what the start scenarios made of it: its tokens, counters, blocks, events,
 * viewers and lives as at start, and its clock, journal entries and faults too. A corp that was
 * not in the start scenarios is removed. Other corps are not touched. False when the corp
 * neither exists nor was loaded at start.
 */
export async function resetCorp(ctx: ServerContext, corpid: string, baseline: ResetBaseline): Promise<boolean> {
  const parts = startParts(ctx, corpid);
  const exists = (await ctx.store.getCorp(corpid)) !== undefined;
  await forgetCorpControls(ctx, corpid);
  readdFaults(ctx, baseline.faults.filter((f) => f.match?.corpid === corpid));
  if (parts.length === 0) return ctx.store.deleteCorp(corpid);
  for (const { corp, scenario } of parts) {
    const trimmed = exists ? await trimCorp(ctx, corp, baseline) : corp;
    await loadScenario(ctx.store, { corps: [trimmed] }, generators(ctx, corpid));
    // Authorizations of a deleted app went with it: the start suites that authorize the corp come back.
    const suites = (scenario.suites ?? []).filter((s) => s.authorizations?.some((a) => a.corpid === corpid));
    if (suites.length > 0) await loadSuites(ctx.store, { corps: [], suites });
  }
  return true;
}

/**
 * The whole world back to the start scenarios (or, `empty`, to nothing): every corp and suite,
 * every rate limit, the faults, both journals and every corp's clock. The server's own clock and
 * seed stay: they are the test's settings, not the world's data.
 */
export async function resetWorld(ctx: ServerContext, to: 'start' | 'empty', baseline: ResetBaseline): Promise<void> {
  const c = ctx.control;
  await ctx.sync.clear('requests');
  await ctx.sync.clear('outbound');
  c.faults.clear();
  // Every corp follows the server's clock again; the server's own reading is kept as it was.
  const server = c.clock.reading();
  c.clock.resetAll();
  c.clock.set(undefined, server.nowMs, server.frozen);
  if (to === 'empty') {
    await ctx.store.deleteEverything();
    return;
  }
  // Corps outside the start scenarios go; each start corp is reset on its own (only what changed).
  const startIds = new Set(c.start.scenarios.flatMap((s) => s.corps.map((corp) => corp.corpid)));
  for (const corp of await ctx.store.listCorps()) if (!startIds.has(corp.corpid)) await ctx.store.deleteCorp(corp.corpid);
  for (const corpid of startIds) await resetCorp(ctx, corpid, { ...baseline, faults: [] });
  readdFaults(ctx, baseline.faults);
  for (const scenario of c.start.scenarios) await loadSuites(ctx.store, scenario);
}
