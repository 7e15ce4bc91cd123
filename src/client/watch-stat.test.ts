import { afterEach, describe, expect, it } from 'vitest';
import { WeComPaginationLoopError } from './transport-errors.js';
import { clientFor } from '../../test/support/client/client-for.js';
import { startFakeWeCom, type FakeWeCom } from '../../test/support/client/fake-wecom.js';
import { makeExternalUsers, makeMembers } from '../../test/support/client/viewers.js';
import type { Viewer } from './viewers.js';

let fake: FakeWeCom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function collect(iterable: AsyncIterable<{ viewer: Viewer }>): Promise<Viewer[]> {
  const out: Viewer[] = [];
  for await (const { viewer } of iterable) out.push(viewer);
  return out;
}

describe('living.getWatchStat', () => {
  it('POSTs livingid and next_key "0" with the token in the query', async () => {
    fake = await startFakeWeCom({ users: makeMembers(3) });
    const page = await clientFor(fake).living.getWatchStat({ livingid: fake.livingid });
    expect(page.ending).toBe(1);
    expect(page.stat_info.users).toHaveLength(3);
    const [req] = fake.requests.get_watch_stat;
    expect(req?.body).toEqual({ livingid: fake.livingid, next_key: '0' });
    expect(req?.query.access_token).toMatch(/.{20,}/);
  });
});

describe('living.watchStat / watchStatViewers', () => {
  it('yields exactly the viewers, members then external, across pages', async () => {
    const users = makeMembers(23);
    const externalUsers = makeExternalUsers(31);
    fake = await startFakeWeCom({ users, externalUsers, pageSize: 10 });
    const viewers = await collect(clientFor(fake).living.watchStatViewers(fake.livingid));
    expect(viewers).toEqual([
      ...users.map((u) => ({ kind: 'member', ...u })),
      ...externalUsers.map((u) => ({ kind: 'external', ...u })),
    ]);
    expect(fake.counts.get_watch_stat).toBe(6);
  });

  it('fetches lazily: breaking out after one page makes one request', async () => {
    fake = await startFakeWeCom({ users: makeMembers(50), pageSize: 10 });
    for await (const page of clientFor(fake).living.watchStat(fake.livingid)) {
      expect(page.stat_info.users).toHaveLength(10);
      break;
    }
    expect(fake.counts.get_watch_stat).toBe(1);
  });

  it('keeps going through empty pages until ending is 1', async () => {
    fake = await startFakeWeCom({ users: makeMembers(5), pageSize: 10 });
    const empty = { errcode: 0, errmsg: 'ok', stat_info: { users: [], external_users: [] }, ending: 0, next_key: 'nk0' };
    fake.failNext('get_watch_stat', { reply: empty });
    const viewers = await collect(clientFor(fake).living.watchStatViewers(fake.livingid));
    expect(viewers).toHaveLength(5);
    expect(fake.counts.get_watch_stat).toBe(2);
  });

  it('throws WeComPaginationLoopError when a next_key repeats', async () => {
    fake = await startFakeWeCom({ users: makeMembers(50), pageSize: 10 });
    const page = { errcode: 0, errmsg: 'ok', stat_info: { users: [], external_users: [] }, ending: 0, next_key: 'same' };
    fake.failNext('get_watch_stat', { reply: page }, { reply: page });
    const pages: unknown[] = [];
    const run = async (): Promise<void> => {
      for await (const p of clientFor(fake!).living.watchStat(fake!.livingid)) pages.push(p);
    };
    await expect(run()).rejects.toBeInstanceOf(WeComPaginationLoopError);
    expect(pages).toHaveLength(1);
  });

  it('treats a start key before ending as a loop', async () => {
    fake = await startFakeWeCom({ users: makeMembers(5) });
    const page = { errcode: 0, errmsg: 'ok', stat_info: { users: [], external_users: [] }, ending: 0, next_key: '' };
    fake.failNext('get_watch_stat', { reply: page });
    await expect(collect(clientFor(fake).living.watchStatViewers(fake.livingid))).rejects.toThrow(/next_key "" again/);
  });

  it('resumes from a saved key without repeating viewers', async () => {
    const users = makeMembers(35);
    fake = await startFakeWeCom({ users, pageSize: 10 });
    const client = clientFor(fake);
    let saved = '';
    for await (const entry of client.living.watchStatViewers(fake.livingid)) {
      if (entry.lastOnPage) {
        saved = entry.nextKey;
        break;
      }
    }
    const rest = await collect(client.living.watchStatViewers(fake.livingid, { fromKey: saved }));
    expect(rest.map((v) => (v.kind === 'member' ? v.userid : ''))).toEqual(users.slice(10).map((u) => u.userid));
    expect(fake.requests.get_watch_stat.at(1)?.body).toEqual({ livingid: fake.livingid, next_key: saved });
  });

  it('flags the last viewer of each page and the ending', async () => {
    fake = await startFakeWeCom({ users: makeMembers(4), pageSize: 2 });
    const entries = [];
    for await (const e of clientFor(fake).living.watchStatViewers(fake.livingid)) entries.push(e);
    expect(entries.map((e) => [e.lastOnPage, e.ending, e.nextKey])).toEqual([
      [false, false, 'nk2'],
      [true, false, 'nk2'],
      [false, true, ''],
      [true, true, ''],
    ]);
  });
});
