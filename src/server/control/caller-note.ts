import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The corp (and app) a WeCom call turned out to be for: read by the journal, the faults and the corp's clock. */
    livestatCaller?: { corpid: string; agentid?: number };
  }
}

/** Notes who a call is for as soon as a route knows it (from a token, or gettoken's corpid and secret). */
export function noteCaller(request: FastifyRequest, corpid: string, agentid?: number): void {
  request.livestatCaller = agentid === undefined ? { corpid } : { corpid, agentid };
}

/** The corpid noted for a call, if any: the key of its corp's clock. */
export function callerCorp(request: FastifyRequest): string | undefined {
  return request.livestatCaller?.corpid;
}
