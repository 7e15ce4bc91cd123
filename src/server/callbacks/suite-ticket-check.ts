import { lookupHash, verifySecret } from '../../domain/credentials.js';
import type { Suite } from '../../domain/suite.js';
import type { ServerContext } from '../context.js';

/**
 * Whether get_suite_token may take this suite_ticket: the scenario's fixed ticket (it never
 * expires, so suites without a 指令回调 URL keep working), or one livestat pushed, for 30
 * minutes after its push by the server's clock (doc 90628). An expired one is as wrong as a
 * made-up one: 40085.
 */
export async function suiteTicketAccepted(ctx: ServerContext, suite: Suite, ticket: string): Promise<boolean> {
  const expiresAt = await ctx.store.suiteTicketExpiry(suite.suiteId, lookupHash(ticket));
  if (expiresAt !== undefined) return ctx.clock.now() < expiresAt;
  return verifySecret(ticket, suite.ticketHash);
}
