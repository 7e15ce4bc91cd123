import type { WatchStatExternalUser, WatchStatUser } from '../../src/protocol/watch-stat.js';
import { watchStat } from './test-server.js';

/** Every viewer of a live, by walking get_watch_stat to the end. */
export async function pullAll(base: string, token: string, livingid: string): Promise<{ users: WatchStatUser[]; external_users: WatchStatExternalUser[] }> {
  const out = { users: [] as WatchStatUser[], external_users: [] as WatchStatExternalUser[] };
  let nextKey = '';
  for (;;) {
    const { body } = await watchStat(base, token, { livingid, next_key: nextKey });
    if (body.errcode !== 0) throw new Error(`get_watch_stat failed: ${JSON.stringify(body)}`);
    const info = body.stat_info as typeof out;
    out.users.push(...info.users);
    out.external_users.push(...info.external_users);
    if (body.ending === 1) return out;
    nextKey = body.next_key as string;
  }
}
