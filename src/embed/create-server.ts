import type { FastifyInstance } from 'fastify';
import { resolve } from 'node:path';
import { systemClock } from '../domain/clock.js';
import { type Fault, parseFault } from '../domain/faults.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { type LoadSummary, loadScenario } from '../scenario/scenario-load.js';
import { buildServer, type ServerOptions } from '../server/app.js';
import { describeStoreLocation, openStore, type StoreLocation } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { syntheticRows } from '../scenario/synthetic-rows.js';
import { checkpointTruncate } from '../store/sqlite/sqlite-maintenance.js';
import { resolveScenarios, type ScenarioInput } from './scenario-input.js';

/**
 * How to build the server `livestat serve` runs: where the data lives, which worlds to load,
 * and every server setting (all optional; the same defaults as the CLI's flags).
 */
export interface CreateServerOptions extends Omit<ServerOptions, 'store' | 'faults'>, StoreLocation {
  /** Scenarios to load, as objects or JSON file paths; loading is idempotent. */
  scenarios?: readonly ScenarioInput[];
  /** Faults as the CLI writes them (`get_watch_stat:-1:0.1`, `gettoken:latency:200ms`), or parsed; a scenario's own faults are added. */
  faults?: readonly (string | Fault)[];
}

/** A built, not yet listening livestat server. */
export interface LivestatServer {
  /** The fastify instance, for `inject()` or extra routes. */
  readonly app: FastifyInstance;
  readonly store: Store;
  /** The scenarios that were loaded, validated, in order. */
  readonly scenarios: readonly Scenario[];
  /** What loading each scenario did, in the same order. */
  readonly loaded: readonly LoadSummary[];
  /** Where the data lives, fit for humans and logs (never a password). */
  readonly location: string;
  /**
   * The world as a scenario document (the control API's `GET /livestat/admin/state`): loaded
   * into a fresh server it gives the same pages and next_keys. Credentials appear only as hashes.
   */
  snapshot(): Promise<Scenario>;
  /** Starts listening (port 0 = a free port) and resolves to the base URL, e.g. `http://127.0.0.1:54321`. */
  listen(options?: { host?: string; port?: number }): Promise<string>;
  /** Lets in-flight requests finish, stops listening, closes the database. */
  close(): Promise<void>;
}

/**
 * Builds the same server `livestat serve` runs: opens (and migrates) the store, loads the
 * scenarios, and wires the HTTP server. Scenarios are read and validated before the store is
 * opened, so a bad one changes nothing.
 *
 * @example
 * const server = await createServer({ db: './livestat.db', scenarios: ['scenarios/demo.json'] });
 * const baseUrl = await server.listen({ port: 0 });
 * // ... later
 * await server.close();
 * @throws ScenarioFileError (an unreadable or invalid scenario), Error (a bad fault spec),
 *   DatabaseUrlError / DatabaseConnectError / MigrationError (the database)
 */
export async function createServer(options: CreateServerOptions = {}): Promise<LivestatServer> {
  const { scenarios: inputs = [], faults: faultSpecs = [], db, databaseUrl, pageCacheSize, ...serverOptions } = options;
  const faults = faultSpecs.map((f) => (typeof f === 'string' ? parseFault(f) : f));
  const resolved = await resolveScenarios(inputs);
  // Kept apart from the given faults so the control API can say where each fault came from.
  const scenarioFaults = [...(serverOptions.scenarioFaults ?? []), ...resolved.flatMap(({ scenario }) => (scenario.faults ?? []).map(parseFault))];

  const location: StoreLocation = databaseUrl ? { databaseUrl } : { ...(db === undefined ? {} : { db }) };
  const store = await openStore({
    ...location,
    ...(pageCacheSize === undefined ? {} : { pageCacheSize }),
    ...(serverOptions.pageSize === undefined ? {} : { pageSize: serverOptions.pageSize }),
  });
  try {
    const clock = serverOptions.clock ?? systemClock;
    const loaded: LoadSummary[] = [];
    const loadedAtMs = clock.now();
    for (const { scenario, label } of resolved) {
      // Several processes may share one PostgreSQL and load the same scenario at once:
      // loading is idempotent and each store method is safe against a concurrent twin.
      const summary = await loadScenario(store, scenario, { synthetic: syntheticRows, nowMs: loadedAtMs, ...(serverOptions.graceMs === undefined ? {} : { graceMs: serverOptions.graceMs }) });
      serverOptions.logger?.info({ scenario: label, ...summary }, 'scenario loaded');
      loaded.push(summary);
    }
    // A bulk load leaves a WAL as large as what it wrote; fold it back into the file.
    if (resolved.length > 0 && !databaseUrl && db !== undefined && db !== ':memory:') checkpointTruncate(resolve(db));
    const start = { scenarios: resolved.map((r) => r.scenario), loadedAtMs };
    const app = await buildServer({ ...serverOptions, store, faults, scenarioFaults, start });
    return {
      app,
      store,
      scenarios: resolved.map((r) => r.scenario),
      loaded,
      location: describeStoreLocation(location),
      async snapshot() {
        return (await app.livestatSnapshot())!;
      },
      async listen({ host = '127.0.0.1', port = 0 } = {}) {
        await app.listen({ host, port });
        const address = app.server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        return `${serverOptions.https ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${bound}`;
      },
      async close() {
        try {
          await app.close();
        } finally {
          await store.close();
        }
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
