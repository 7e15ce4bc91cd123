import { dirname, resolve } from 'node:path';
import type { MetricsAccess } from '../server/metrics-hooks.js';
import { UsageError } from './options.js';
import { type TlsMaterial, selfSignedTls, tlsFromFiles } from './serve-tls.js';

/** Shorter metrics tokens are refused, like short admin keys. */
const MIN_TOKEN_LENGTH = 16;

/** --metrics and --metrics-token as the server takes them. */
export function metricsAccessFor(options: { metrics: 'local' | 'all' | 'off'; metricsToken?: string }): MetricsAccess {
  const token = options.metricsToken;
  if (token !== undefined && (token.length < MIN_TOKEN_LENGTH || /\s/.test(token))) throw new UsageError(`--metrics-token must be at least ${MIN_TOKEN_LENGTH} characters without spaces`);
  return { exposure: options.metrics, ...(token ? { token } : {}) };
}

/**
 * The key pair to serve HTTPS with, if any: --tls-cert/--tls-key, or --tls-self-signed, whose
 * files live in the data folder (the folder of --db, also with PostgreSQL).
 */
export async function tlsFor(options: { tlsCert?: string; tlsKey?: string; tlsSelfSigned: boolean; db: string }): Promise<TlsMaterial | undefined> {
  const files = options.tlsCert !== undefined || options.tlsKey !== undefined;
  if (files && options.tlsSelfSigned) throw new UsageError('give either --tls-cert/--tls-key or --tls-self-signed, not both');
  if (files) {
    if (!options.tlsCert || !options.tlsKey) throw new UsageError('--tls-cert and --tls-key go together');
    return tlsFromFiles(options.tlsCert, options.tlsKey);
  }
  if (!options.tlsSelfSigned) return undefined;
  const dir = options.db === ':memory:' ? process.cwd() : dirname(resolve(options.db));
  return selfSignedTls(dir);
}
