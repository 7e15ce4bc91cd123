import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.js';
import type { Fault } from '../domain/faults.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../domain/rate-limit.js';
import type { Store } from '../store/store.js';
import { HARD_BODY_LIMIT, registerJsonEverywhere } from './body-parser.js';
import type { ServerContext } from './context.js';
import { registerErrorHandler } from './error-handler.js';
import { FaultInjector } from './faults.js';
import { registerRequestLog } from './request-log.js';
import { registerRequestDeadline } from './request-deadline.js';
import { registerGetToken } from './routes/gettoken.js';
import { registerGetWatchStat } from './routes/get-watch-stat.js';
import { registerHealth } from './routes/health.js';
import { registerEvents } from './routes/events.js';
import { registerLivings } from './routes/livings.js';
import { registerLivingFamily } from './routes/living-family.js';
import { registerAdmin } from './admin/admin-routes.js';
import { defaultUiDir, registerUi } from './routes/ui.js';
import { DEFAULT_GRACE_MS } from '../domain/activity/viewer-state.js';
import { specOfFault } from '../domain/fault-plan.js';
import { createControlState, type StartWorld } from './control/control-state.js';
import { ControlSync } from './control/control-sync.js';
import { registerControlSync } from './control/control-sync-hooks.js';
import { registerControl } from './control/control-routes.js';
import { registerJournal } from './control/journal-hook.js';
import { registerReady } from './control/ready-route.js';
import { worldSnapshot } from './control/state-routes.js';
import { ServerMetrics } from './metrics.js';
import { type MetricsAccess, registerMetrics } from './metrics-hooks.js';
import { countingStore, poolUseOf } from './metrics-store.js';
import { type OverloadOptions, registerOverload } from './overload.js';
import { registerCallbackWorker } from './callbacks/callback-hooks.js';

/** How to build a livestat server. Everything but the store has a default. */
export interface ServerOptions {
  store: Store;
  clock?: Clock;
  /** A pino logger; omitted = silent. */
  logger?: Logger;
  pageSize?: number;
  rateLimits?: Partial<RateLimits>;
  maxConcurrentPerCorp?: number;
  /** What an expired token answers: 40014 by default, as WeCom lately does; 42001 is the documented code. */
  expiredTokenErrcode?: 42001 | 40014;
  /** Faults from `--fault` flags: the first entries of the run-time fault plan. */
  faults?: readonly Fault[];
  /** Faults from the scenarios loaded at start. */
  scenarioFaults?: readonly Fault[];
  /** Random source for fault injection only; default: the server's random source (seeded or not). */
  random?: () => number;
  /** Makes every generated value reproducible (tokens, livingids, hints, next_keys); never in production. */
  seed?: number;
  /** Calls kept in the request journal; default 10,000. */
  journalSize?: number;
  /** False while the caller is still loading scenarios: /livestat/ready answers 503 until it sets `control.readiness`. */
  scenariosLoaded?: boolean;
  /** The scenarios loaded at start and when: the control API's resets go back to them. */
  start?: StartWorld;
  /** Largest request body of WeCom endpoints, in bytes. */
  bodyLimit?: number;
  /** How long a session without a `leave` lasts after its last heartbeat; default 60 s. */
  graceMs?: number;
  /** Trust X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
  /** The key of the dashboard and its /livestat/admin API; omitted = both closed (401). */
  adminKey?: string;
  /** Where the built dashboard is; default dist/ui of this package. */
  uiDir?: string;
  /** Wrong-secret gettoken calls from one IP in an hour before that IP is blocked from gettoken for an hour (45009). */
  wrongSecretLimitPerHour?: number;
  /** A request must arrive whole within this long (slow clients are disconnected); default 30 s. */
  requestTimeoutMs?: number;
  /** An idle socket is closed after this long; default 60 s. */
  connectionTimeoutMs?: number;
  /** Largest request head (request line and headers), in bytes; larger ones get 431. Default 16 KiB. */
  maxHeaderBytes?: number;
  /** Who may read GET /metrics; default: this machine only (see metrics-hooks.ts). */
  metrics?: MetricsAccess;
  /** Refuse requests while the event loop is behind (-1 system busy); omitted = never. */
  overload?: OverloadOptions;
  /** How often (ms) callbacks look for status changes, suite-ticket times and due retries unasked; 0 = only when asked. Default 1 s. */
  callbackTickMs?: number;
  /** Serve HTTPS with this PEM key pair instead of HTTP. */
  https?: { key: string | Buffer; cert: string | Buffer };
}

