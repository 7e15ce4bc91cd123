import type { FastifyRequest } from 'fastify';
import { normalizeIp } from '../domain/trusted-ips.js';

/** The first value of a query parameter (WeCom reads the first of duplicates), if it is a string. */
export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const value = query?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** The caller's IP as WeCom writes it in errmsg (`from ip:`). */
export function callerIp(request: FastifyRequest): string {
  return normalizeIp(request.ip);
}

const SECRET_PARAMS = /([?&](?:access_token|corpsecret|suite_secret|permanent_code)=)[^&#]*/g;

/** A URL fit for logs: credentials in the query are replaced by [REDACTED]. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[REDACTED]');
}
