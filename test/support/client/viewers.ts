// Deterministic viewers for tests, with the names that break naive CSV and JSON writers.
import type { WatchStatExternalUser, WatchStatUser } from '../../../src/protocol/index.js';

/** Names with commas, quotes, newlines, emoji, Chinese, leading spaces and formula characters. */
export const TRICKY_NAMES: readonly string[] = [
  '万强',
  'Smith, John',
  'She said "hi"',
  'line1\nline2',
  'crlf\r\nname',
  '🎉 party 🎉',
  '  padded  ',
  '=SUM(A1:A2)',
  '',
  '张三,"李四"\n王五 👍',
];

/** `count` members with varied flags and inviters. */
export function makeMembers(count: number): WatchStatUser[] {
  return Array.from({ length: count }, (_, i) => {
    const user: WatchStatUser = {
      userid: `user${String(i).padStart(5, '0')}`,
      watch_time: (i * 37) % 3600,
      is_comment: i % 3 === 0 ? 1 : 0,
      is_mic: i % 7 === 0 ? 1 : 0,
    };
    if (i % 5 === 1) user.invitor_userid = `inviter${i}`;
    return user;
  });
}

/** `count` external viewers cycling through {@link TRICKY_NAMES}. */
export function makeExternalUsers(count: number): WatchStatExternalUser[] {
  return Array.from({ length: count }, (_, i) => {
    const user: WatchStatExternalUser = {
      external_userid: `wm${String(i).padStart(30, '0')}`,
      type: i % 2 === 0 ? 1 : 2,
      name: TRICKY_NAMES[i % TRICKY_NAMES.length] ?? '',
      watch_time: (i * 53) % 5400,
      is_comment: i % 4 === 0 ? 1 : 0,
      is_mic: i % 9 === 0 ? 1 : 0,
    };
    if (i % 6 === 2) user.invitor_external_userid = `wm${String(i + 1000).padStart(30, '0')}`;
    return user;
  });
}
