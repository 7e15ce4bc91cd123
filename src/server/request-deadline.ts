import type { FastifyInstance } from 'fastify';

/**
 * Disconnects a client whose request body has not fully arrived `ms` after its headers did.
 * Node's own requestTimeout stops watching a request once its headers are in, so a client
 * that trickles its body one byte at a time (each byte resetting the idle timeout) would
 * otherwise hold a socket and a parser for as long as it likes.
 */
export function registerRequestDeadline(app: FastifyInstance, ms: number): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const raw = request.raw;
    if (!raw.complete) {
      const timer = setTimeout(() => {
        if (!raw.complete) raw.socket.destroy();
      }, ms);
      timer.unref();
      raw.once('close', () => clearTimeout(timer));
    }
    done();
  });
}
