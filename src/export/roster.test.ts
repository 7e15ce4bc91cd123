import { describe, expect, it } from 'vitest';
import { RosterError, parseRoster } from './roster.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseRoster', () => {
  it('reads Chinese headers in any order, trims, and keeps the first row of a userid', async () => {
    const members = await parseRoster(utf8('\uFEFF部门,姓名,账号\r\nSales, 张三 ,u1\r\nHR,李四,u2\r\nHR,重复,u1\r\n'));
    expect(members).toEqual([
      { userid: 'u1', name: '张三', department: 'Sales' },
      { userid: 'u2', name: '李四', department: 'HR' },
    ]);
  });

  it('takes userid, name, department in that order when there is no header row', async () => {
    expect(await parseRoster(utf8('u1,张三,Sales\nu2\n'))).toEqual([
      { userid: 'u1', name: '张三', department: 'Sales' },
      { userid: 'u2', name: '', department: '' },
    ]);
  });

  it('refuses more members than the limit, and says why', async () => {
    await expect(parseRoster(utf8('userid\nu1\nu2\nu3\n'), { maxMembers: 2 })).rejects.toThrow(new RosterError('more than 2 members'));
    expect(await parseRoster(utf8('userid\nu1\nu1\nu2\n'), { maxMembers: 2 })).toHaveLength(2);
  });
});
