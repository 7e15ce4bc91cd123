import { isKnownErrcode } from '../protocol/errcodes.js';
import type { Fault } from './faults.js';

/** Failures below the WeCom reply: what a flaky network or a gateway in front of qyapi does. */
export type TransportFaultKind = 'connection_reset' | 'empty_reply' | 'truncated_json' | 'html_502';

/** Which calls a fault hits; every field given must equal the call's. */
interface FaultMatch {
  corpid?: string;
  agentid?: number;
  livingid?: string;
}

/** A fault as a test asks for it: exactly one of errcode, latency_ms and kind. */
export interface FaultSpec {
  /** The API name (`get_watch_stat`, `gettoken`, ...) or `*` for every API. */
  api: string;
  errcode?: number;
  latency_ms?: number;
  kind?: TransportFaultKind;
  /** Chance that a matching call is hit; default 1. */
  rate?: number;
  /** Hit exactly this many calls, then remove the fault; default: until removed. */
  times?: number;
  match?: FaultMatch;
}

/** Where a fault came from: a `--fault` flag, a scenario's `faults`, or the control API. */
export type FaultSource = 'flag' | 'scenario' | 'api';

/** A fault plan as plain data. */
export interface FaultPlanState {
  entries: FaultEntry[];
  nextId: number;
}

/** A fault in the plan; `times` counts down as it hits. */
export interface FaultEntry extends FaultSpec {
  id: string;
  source: FaultSource;
}

/** What one call suffers: a delay, then maybe a failure. */
export interface FaultOutcome {
  latencyMs: number;
  failure?: { errcode: number } | { kind: TransportFaultKind };
}

/** What a fault matches a call against. */
export interface FaultSubject {
  api: string;
  corpid?: string | undefined;
  agentid?: number | undefined;
  livingid?: string | undefined;
}

/** Why a spec cannot be a fault, or undefined when it can. */
export function faultProblem(spec: FaultSpec): string | undefined {
  const effects = [spec.errcode, spec.latency_ms, spec.kind].filter((x) => x !== undefined).length;
  if (effects !== 1) return 'give exactly one of errcode, latency_ms and kind';
  if (spec.errcode !== undefined && (spec.errcode === 0 || !isKnownErrcode(spec.errcode))) return `errcode ${spec.errcode} is not an error livestat knows`;
  if (spec.rate !== undefined && !(spec.rate >= 0 && spec.rate <= 1)) return 'rate must be between 0 and 1';
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times >= 1)) return 'times must be a positive integer';
  return undefined;
}

/** A start-up fault (`--fault`, scenario `faults`) in the plan's terms. */
export function specOfFault(fault: Fault): FaultSpec {
  return fault.kind === 'latency' ? { api: fault.api, latency_ms: fault.ms } : { api: fault.api, errcode: fault.errcode, rate: fault.rate };
}

function matches(entry: FaultEntry, call: FaultSubject): boolean {
  if (entry.api !== '*' && entry.api !== call.api) return false;
  const m = entry.match;
  if (!m) return true;
  return (m.corpid === undefined || m.corpid === call.corpid) && (m.agentid === undefined || m.agentid === call.agentid) && (m.livingid === undefined || m.livingid === call.livingid);
}

/**
 * The faults in force, changeable at run time. Faults apply in the order they were added:
 * every matching latency adds up, and the first failure that fires wins. A fault with `times`
 * counts only the calls it actually hit, so `times: 2` with `rate: 1` is "fail twice, then succeed".
 */
export class FaultPlan {
  private entries: FaultEntry[] = [];
  private nextId = 1;
  private changeCount = 0;

  /** Counts changes (adds, removals, a `times` fault counting down), so a sync can tell whether there is anything to share. */
  get changes(): number {
    return this.changeCount;
  }

  /** The plan as data: what the processes of one database share. */
  state(): FaultPlanState {
    return { entries: this.list(), nextId: this.nextId };
  }

  /** Takes another process's plan (not counted as a change of this one). */
  adopt(state: FaultPlanState): void {
    this.entries = state.entries.map((e) => structuredClone(e));
    this.nextId = state.nextId;
  }

  get size(): number {
    return this.entries.length;
  }

  add(spec: FaultSpec, source: FaultSource): FaultEntry {
    const problem = faultProblem(spec);
    if (problem) throw new RangeError(problem);
    const entry: FaultEntry = { id: `f${this.nextId++}`, source, ...structuredClone(spec) };
    this.entries.push(entry);
    this.changeCount++;
    return entry;
  }

  list(): FaultEntry[] {
    return this.entries.map((e) => structuredClone(e));
  }

  remove(id: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.id !== id);
    if (this.entries.length < before) this.changeCount++;
    return this.entries.length < before;
  }

  clear(): number {
    const n = this.entries.length;
    this.entries = [];
    this.changeCount++;
    return n;
  }

  /** Rolls every matching fault for one call (`random` in [0, 1)) and counts down the ones that hit. */
  take(call: FaultSubject, random: () => number): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0 };
    for (const entry of this.entries) {
      if (!matches(entry, call)) continue;
      const isFailure = entry.latency_ms === undefined;
      if (isFailure && outcome.failure) continue;
      if (entry.rate !== undefined && entry.rate < 1 && !(random() < entry.rate)) continue;
      if (entry.latency_ms !== undefined) outcome.latencyMs += entry.latency_ms;
      else outcome.failure = entry.errcode !== undefined ? { errcode: entry.errcode } : { kind: entry.kind! };
      if (entry.times !== undefined) {
        entry.times -= 1;
        this.changeCount++;
      }
    }
    this.entries = this.entries.filter((e) => e.times === undefined || e.times > 0);
    return outcome;
  }
}
