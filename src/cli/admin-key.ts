import { randomBytes } from 'node:crypto';
import { UsageError } from './options.js';

/** Shorter keys than this are refused: the dashboard shows every corp's audience. */
const MIN_ADMIN_KEY_LENGTH = 16;

/** The dashboard's admin key: the one given, or 256 random bits made for this run. */
export function adminKeyFor(given: string | undefined): string {
  if (given === undefined || given === '') return randomBytes(32).toString('base64url');
  if (given.length < MIN_ADMIN_KEY_LENGTH || /\s/.test(given)) throw new UsageError(`--admin-key must be at least ${MIN_ADMIN_KEY_LENGTH} characters without spaces`);
  return given;
}

/** The banner line: a generated key is shown (nobody else knows it); a given one is not echoed into logs. */
export function dashboardLine(baseUrl: string, key: string, given: string | undefined): string {
  return `dashboard: ${baseUrl}/ui/  admin key: ${given ? '(the one given by --admin-key / LIVESTAT_ADMIN_KEY)' : key}`;
}
