import type { FastifyInstance } from 'fastify';
import { OPENAPI_PATH, wecomOpenApiDocument } from '../../protocol/openapi.js';

/** `GET /livestat/openapi.json`: the OpenAPI 3.1 document of the WeCom endpoints, built from their schemas. */
export function registerOpenApi(app: FastifyInstance): void {
  const document = JSON.stringify(wecomOpenApiDocument());
  app.get(OPENAPI_PATH, { config: { wire: 'livestat' } }, async (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send(document),
  );
}
