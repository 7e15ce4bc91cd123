import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWeCom, type FakeWeCom } from '../../test/support/client/fake-wecom.js';
import { makeExternalUsers, makeMembers } from '../../test/support/client/viewers.js';
import { checkpointPath, readCheckpoint, writeCheckpoint } from './pull-checkpoint.js';
import { pullFrom } from '../../test/support/pull-run.js';
import { tempDir } from '../../test/support/temp-dir.js';

let fake: FakeWeCom;
let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  fake = await startFakeWeCom({ users: makeMembers(23), externalUsers: makeExternalUsers(34), pageSize: 8 });
  ({ dir, remove } = await tempDir('livestat-pull-'));
});
afterEach(async () => {
  await fake.close();
  await remove();
});

describe('pull --resume', () => {
  it.each(['csv', 'json', 'ndjson'] as const)('continues an interrupted %s pull into a file identical to an uninterrupted one', async (format) => {
    const reference = join(dir, `reference.${format}`);
    expect((await pullFrom(fake, dir, { format, out: reference, bom: format === 'csv' })).code).toBe(0);

    const out = join(dir, `resumed.${format}`);
    // Three pages succeed, then the service fails for good (92008 is never retried).
    fake.failAlways('get_watch_stat', { errcode: 92008 }, 3);
    const failed = await pullFrom(fake, dir, { format, out, resume: true, bom: format === 'csv' });
    expect(failed.code).toBe(1);
    const cp = await readCheckpoint(checkpointPath(out));
    expect(cp?.rows).toBe(24);
    expect(cp?.bytes).toBe((await stat(out)).size);

    // A page half-written when the process died must not survive the resume.
    await appendFile(out, 'half a page,"unterminated\n');
    fake.failAlways('get_watch_stat', undefined);
    const before = fake.counts.get_watch_stat;
    const resumed = await pullFrom(fake, dir, { format, out, resume: true, bom: format === 'csv' });
    expect(resumed.code).toBe(0);
    expect(fake.counts.get_watch_stat - before).toBe(5); // pages 4..8 only
    expect(await readFile(out, 'utf8')).toBe(await readFile(reference, 'utf8'));
    expect(resumed.stderr).toContain('viewers: 57 (23 members, 34 external)');
    expect(await readCheckpoint(checkpointPath(out))).toBeUndefined();
  });

  it('finishes without fetching when the checkpoint says the last page is written', async () => {
    const out = join(dir, 'done.json');
    const reference = join(dir, 'reference.json');
    await pullFrom(fake, dir, { format: 'json', out: reference });
    // Recreate the state of a process that died after the last page but before the closing `]`.
    const full = await pullFrom(fake, dir, { format: 'json', out, resume: true });
    expect(full.code).toBe(0);
    const text = await readFile(out, 'utf8');
    const body = text.slice(0, -'\n]\n'.length);
    await writeCheckpoint(checkpointPath(out), {
      version: 1, livingid: fake.livingid, format: 'json', bom: false, nextKey: '', ending: true, rows: 57,
      bytes: Buffer.byteLength(body), summary: { members: 23, externals: 34, totalWatchSeconds: 0, commenters: 0, micTakers: 0, histogram: [] },
    });
    const before = fake.counts.get_watch_stat;
    expect((await pullFrom(fake, dir, { format: 'json', out, resume: true })).code).toBe(0);
    expect(fake.counts.get_watch_stat).toBe(before);
    expect(await readFile(out, 'utf8')).toBe(await readFile(reference, 'utf8'));
  });

  it('starts fresh with --resume when there is no checkpoint', async () => {
    const out = join(dir, 'fresh.ndjson');
    const run = await pullFrom(fake, dir, { format: 'ndjson', out, resume: true });
    expect(run.code).toBe(0);
    expect((await readFile(out, 'utf8')).trimEnd().split('\n')).toHaveLength(57);
  });

  it('refuses (exit 2) to resume with a different format', async () => {
    const out = join(dir, 'mixed.out');
    fake.failAlways('get_watch_stat', { errcode: 92008 }, 1);
    expect((await pullFrom(fake, dir, { format: 'csv', out, resume: true })).code).toBe(1);
    const run = await pullFrom(fake, dir, { format: 'json', out, resume: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/checkpoint .* was made for --format csv/);
  });
});
