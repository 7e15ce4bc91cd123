import { pino } from 'pino';
import { parseFault } from '../domain/faults.js';
import { loadScenario } from '../scenario/scenario-load.js';
import { readScenarioFile } from '../scenario/scenario-file.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { buildServer } from '../server/app.js';
import { describeStoreLocation, openStore } from '../store/open-store.js';
import { storeLocation } from './database-options.js';
import { UsageError } from './options.js';
import { tryNextLines } from './serve-banner.js';
import { adminKeyFor, dashboardLine } from './admin-key.js';
import { syntheticRows } from '../scenario/synthetic-rows.js';
import { type ControlFlags, clockFromFlags } from './control-options.js';
import { checkpointTruncate } from '../store/sqlite/sqlite-maintenance.js';
import { metricsAccessFor, tlsFor } from './serve-secure.js';
import { resolve } from 'node:path';

/** The flags of `livestat serve`, as commander parses them. */
export interface ServeOptions extends ControlFlags {
  host: string;
  port: number;
  db: string;
  databaseUrl?: string;
  scenario?: string[];
  pageSize: number;
  rateLimitPerMinute: number;
  rateLimitPerHour: number;
  ipRateLimitPerMinute: number;
  ipRateLimitPerHour: number;
  fault?: string[];
  expiredTokenErrcode: number;
  maxConcurrent: number;
  logLevel: string;
  trustProxy: boolean;
  graceSeconds: number;
  pageCache: number;
  adminKey?: string;
  wrongSecretLimitPerHour: number;
  metrics: 'local' | 'all' | 'off';
  metricsToken?: string;
  maxEventLoopDelay: number;
  tlsCert?: string;
  tlsKey?: string;
  tlsSelfSigned: boolean;
}

/** Runs the server until SIGINT/SIGTERM. Loaded only when `serve` runs, so other commands start light. */
export async function serve(options: ServeOptions): Promise<void> {
  const faults = [...(options.fault ?? [])].map((spec) => {
    try {
      return parseFault(spec);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
  if (options.expiredTokenErrcode !== 42001 && options.expiredTokenErrcode !== 40014) throw new UsageError('--expired-token-errcode must be 42001 or 40014');
  const metricsAccess = metricsAccessFor(options);
  const tls = await tlsFor(options);
  // Read every scenario before touching the database: a bad file changes nothing.
  const scenarios: Scenario[] = [];
  for (const file of options.scenario ?? []) scenarios.push(await readScenarioFile(file));
  const scenarioFaults = scenarios.flatMap((s) => (s.faults ?? []).map(parseFault));
  const adminKey = adminKeyFor(options.adminKey);
  const clock = clockFromFlags(options);

  const logger = pino({ level: options.logLevel });
  // Several processes may share one PostgreSQL database and load the same scenarios at once:
  // loading is idempotent and each store method is safe against a concurrent twin.
  const location = storeLocation(options);
  const store = await openStore({ ...location, pageCacheSize: options.pageCache });
  for (const [i, scenario] of scenarios.entries()) {
    const summary = await loadScenario(store, scenario, { synthetic: syntheticRows, nowMs: clock.now(), graceMs: options.graceSeconds * 1000 });
    logger.info({ scenario: options.scenario?.[i], ...summary }, 'scenario loaded');
  }
  if (scenarios.length > 0 && !location.databaseUrl && options.db !== ':memory:') checkpointTruncate(resolve(options.db));
  const app = await buildServer({
    clock,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    journalSize: options.journalSize,
    scenarioFaults,
    adminKey,
    store,
    logger,
    pageSize: options.pageSize,
    rateLimits: {
      corpPerMinute: options.rateLimitPerMinute,
      corpPerHour: options.rateLimitPerHour,
      ipPerMinute: options.ipRateLimitPerMinute,
      ipPerHour: options.ipRateLimitPerHour,
    },
    maxConcurrentPerCorp: options.maxConcurrent,
    expiredTokenErrcode: options.expiredTokenErrcode,
    faults,
    trustProxy: options.trustProxy,
    graceMs: options.graceSeconds * 1000,
    wrongSecretLimitPerHour: options.wrongSecretLimitPerHour,
    metrics: metricsAccess,
    overload: { maxEventLoopDelayMs: options.maxEventLoopDelay },
    ...(tls ? { https: { key: tls.key, cert: tls.cert } } : {}),
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const baseUrl = `${tls ? 'https' : 'http'}://${host}:${port}`;
  const out = [`livestat listening on ${baseUrl}`, dashboardLine(baseUrl, adminKey, options.adminKey), ...(tls?.lines ?? []), ...tryNextLines(baseUrl, scenarios, describeStoreLocation(location))];
  process.stdout.write(`${out.join('\n')}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    // In-flight requests finish; then the database closes.
    void app
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          logger.error({ err: e }, 'error while shutting down');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

