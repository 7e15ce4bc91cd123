import { pino } from 'pino';
import { parseFault } from '../domain/faults.js';
import { createServer, type LivestatServer } from '../embed/create-server.js';
import { writeJsonAtomic } from './json-file.js';
import { demoScenarioPath } from '../embed/package-files.js';
import { storeLocation } from './database-options.js';
import { UsageError } from './options.js';
import { tryNextLines } from './serve-banner.js';
import { adminKeyFor, dashboardLine } from './admin-key.js';
import { type ControlFlags, clockFromFlags } from './control-options.js';
import { metricsAccessFor, tlsFor } from './serve-secure.js';

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
  providerIpRateLimitPerMinute: number;
  providerIpRateLimitPerHour: number;
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
  /** Where SIGINT/SIGTERM writes the world's snapshot before the server closes. */
  exportOnExit?: string;
  /** Load the packaged demo world when no scenario and no database is named (decided in serve.ts). */
  demo: boolean;
}

/** Writes the world's snapshot to `file` (atomically: a crash leaves the old file or the new one). */
async function exportWorld(server: LivestatServer, file: string | undefined, logger: { info(o: object, m: string): void }): Promise<void> {
  if (file === undefined) return;
  const snapshot = await server.snapshot();
  await writeJsonAtomic(file, snapshot);
  logger.info({ file, corps: snapshot.corps.length }, 'world exported');
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
  // Checked before the database is opened: a refused key changes nothing.
  const adminKey = adminKeyFor(options.adminKey);
  const clock = clockFromFlags(options);
  const logger = pino({ level: options.logLevel });
  // Without a scenario or a database of the user's, the demo world shipped in the package loads
  // (serve.ts decides; docs/DECISIONS.md says why).
  const scenarioFiles = options.scenario ?? (options.demo ? [demoScenarioPath()] : []);
  // The same construction as `livestat/server`'s createServer, so the two cannot drift.
  const server = await createServer({
    ...storeLocation(options),
    pageCacheSize: options.pageCache,
    scenarios: scenarioFiles,
    clock,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    journalSize: options.journalSize,
    adminKey,
    logger,
    pageSize: options.pageSize,
    rateLimits: {
      corpPerMinute: options.rateLimitPerMinute,
      corpPerHour: options.rateLimitPerHour,
      ipPerMinute: options.ipRateLimitPerMinute,
      ipPerHour: options.ipRateLimitPerHour,
      providerIpPerMinute: options.providerIpRateLimitPerMinute,
      providerIpPerHour: options.providerIpRateLimitPerHour,
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
  const baseUrl = await server.listen({ host: options.host, port: options.port });
  const demo = options.scenario === undefined && options.demo ? scenarioFiles[0] : undefined;
  const out = [`livestat listening on ${baseUrl}`, dashboardLine(baseUrl, adminKey, options.adminKey), ...(tls?.lines ?? []), ...tryNextLines(baseUrl, server.scenarios, server.location, demo)];
  process.stdout.write(`${out.join('\n')}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    // The snapshot first, while the database is open; then in-flight requests finish and it closes.
    void exportWorld(server, options.exportOnExit, logger).then(() => server.close()).then(
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
