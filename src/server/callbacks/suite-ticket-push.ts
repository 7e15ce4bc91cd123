import { lookupHash } from '../../domain/credentials.js';
import { SUITE_TICKET_INTERVAL_MS, SUITE_TICKET_TTL_MS } from '../../domain/callback.js';
import { suiteTicketXml } from '../../protocol/callback-events.js';
import type { ServerContext } from '../context.js';

/**
 * Every 10 minutes of the server's clock, a new suite_ticket for each suite whose 指令回调 URL
 * passed its check (doc 90628), valid for 30 minutes. A clock that jumps ahead by an hour
 * gets one ticket, not six; one set back before the last push gets a new one at once.
 */
export async function pushSuiteTickets(ctx: ServerContext): Promise<void> {
  for (const c of await ctx.store.listCallbacks()) {
    if (c.owner.kind !== 'suite' || !c.verified) continue;
    const nowMs = ctx.clock.now();
    const last = c.lastTicketAtMs;
    if (last !== undefined && nowMs >= last && nowMs - last < SUITE_TICKET_INTERVAL_MS) continue;
    const ticket = ctx.control.random.bytes(32).toString('base64url');
    const timeStamp = Math.floor(nowMs / 1000);
    const message = suiteTicketXml({ suiteId: c.owner.suiteId, timeStamp, suiteTicket: ticket });
    await ctx.store.pushSuiteTicket(c.owner.suiteId, last, lookupHash(ticket), nowMs + SUITE_TICKET_TTL_MS, { kind: 'suite_ticket', owner: c.owner, message, createTime: timeStamp, dueAtMs: nowMs });
  }
}
