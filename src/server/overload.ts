import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from './metrics.js';
import { METRICS_PATH } from './metrics-hooks.js';
import { LivestatHttpError, WeComReplyError } from './wecom-error.js';

/** When livestat refuses work because its event loop fell behind. */
export interface OverloadOptions {
  /** Mean event-loop delay, in ms, above which new requests are refused; 0 = never refuse. */
  maxEventLoopDelayMs: number;
  /** How often the delay is sampled (the mean over this window is compared); default the threshold, within 10 ms to 1 s. */
  sampleIntervalMs?: number;
}

/** Seconds a refused livestat-API caller is told to wait (Retry-After). */
const RETRY_AFTER_SECONDS = 1;
/** Monitoring must still see an overloaded process. */
const NEVER_REFUSED = new Set(['/livestat/health', METRICS_PATH]);

/**
 * Refuses new requests while the event loop is behind, instead of queueing them until every
 * call is slow. WeCom endpoints answer as WeCom does when it is overloaded: HTTP 200,
 * `-1 system busy` with a hint and the Error-Code headers (clients retry -1); livestat's own
 * endpoints answer 503 with Retry-After. Built on @fastify/under-pressure's sampler.
 */
export async function registerOverload(app: FastifyInstance, options: OverloadOptions, metrics?: ServerMetrics): Promise<void> {
  if (options.maxEventLoopDelayMs <= 0) return;
  const sampleInterval = options.sampleIntervalMs ?? Math.min(1000, Math.max(10, options.maxEventLoopDelayMs));
  // The first windows measure the process's own start-up (route compilation, listen), not
  // load: refusals start two windows after the server listens.
  let armed = false;
  app.addHook('onListen', async () => {
    setTimeout(() => (armed = true), 2 * sampleInterval).unref();
  });
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    sampleInterval,
    // Throwing (a rejected promise) hands the refusal to the central error handler, which
    // renders it like every other error; the route's handler never runs.
    pressureHandler: async (request, reply) => {
      if (!armed || (request.routeOptions.url !== undefined && NEVER_REFUSED.has(request.routeOptions.url))) return;
      metrics?.overloaded.inc();
      if (request.routeOptions.config.wire === 'wecom') throw new WeComReplyError(-1);
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      throw new LivestatHttpError(503, 'busy', 'the server is overloaded; retry shortly');
    },
  });
}
