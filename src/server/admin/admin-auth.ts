import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { LivestatHttpError } from '../wecom-error.js';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The check in front of every /livestat/admin endpoint: `Authorization: Bearer <admin key>`.
 * Digests are compared, not the keys, so the comparison takes the same time whatever the
 * length or content of the guess. Without a configured key the admin API is closed.
 */
export function adminKeyCheck(adminKey: string | undefined): (request: FastifyRequest) => Promise<void> {
  const expected = adminKey === undefined ? undefined : digest(adminKey);
  return async (request) => {
    if (!expected) throw new LivestatHttpError(401, 'unauthorized', 'the admin API is off: start livestat serve with an admin key');
    const header = request.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S{1,1024})\s*$/i.exec(header) : null;
    if (!m) throw new LivestatHttpError(401, 'unauthorized', 'send the admin key as Authorization: Bearer <key>');
    if (!timingSafeEqual(digest(m[1]!), expected)) throw new LivestatHttpError(401, 'unauthorized', 'wrong admin key');
  };
}
