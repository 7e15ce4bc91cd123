import type { TSchema } from 'typebox';
import { ERRMSG_TEXT, isKnownErrcode } from './errcodes.js';
import { WECOM_ENDPOINTS, type WeComEndpoint } from './wecom-endpoints.js';
import { CONTROL_OPENAPI_EXTRAS, controlOpenApiPaths } from './control/control-openapi.js';

/** Where livestat serves the document, and where `npm run openapi` writes it. */
export const OPENAPI_PATH = '/livestat/openapi.json';

/** The document's own revision; bump it when an endpoint or schema changes. */
export const OPENAPI_DOCUMENT_VERSION = '1.0.0';

type Json = Record<string, unknown>;

/** A TypeBox schema as plain JSON Schema: symbols dropped, `$id`s removed so each schema stands inline. */
function plain(schema: TSchema): Json {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) => (key === '$id' ? undefined : value)) as Json;
}

function parameter(name: string, schema: Json, required: boolean, description?: string): Json {
  return { name, in: 'query', required, schema, ...(description ? { description } : {}) };
}

function queryParameters(endpoint: WeComEndpoint): Json[] {
  const params: Json[] = [];
  if (endpoint.auth === 'access_token') {
    params.push(parameter('access_token', { type: 'string', maxLength: 512 }, true, 'from gettoken or get_corp_token; read only from the query'));
  }
  if (endpoint.query) {
    const query = plain(endpoint.query) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema as { description?: string };
      params.push(parameter(name, rest, query.required?.includes(name) ?? false, description));
    }
  }
  return params;
}

function errcodeList(codes: readonly number[]): string {
  return codes.map((c) => `${c} \`${isKnownErrcode(c) ? ERRMSG_TEXT[c] : ''}\``).join(', ');
}

function operation(endpoint: WeComEndpoint): Json {
  const op: Json = {
    operationId: endpoint.api,
    summary: endpoint.summary,
    description:
      'Errors are HTTP 200 with `errcode` != 0 and `errmsg` in WeCom\'s format, plus `Error-Code`/`Error-Msg` headers. ' +
      `Errcodes: ${errcodeList(endpoint.errcodes)}, -1 \`system busy\`.`,
    parameters: queryParameters(endpoint),
    responses: {
      200: { description: 'The reply; on errors only `errcode` and `errmsg`.', content: { 'application/json': { schema: plain(endpoint.reply) } } },
    },
  };
  if (endpoint.body) {
    // WeCom parses the body as JSON whatever the Content-Type says.
    op.requestBody = { required: true, content: { 'application/json': { schema: plain(endpoint.body) } } };
  }
  return op;
}

/**
 * The OpenAPI 3.1 document of every WeCom endpoint livestat serves, built from the TypeBox
 * schemas that also validate the requests, so the document cannot drift from the server.
 */
export function wecomOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const endpoint of WECOM_ENDPOINTS) {
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method.toLowerCase()]: operation(endpoint) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'WeCom live-stream API (as livestat serves it)',
      version: OPENAPI_DOCUMENT_VERSION,
      description: "The 直播 endpoints of WeCom's server API and the token endpoints they need; see WIRE.md and docs/DECISIONS.md.",
    },
    servers: [{ url: 'https://qyapi.weixin.qq.com' }, { url: 'http://127.0.0.1:8080', description: 'livestat serve' }],
    tags: [CONTROL_OPENAPI_EXTRAS.tag],
    paths: { ...paths, ...controlOpenApiPaths() },
    components: { securitySchemes: CONTROL_OPENAPI_EXTRAS.securitySchemes },
  };
}
