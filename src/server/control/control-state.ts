import { SettableClock, type Clock } from '../../domain/clock.js';
import { FaultPlan } from '../../domain/fault-plan.js';
import { DEFAULT_JOURNAL_SIZE, Journal } from '../../domain/journal.js';
import { ServerRandom } from '../../domain/random.js';
import type { Scenario } from '../../scenario/scenario-schema.js';

/** Whether the server may take traffic: `serve` marks the scenarios loaded when they are. */
interface Readiness {
  scenariosLoaded: boolean;
}

/** The world as loaded at start, which the control API's resets go back to. */
export interface StartWorld {
  scenarios: readonly Scenario[];
  /** The time (unix ms) the scenarios were loaded at: a reset folds their events as of then. */
  loadedAtMs: number | undefined;
}

/**
 * The server's run-time controls, in this process's memory: the settable clock, the random
 * source, the fault plan and the journals. One per server (not module state), so several
 * servers in one process — as in the test suite — never share them.
 */
export interface ControlState {
  clock: SettableClock;
  random: ServerRandom;
  faults: FaultPlan;
  /** Calls to the WeCom endpoints. */
  journal: Journal;
  /** Delivery attempts livestat makes: URL checks and callback pushes (server/callbacks/). */
  outbound: Journal;
  readiness: Readiness;
  start: StartWorld;
}

/** What buildServer takes to make the control state. */
export interface ControlOptions {
  clock?: Clock | undefined;
  seed?: number | undefined;
  journalSize?: number | undefined;
  /** Default true: a server built with its world already loaded is ready. */
  scenariosLoaded?: boolean | undefined;
  /** The scenarios loaded at start, for the resets; default none. */
  start?: StartWorld | undefined;
}

export function createControlState(options: ControlOptions): ControlState {
  const clock = options.clock instanceof SettableClock ? options.clock : new SettableClock(options.clock);
  const journalSize = options.journalSize ?? DEFAULT_JOURNAL_SIZE;
  return {
    clock,
    random: new ServerRandom(options.seed),
    faults: new FaultPlan(),
    journal: new Journal(journalSize),
    outbound: new Journal(journalSize),
    readiness: { scenariosLoaded: options.scenariosLoaded ?? true },
    start: options.start ?? { scenarios: [], loadedAtMs: undefined },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's run-time controls, for the process that built it (serve marks readiness here). */
    livestatControl: ControlState;
  }
}
