// Types only: the page talks HTTP, and TypeBox stays out of its bundle.
import type { CONTROL_PATHS, JournalListReply } from '../protocol/control/index.js';
import { Unauthorized, savedKey } from './api.js';

// Typed by the protocol's constant, so the two cannot drift apart.
const REQUESTS: (typeof CONTROL_PATHS)['requests'] = '/livestat/admin/requests';

/** What the Requests view asks the journal for; empty fields are left out. */
export interface RequestFilter {
  api: string;
  corpid: string;
  errcode: string;
  limit: number;
}

/** The control API's journal, with the dashboard's admin key (the journal sits behind the same key). */
export async function journal(filter: RequestFilter): Promise<JournalListReply> {
  const q = new URLSearchParams({ limit: String(filter.limit) });
  if (filter.api) q.set('api', filter.api);
  if (filter.corpid) q.set('corpid', filter.corpid);
  if (/^-?\d+$/.test(filter.errcode)) q.set('errcode', filter.errcode);
  const res = await fetch(`${REQUESTS}?${q}`, { headers: { authorization: `Bearer ${savedKey() ?? ''}` }, cache: 'no-store' });
  if (res.status === 401) throw new Unauthorized();
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`);
  return (await res.json()) as JournalListReply;
}
