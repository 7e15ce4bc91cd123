import { parse } from 'csv-parse/sync';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWeCom, type FakeWeCom } from '../../test/support/client/fake-wecom.js';
import { makeExternalUsers, makeMembers } from '../../test/support/client/viewers.js';
import { runPull } from './pull.js';
import { addPullCommand } from './pull-command.js';
import { makeIo, pullFrom } from '../../test/support/pull-run.js';
import { tempDir } from '../../test/support/temp-dir.js';

const users = makeMembers(25);
const externalUsers = makeExternalUsers(40);
let fake: FakeWeCom;
let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  fake = await startFakeWeCom({ users, externalUsers, pageSize: 10 });
  ({ dir, remove } = await tempDir('livestat-pull-'));
});
afterEach(async () => {
  await fake.close();
  await remove();
});

describe('runPull', () => {
  it('writes every viewer as CSV to --out and a summary to stderr', async () => {
    const out = join(dir, 'viewers.csv');
    const run = await pullFrom(fake, dir, { out, bom: true });
    expect(run.code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse<Record<string, string>>(text, { columns: true, bom: true });
    expect(rows.map((r) => r.id)).toEqual([...users.map((u) => u.userid), ...externalUsers.map((u) => u.external_userid)]);
    expect(run.stderr).toContain('viewers: 65 (25 members, 40 external)');
    expect(run.stderr).toContain(`written to ${out}`);
    expect(run.stdout).toBe('');
    expect(await readdir(dir)).not.toContain('viewers.csv.checkpoint.json');
  });

  it('streams ndjson and json to stdout', async () => {
    const ndjson = await pullFrom(fake, dir, { format: 'ndjson' });
    expect(ndjson.code).toBe(0);
    const lines = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string });
    expect(lines).toHaveLength(65);
    expect(lines[0]).toEqual({ kind: 'member', ...users[0] });
    const json = await pullFrom(fake, dir, { format: 'json' });
    expect(JSON.parse(json.stdout)).toEqual(lines);
  });

  it('shows progress only on a TTY', async () => {
    const quiet = await pullFrom(fake, dir, { format: 'ndjson' });
    expect(quiet.stderr).not.toContain('pages');
    const tty = await pullFrom(fake, dir, { format: 'ndjson' }, true);
    expect(tty.stderr).toMatch(/pages 7 · viewers 65 · \d+\/s · [\d.]+s\n/);
  });

  it('lets concurrent pulls share one token through the token dir', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => pullFrom(fake, dir, { format: 'ndjson' })));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(fake.counts.gettoken).toBe(1);
  });

  it('reads credentials and the token dir from the environment', async () => {
    const io = makeIo({
      env: { LIVESTAT_CORPID: fake.corpid, LIVESTAT_SECRET: fake.corpsecret, LIVESTAT_BASE_URL: fake.baseUrl, LIVESTAT_TOKEN_DIR: join(dir, 'env-tokens') },
    });
    expect(await runPull({ livingid: fake.livingid, format: 'ndjson' }, io)).toBe(0);
    expect(io.stdout.text.trimEnd().split('\n')).toHaveLength(65);
    expect(await readdir(join(dir, 'env-tokens'))).toHaveLength(1);
  });

  it('exits 1 with "errcode errmsg" on an API error', async () => {
    fake.failAlways('get_watch_stat', { errcode: 48002 });
    const run = await pullFrom(fake, dir, { format: 'ndjson' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^48002 api forbidden, hint: \[\d+\], from ip: [\d.]+, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=48002\n$/);
  });

  it('exits 1 on a wrong secret without printing it', async () => {
    const run = await pullFrom(fake, dir, { secret: 'definitely-wrong-secret' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^40001 invalid credential/);
    expect(run.stderr).not.toContain('definitely-wrong-secret');
  });

  it.each([
    [{ livingid: '' }, /missing --livingid/],
    [{ corpid: undefined, secret: undefined }, /missing credentials/],
    [{ format: 'xml' }, /unknown --format "xml"/],
    [{ resume: true }, /--resume needs --out/],
    [{ bom: true, format: 'json' }, /--bom applies to --format csv only/],
  ])('exits 2 on bad usage %#', async (opts, message) => {
    const io = makeIo();
    const base = { livingid: fake.livingid, corpid: fake.corpid, secret: fake.corpsecret, baseUrl: fake.baseUrl, tokenDir: dir };
    const merged = Object.fromEntries(Object.entries({ ...base, ...opts }).filter(([, v]) => v !== undefined));
    expect(await runPull(merged, io)).toBe(2);
    expect(io.stderr.text).toMatch(message);
    expect(io.stderr.text.trim().split('\n')).toHaveLength(1);
    expect(fake.counts.get_watch_stat).toBe(0);
  });
});

describe('addPullCommand', () => {
  function program(io = makeIo()): { program: Command; codes: number[]; io: ReturnType<typeof makeIo> } {
    const codes: number[] = [];
    const p = new Command('livestat').configureOutput({ writeErr: (s) => io.stderr.write(s), writeOut: (s) => io.stdout.write(s) });
    addPullCommand(p, {
      io,
      exit: (code) => {
        codes.push(code);
        throw new Error(`exit ${code}`);
      },
    }).configureOutput({ writeErr: (s) => io.stderr.write(s), writeOut: (s) => io.stdout.write(s) });
    return { program: p, codes, io };
  }

  it('parses the flags and runs the pull', async () => {
    const { program: p, codes, io } = program();
    const out = join(dir, 'x.ndjson');
    const argv = ['pull', '--livingid', fake.livingid, '--corpid', fake.corpid, '--secret', fake.corpsecret, '--base-url', fake.baseUrl,
      '--format', 'ndjson', '--out', out, '--resume', '--token-dir', dir];
    await expect(p.parseAsync(argv, { from: 'user' })).rejects.toThrow('exit 0');
    expect(codes).toEqual([0]);
    expect((await readFile(out, 'utf8')).trimEnd().split('\n')).toHaveLength(65);
    expect(io.stderr.text).toContain('viewers: 65');
  });

  it('exits 2 on a commander usage error', async () => {
    const { program: p, codes } = program();
    await expect(p.parseAsync(['pull', '--format', 'xml'], { from: 'user' })).rejects.toThrow('exit 2');
    expect(codes).toEqual([2]);
  });
});