import { DEFAULT_MAX_CONCURRENT_PER_CORP, DEFAULT_PAGE_SIZE, DEFAULT_WRONG_SECRET_LIMIT_PER_HOUR } from './defaults.js';

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Builds the HTTP server (not yet listening). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const control = createControlState({ clock: options.clock, seed: options.seed, journalSize: options.journalSize, scenariosLoaded: options.scenariosLoaded, start: options.start });
  for (const f of options.faults ?? []) control.faults.add(specOfFault(f), 'flag');
  for (const f of options.scenarioFaults ?? []) control.faults.add(specOfFault(f), 'scenario');
  const clock = control.clock;
  const metrics = new ServerMetrics(poolUseOf(options.store));
  const ctx: ServerContext = {
    store: countingStore(options.store, metrics),
    clock,
    pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    maxConcurrentPerCorp: options.maxConcurrentPerCorp ?? DEFAULT_MAX_CONCURRENT_PER_CORP,
    expiredTokenErrcode: options.expiredTokenErrcode ?? 40014,
    faults: new FaultInjector(control.faults, options.random ?? (() => control.random.float())),
    control,
    sync: new ControlSync(options.store.control, control, (e) => app.log.error({ err: e }, 'control state: database error')),
    graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    wrongSecretLimitPerHour: options.wrongSecretLimitPerHour ?? DEFAULT_WRONG_SECRET_LIMIT_PER_HOUR,
  };
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Typed as fastify's own logger so the instance keeps fastify's default logger type.
  const loggerInstance: FastifyBaseLogger | undefined = options.logger;
  const app: FastifyInstance = Fastify({
    ...(loggerInstance ? { loggerInstance } : {}),
    // One line per request is written by request-log.ts, with the hint and redacted URL.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: Math.max(HARD_BODY_LIMIT, options.bodyLimit ?? 0),
    trustProxy: options.trustProxy ?? false,
    exposeHeadRoutes: false,
    // Slow clients must not hold sockets forever. Node checks requestTimeout only every
    // connectionsCheckingInterval (30 s by default), so a short timeout needs a short interval.
    requestTimeout,
    connectionTimeout: options.connectionTimeoutMs ?? 60_000,
    http: {
      maxHeaderSize: options.maxHeaderBytes ?? 16 * 1024,
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeout / 4))),
    },
    routerOptions: { maxParamLength: 200 },
    // A path that is not valid percent-encoding names no endpoint: under /cgi-bin WeCom answers
    // an unknown path with 404 and an empty body, and fastify's default would be a 400 of its own.
    frameworkErrors: (error, request, reply: FastifyReply) => {
      if (request.raw.url?.startsWith('/cgi-bin/')) return void reply.code(404).send();
      const message = error.code === 'FST_ERR_BAD_URL' ? 'the path is not valid percent-encoding' : 'a path parameter is too long';
      return void reply.code(400).header('content-type', 'application/json; charset=UTF-8').send({ error: 'bad_url', message });
    },
    return503OnClosing: true,
    ...(options.https ? { https: options.https } : {}),
  });
  app.decorate('livestatControl', control);
  app.decorate('livestatSnapshot', (corpid?: string) => worldSnapshot(ctx, corpid));
  registerJsonEverywhere(app, options.bodyLimit ?? 1024 * 1024);
  registerErrorHandler(app, clock, control.random);
  registerRequestLog(app);
  registerRequestDeadline(app, requestTimeout);
  registerControlSync(app, ctx);
  registerJournal(app, ctx);
  registerMetrics(app, metrics, options.metrics);
  await registerOverload(app, options.overload ?? { maxEventLoopDelayMs: 0 }, metrics);
  // WeCom answers an unknown path with 404 and an empty body.
  app.setNotFoundHandler((_request, reply) => reply.code(404).send());
  registerHealth(app);
  registerReady(app, ctx);
  registerGetToken(app, ctx);
  registerGetWatchStat(app, ctx);
  registerEvents(app, ctx);
  registerLivings(app, ctx);
  registerLivingFamily(app, ctx);
  registerAdmin(app, ctx, options.adminKey);
  registerControl(app, ctx, options.adminKey, registerCallbackWorker(app, ctx, options.callbackTickMs));
  registerUi(app, options.uiDir ?? defaultUiDir());
  return app;
}
