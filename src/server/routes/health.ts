import type { FastifyInstance } from 'fastify';

/** `GET /livestat/health`: for load balancers and start-up scripts. */
export function registerHealth(app: FastifyInstance): void {
  app.get('/livestat/health', { config: { wire: 'livestat' } }, async () => ({ status: 'ok' }));
}
