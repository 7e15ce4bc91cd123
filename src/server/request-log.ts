import type { FastifyInstance } from 'fastify';
import { redactUrl } from './request-info.js';

/** Levels at which an info line is not written. */
const QUIET = new Set(['warn', 'error', 'fatal', 'silent']);

/**
 * One structured line per request, written when the reply is sent. An error reply's hint is
 * in it, so an operator can find the request a caller quotes. Credentials never reach a log:
 * the URL is redacted and bodies are not logged.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    // At --log-level warn (what load runs use) there is no line to build.
    if (QUIET.has(request.log.level)) {
      done();
      return;
    }
    const line: Record<string, unknown> = {
      method: request.method,
      url: redactUrl(request.url),
      status: reply.statusCode,
      ip: request.ip,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (request.wecomError) {
      line.errcode = request.wecomError.errcode;
      line.hint = request.wecomError.hint;
    }
    request.log.info(line, 'request');
    done();
  });
}
