import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EVENTS_PATH } from '../protocol/paths.js';
import type { ServerMetrics } from './metrics.js';
import { LivestatHttpError } from './wecom-error.js';

/** The scrape path Prometheus expects by default. */
export const METRICS_PATH = '/metrics';

/**
 * Who may read /metrics. `local` (the default): callers on this machine whose request did not
 * come through a proxy; `all`: anyone who can reach the port; `off`: no endpoint (404). With a
 * token, a scrape must also send `Authorization: Bearer <token>`.
 */
export interface MetricsAccess {
  exposure?: 'local' | 'all' | 'off';
  token?: string;
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/**
 * Local means the socket's peer is loopback AND no proxy header is present: behind a reverse
 * proxy on the same host every socket is loopback, but the caller is not.
 */
function checkAccess(access: MetricsAccess, request: FastifyRequest): void {
  if (access.exposure !== 'all') {
    const proxied = FORWARDING_HEADERS.some((h) => request.headers[h] !== undefined);
    if (proxied || !isLoopback(request.socket.remoteAddress)) throw new LivestatHttpError(403, 'forbidden', 'metrics are served to this machine only (start with --metrics all)');
  }
  if (access.token === undefined) return;
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S{1,1024})\s*$/i.exec(header) : null;
  // Digests are compared, so the time taken says nothing about the token's length or content.
  if (!m || !timingSafeEqual(digest(m[1]!), digest(access.token))) throw new LivestatHttpError(401, 'unauthorized', 'send the metrics token as Authorization: Bearer <token>');
}

/**
 * Counts every reply where fastify sees it (onResponse, after the error handler has chosen
 * the errcode), the ingest outcomes from the reply object, and serves the registry.
 */
export function registerMetrics(app: FastifyInstance, metrics: ServerMetrics, access: MetricsAccess = {}): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route !== undefined && request.routeOptions.config.wire === 'wecom') {
      const api = route.replace(/^\/cgi-bin\//, '');
      const errcode = request.wecomError?.errcode ?? (reply.statusCode === 200 ? 0 : undefined);
      metrics.calls.inc({ api, errcode: errcode === undefined ? `http_${reply.statusCode}` : String(errcode) });
      metrics.latency.observe({ api }, reply.elapsedTime / 1000);
      if (errcode === 45009 || errcode === 45033) metrics.rateLimited.inc({ api, errcode: String(errcode) });
    } else {
      metrics.http.inc({ route: route ?? 'unmatched', status: String(reply.statusCode) });
    }
    done();
  });
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    if (request.routeOptions.url === EVENTS_PATH && reply.statusCode === 200) {
      const result = payload as { accepted: number; duplicates: number; rejected: unknown[] };
      metrics.ingest.inc({ outcome: 'accepted' }, result.accepted);
      metrics.ingest.inc({ outcome: 'duplicate' }, result.duplicates);
      metrics.ingest.inc({ outcome: 'rejected' }, result.rejected.length);
    }
    return payload;
  });
  if (access.exposure === 'off') return;
  app.get(METRICS_PATH, { config: { wire: 'livestat' } }, async (request, reply) => {
    checkAccess(access, request);
    const text = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}
