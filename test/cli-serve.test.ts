import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken, watchStat } from './support/test-server.js';

describe('livestat serve (the real command)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('starts on the demo scenario, says what to try, answers, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'demo.db');
    const server = await startCliServer(['--db', db, '--scenario', 'scenarios/demo.json', '--log-level', 'warn']);
    try {
      const out = server.output();
      expect(out).toMatch(/^livestat listening on http:\/\/127\.0\.0\.1:\d+$/m);
      expect(out).toContain(`database: ${db} (SQLite)`);
      expect(out).toContain('corpid=wwd3m0c0rp00000001');
      expect(out).toMatch(/curl -s '.*\/cgi-bin\/gettoken\?corpid=/);
      expect(out).toMatch(/curl -s -X POST ".*\/cgi-bin\/living\/get_watch_stat\?access_token=\$TOKEN"/);
      expect((await call(`${server.url}/livestat/health`)).body).toEqual({ status: 'ok' });
      const token = await getToken(server.url, 'wwd3m0c0rp00000001', 'demo-secret-for-local-use-only-000000001');
      const page = await watchStat(server.url, token, { livingid: 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw' });
      expect(page.body.errcode).toBe(0);
      expect(page.body.ending).toBe(0);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });

  it('logs each error reply with its hint, and never the token', async () => {
    const server = await startCliServer(['--db', join(dir, 'log.db'), '--scenario', 'scenarios/demo.json']);
    try {
      const { body } = await watchStat(server.url, 'secret-looking-token', { livingid: 'x' });
      const hint = /hint: \[(\d+)\]/.exec(body.errmsg as string)![1]!;
      const token = await getToken(server.url, 'wwd3m0c0rp00000001', 'demo-secret-for-local-use-only-000000001');
      await watchStat(server.url, token, { livingid: 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw' });
      await server.stop('SIGINT');
      const lines = server.output().split('\n').filter((l) => l.startsWith('{'));
      const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.hint === hint);
      expect(line).toMatchObject({ errcode: 40014, status: 200 });
      expect(server.output()).not.toContain('secret-looking-token');
      expect(server.output()).not.toContain(token);
      expect(server.output()).toContain('access_token=[REDACTED]');
    } finally {
      await server.stop();
    }
  });

  it('takes PORT from the environment', async () => {
    const server = await startCliServer(['--db', join(dir, 'env.db')], { PORT: '0' });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [['serve', '--port', 'eighty'], /port/],
    [['serve', '--bogus'], /unknown option/],
    [['serve', '--page-size', '0'], /page-size/],
    [['serve', '--fault', 'nope'], /invalid fault/],
    [['serve', '--scenario', '/does/not/exist.json'], /cannot read: ENOENT/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 with a one-line error for %j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming the bad path of an invalid scenario', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ corps: [{ corpid: 'ww1', apps: [{ agentid: 'one', kind: 'self_built' }] }] }));
    const { code, stderr } = await runCli(['serve', '--db', join(dir, 'bad.db'), '--scenario', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('/corps/0/apps/0/agentid: must be integer');
  });

  it('documents every flag in --help', async () => {
    const { code, stdout } = await runCli(['serve', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--host', '--port', '--db', '--scenario', '--page-size', '--rate-limit-per-minute', '--rate-limit-per-hour', '--fault', '--expired-token-errcode', '--provider-ip-rate-limit-per-minute', '--provider-ip-rate-limit-per-hour'])
      expect(stdout).toContain(flag);
  });
});
