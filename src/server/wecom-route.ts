import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';

const JSON_UTF8 = 'application/json; charset=UTF-8';

function setWeComContentType(_request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  // WeCom writes the charset in capitals; fastify's default would be lowercase.
  reply.header('content-type', JSON_UTF8);
  done();
}

/** Options every WeCom endpoint shares: its error shape and its Content-Type. */
export const wecomRoute = {
  config: { wire: 'wecom' },
  onRequest: setWeComContentType,
} as const satisfies RouteShorthandOptions;
