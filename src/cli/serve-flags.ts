import { DEFAULT_RATE_LIMITS } from '../domain/rate-limit.js';
import { DEFAULT_MAX_CONCURRENT_PER_CORP, DEFAULT_PAGE_SIZE, DEFAULT_WRONG_SECRET_LIMIT_PER_HOUR } from '../server/defaults.js';

/**
 * One flag of `livestat serve`. The same table makes the commander option, the environment
 * variable (LIVESTAT_<NAME>), the config-file key (the flag's name) and its TypeBox schema, so
 * the three ways of setting a value cannot drift apart.
 */
export interface ServeFlag {
  /** The flag without `--`, also the config-file key. */
  name: string;
  kind: 'int' | 'string' | 'bool' | 'list';
  /** The value's name in --help (not for bool). */
  arg?: string;
  help: string;
  default?: number | string | boolean;
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** A file path: relative paths in a config file are taken from the file's folder. */
  path?: boolean;
  /** An older variable still read when LIVESTAT_<NAME> is unset. */
  legacyEnv?: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const int = (name: string, arg: string, help: string, def: number, min: number, max: number): ServeFlag => ({ name, kind: 'int', arg, help, default: def, min, max });

export const SERVE_FLAGS: readonly ServeFlag[] = [
  { name: 'host', kind: 'string', arg: '<host>', help: 'address to listen on', default: '127.0.0.1', legacyEnv: 'HOST' },
  { ...int('port', '<port>', 'port; 0 picks a free one', 8080, 0, 65535), legacyEnv: 'PORT' },
  { name: 'db', kind: 'string', arg: '<file>', help: 'SQLite database file', default: './livestat.db', path: true },
  { name: 'database-url', kind: 'string', arg: '<url>', help: 'PostgreSQL URL, postgres://user:password@host:port/db; wins over --db' },
  { name: 'scenario', kind: 'list', arg: '<file>', help: 'load corps, apps and lives from a scenario file (repeatable; idempotent)', path: true },
  int('page-size', '<n>', 'viewers per get_watch_stat page', DEFAULT_PAGE_SIZE, 1, 10_000),
  int('rate-limit-per-minute', '<n>', 'calls per corp per API per minute before 45009', DEFAULT_RATE_LIMITS.corpPerMinute, 1, 1e9),
  int('rate-limit-per-hour', '<n>', 'calls per corp per API per hour before 45009', DEFAULT_RATE_LIMITS.corpPerHour, 1, 1e9),
  int('ip-rate-limit-per-minute', '<n>', 'calls per IP per API per minute before 45009', DEFAULT_RATE_LIMITS.ipPerMinute, 1, 1e9),
  int('ip-rate-limit-per-hour', '<n>', 'calls per IP per API per hour before 45009', DEFAULT_RATE_LIMITS.ipPerHour, 1, 1e9),
  int('provider-ip-rate-limit-per-minute', '<n>', 'calls per IP per API per minute before 45009 for third-party providers (suite tokens, third-party and agency apps)', DEFAULT_RATE_LIMITS.providerIpPerMinute, 1, 1e9),
  int('provider-ip-rate-limit-per-hour', '<n>', 'calls per IP per API per hour before 45009 for third-party providers', DEFAULT_RATE_LIMITS.providerIpPerHour, 1, 1e9),
  int('max-concurrent', '<n>', 'in-flight calls per corp per API before 45033', DEFAULT_MAX_CONCURRENT_PER_CORP, 1, 1e6),
  int('wrong-secret-limit-per-hour', '<n>', 'wrong-secret gettoken calls per IP per hour before that IP is blocked from gettoken for an hour', DEFAULT_WRONG_SECRET_LIMIT_PER_HOUR, 1, 1e9),
  { name: 'fault', kind: 'list', arg: '<spec>', help: 'inject a fault: API:ERRCODE:RATE or API:latency:DURATION (repeatable)' },
  { name: 'expired-token-errcode', kind: 'int', arg: '<code>', help: 'what an expired token answers: 40014 (as WeCom lately does) or 42001', default: 40014, choices: ['42001', '40014'] },
  int('page-cache', '<pages>', 'SQLite: get_watch_stat pages kept in memory from their second request, dropped on any write (0 = off)', 2048, 0, 1_000_000),
  int('grace-seconds', '<s>', 'how long a viewer session without a leave lasts after its last heartbeat', 60, 0, 86_400),
  { name: 'log-level', kind: 'string', arg: '<level>', help: 'pino log level', default: 'info', choices: LOG_LEVELS, legacyEnv: 'LOG_LEVEL' },
  { name: 'admin-key', kind: 'string', arg: '<key>', help: 'key of the dashboard at /ui/ and the admin API; default: random, printed at start' },
  { name: 'trust-proxy', kind: 'bool', help: 'take the caller IP from X-Forwarded-For (only behind your own proxy)', default: false },
  { name: 'metrics', kind: 'string', arg: '<who>', help: 'who may read GET /metrics: local (this machine, not proxied), all, or off', default: 'local', choices: ['local', 'all', 'off'] },
  { name: 'metrics-token', kind: 'string', arg: '<token>', help: 'also require Authorization: Bearer <token> on /metrics' },
  int('max-event-loop-delay', '<ms>', 'answer -1 system busy while the event loop is this far behind (0 = never)', 1000, 0, 60_000),
  { name: 'tls-cert', kind: 'string', arg: '<file>', help: 'serve HTTPS with this PEM certificate (with --tls-key)', path: true },
  { name: 'tls-key', kind: 'string', arg: '<file>', help: 'the PEM private key of --tls-cert', path: true },
  { name: 'tls-self-signed', kind: 'bool', help: 'serve HTTPS with a certificate for localhost, 127.0.0.1 and qyapi.weixin.qq.com, made once next to the database', default: false },
  { name: 'demo', kind: 'bool', help: 'load the demo world shipped in the package when no --scenario and no database is named (--no-demo: never)', default: true },
  { name: 'clock', kind: 'string', arg: '<iso>', help: 'start the clock at this time (ISO 8601 with a zone); the control API moves it later' },
  { name: 'frozen', kind: 'bool', help: 'the clock stands still until the control API sets or advances it', default: false },
  { name: 'seed', kind: 'int', arg: '<n>', help: 'make every generated value reproducible (tokens, livingids, hints, next_keys); for tests only, never in production', min: 0, max: Number.MAX_SAFE_INTEGER },
  int('journal-size', '<n>', 'calls kept in the request journal of the control API', 10_000, 0, 10_000_000),
  { name: 'export-on-exit', kind: 'string', arg: '<file>', help: 'on SIGINT/SIGTERM, write the world as a scenario document (credentials as hashes) before exiting; serve --scenario loads it back', path: true },
];

/** `rate-limit-per-minute` → `rateLimitPerMinute`, as commander names option values. */
export function camelName(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `rate-limit-per-minute` → `LIVESTAT_RATE_LIMIT_PER_MINUTE`. */
export function envName(name: string): string {
  return `LIVESTAT_${name.toUpperCase().replace(/-/g, '_')}`;
}
