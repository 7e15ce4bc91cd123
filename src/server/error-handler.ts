import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newHint } from '../domain/hint.js';
import { errmsgText, formatErrmsg } from '../protocol/errmsg.js';
import type { KnownErrcode } from '../protocol/errcodes.js';
import type { Clock } from '../domain/clock.js';
import { callerIp } from './request-info.js';
import { LivestatHttpError, WeComReplyError } from './wecom-error.js';
import { cryptoRandom, type RandomSource } from '../domain/random.js';
import { callerCorp } from './control/caller-note.js';
import { sendTransportFault } from './control/transport-faults.js';
import { TransportFaultError } from './faults.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which error shape the route speaks: WeCom's `{errcode, errmsg}` or livestat's own. */
    wire?: 'wecom' | 'livestat';
  }
  interface FastifyRequest {
    /** Set when the reply is a WeCom error, for the request's log line. */
    wecomError?: { errcode: number; hint: string };
  }
}

/** Header values must be visible ASCII. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** Sends a WeCom error reply: HTTP 200, errmsg with a unique hint, Error-Code/Error-Msg headers. */
function sendWeComError(
  request: FastifyRequest,
  reply: FastifyReply,
  clock: Clock,
  errcode: KnownErrcode,
  detail?: string,
  random: RandomSource = cryptoRandom,
): FastifyReply {
  const hint = newHint(clock.now(callerCorp(request)), random);
  const errmsg = formatErrmsg(errcode, errmsgText(errcode, detail), hint, callerIp(request));
  request.wecomError = { errcode, hint };
  return reply
    .code(200)
    .header('content-type', 'application/json; charset=UTF-8')
    .header('Error-Code', String(errcode))
    .header('Error-Msg', headerSafe(errmsg))
    .send({ errcode, errmsg });
}

function livestatError(reply: FastifyReply, statusCode: number, code: string, message: string): FastifyReply {
  return reply.code(statusCode).header('content-type', 'application/json; charset=UTF-8').send({ error: code, message });
}

/**
 * The one place errors become replies. A caller's mistake gets its errcode (or a 4xx on
 * livestat's own API); anything unexpected is logged with its stack and answered -1
 * (system busy) or 500 — never a stack trace on the wire.
 */
export function registerErrorHandler(app: FastifyInstance, clock: Clock, random: RandomSource = cryptoRandom): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const wire = request.routeOptions.config.wire ?? 'livestat';
    if (error instanceof TransportFaultError) return sendTransportFault(request, reply, error.kind);
    if (error instanceof WeComReplyError) return sendWeComError(request, reply, clock, error.errcode, error.detail, random);
    if (error instanceof LivestatHttpError) return livestatError(reply, error.statusCode, error.code, error.message);
    const clientError = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500;
    if (clientError) {
      const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      if (wire === 'wecom') return sendWeComError(request, reply, clock, 40058, tooLarge ? 'request body too large' : 'invalid request', random);
      return livestatError(reply, error.statusCode ?? 400, tooLarge ? 'body_too_large' : 'bad_request', error.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    if (wire === 'wecom') return sendWeComError(request, reply, clock, -1, undefined, random);
    return livestatError(reply, 500, 'internal', 'internal error');
  });
}
