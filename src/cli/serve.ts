import type { Command } from 'commander';
import { DEFAULT_RATE_LIMITS } from '../domain/rate-limit.js';
import { DEFAULT_MAX_CONCURRENT_PER_CORP, DEFAULT_PAGE_SIZE, DEFAULT_WRONG_SECRET_LIMIT_PER_HOUR } from '../server/defaults.js';
import { DATABASE_URL_FLAG, DATABASE_URL_HELP } from './database-options.js';
import { UsageError, collect, intOption } from './options.js';
import type { ServeOptions } from './serve-run.js';

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
    .option('--no-demo', 'do not load the demo world when no --scenario, --db or --database-url is named')
    .action(async (options: ServeOptions, command: Command) => {
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(options.logLevel)) throw new UsageError(`unknown --log-level ${options.logLevel}`);
      // The demo loads only when the user named nothing of their own: no scenario, no database.
      const namedDb = command.getOptionValueSource('db') === 'cli' || Boolean(process.env.LIVESTAT_DB) || Boolean(options.databaseUrl);
      options.demo = options.demo && options.scenario === undefined && !namedDb;
      const { serve } = await import('./serve-run.js');
      await serve(options);
    });
}
