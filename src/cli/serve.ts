import type { Command } from 'commander';
import { pino } from 'pino';
import { parseFault } from '../domain/faults.js';
import { DEFAULT_RATE_LIMITS } from '../domain/rate-limit.js';
import { loadScenario } from '../scenario/scenario-load.js';
import { readScenarioFile } from '../scenario/scenario-file.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { DEFAULT_MAX_CONCURRENT_PER_CORP, DEFAULT_PAGE_SIZE, DEFAULT_WRONG_SECRET_LIMIT_PER_HOUR, buildServer } from '../server/app.js';
import { describeStoreLocation, openStore } from '../store/open-store.js';
import { DATABASE_URL_FLAG, DATABASE_URL_HELP, storeLocation } from './database-options.js';
import { UsageError, collect, intOption } from './options.js';
import { tryNextLines } from './serve-banner.js';
import { adminKeyFor, dashboardLine } from './admin-key.js';
import { syntheticRows } from './synthetic.js';

interface ServeOptions {
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
}

async function serve(options: ServeOptions): Promise<void> {
  const faults = [...(options.fault ?? [])].map((spec) => {
    try {
      return parseFault(spec);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
  if (options.expiredTokenErrcode !== 42001 && options.expiredTokenErrcode !== 40014) throw new UsageError('--expired-token-errcode must be 42001 or 40014');
  // Read every scenario before touching the database: a bad file changes nothing.
  const scenarios: Scenario[] = [];
  for (const file of options.scenario ?? []) scenarios.push(await readScenarioFile(file));
  for (const s of scenarios) faults.push(...(s.faults ?? []).map(parseFault));

  const logger = pino({ level: options.logLevel });
  // Several processes may share one PostgreSQL database and load the same scenarios at once:
  // loading is idempotent and each store method is safe against a concurrent twin.
  const location = storeLocation(options);
  const store = await openStore({ ...location, pageCacheSize: options.pageCache });
  for (const [i, scenario] of scenarios.entries()) {
    const summary = await loadScenario(store, scenario, { synthetic: syntheticRows, nowMs: Date.now(), graceMs: options.graceSeconds * 1000 });
    logger.info({ scenario: options.scenario?.[i], ...summary }, 'scenario loaded');
  }
  const adminKey = adminKeyFor(options.adminKey);
  const app = await buildServer({
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
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const baseUrl = `http://${host}:${port}`;
  const out = [`livestat listening on ${baseUrl}`, dashboardLine(baseUrl, adminKey, options.adminKey), ...tryNextLines(baseUrl, scenarios, describeStoreLocation(location))];
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

/** `livestat serve`. */
export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the WeCom-compatible server (gettoken, get_watch_stat) and the ingest API on SQLite, or on PostgreSQL shared by several processes')
    .option('--host <host>', 'address to listen on (env HOST)', process.env.HOST ?? '127.0.0.1')
    .option('--port <port>', 'port; 0 picks a free one (env PORT)', intOption(0, 65535), process.env.PORT ? Number(process.env.PORT) : 8080)
    .option('--db <file>', 'SQLite database file (env LIVESTAT_DB)', process.env.LIVESTAT_DB ?? './livestat.db')
    .option(DATABASE_URL_FLAG, DATABASE_URL_HELP, process.env.LIVESTAT_DATABASE_URL)
    .option('--scenario <file>', 'load corps, apps and lives from a scenario file (repeatable; idempotent)', collect)
    .option('--page-size <n>', 'viewers per get_watch_stat page', intOption(1, 10_000), DEFAULT_PAGE_SIZE)
    .option('--rate-limit-per-minute <n>', 'calls per corp per API per minute before 45009', intOption(1, 1e9), DEFAULT_RATE_LIMITS.corpPerMinute)
    .option('--rate-limit-per-hour <n>', 'calls per corp per API per hour before 45009', intOption(1, 1e9), DEFAULT_RATE_LIMITS.corpPerHour)
    .option('--ip-rate-limit-per-minute <n>', 'calls per IP per API per minute before 45009', intOption(1, 1e9), DEFAULT_RATE_LIMITS.ipPerMinute)
    .option('--ip-rate-limit-per-hour <n>', 'calls per IP per API per hour before 45009', intOption(1, 1e9), DEFAULT_RATE_LIMITS.ipPerHour)
    .option('--max-concurrent <n>', 'in-flight calls per corp per API before 45033', intOption(1, 1e6), DEFAULT_MAX_CONCURRENT_PER_CORP)
    .option('--wrong-secret-limit-per-hour <n>', 'wrong-secret gettoken calls per IP per hour before that IP is blocked from gettoken for an hour', intOption(1, 1e9), DEFAULT_WRONG_SECRET_LIMIT_PER_HOUR)
    .option('--fault <spec>', 'inject a fault: API:ERRCODE:RATE or API:latency:DURATION (repeatable)', collect)
    .option('--expired-token-errcode <code>', 'what an expired token answers: 42001 or 40014', intOption(40014, 42001), 42001)
    .option('--page-cache <pages>', 'SQLite: get_watch_stat pages kept in memory, dropped on any write (0 = off)', intOption(0, 1_000_000), 2048)
    .option('--grace-seconds <s>', 'how long a viewer session without a leave lasts after its last heartbeat', intOption(0, 86_400), 60)
    .option('--log-level <level>', 'pino log level (fatal, error, warn, info, debug, silent)', process.env.LOG_LEVEL ?? 'info')
    .option('--admin-key <key>', 'key of the dashboard at /ui/ and the admin API; default: random, printed at start (env LIVESTAT_ADMIN_KEY)', process.env.LIVESTAT_ADMIN_KEY)
    .option('--trust-proxy', 'take the caller IP from X-Forwarded-For (only behind your own proxy)', false)
    .action(async (options: ServeOptions) => {
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(options.logLevel)) throw new UsageError(`unknown --log-level ${options.logLevel}`);
      await serve(options);
    });
}
