import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KEY = 'example-admin-key-0123456789';

/** examples/control-api.ts, which the README points to, runs as written against `livestat serve`. */
describe('the control API example', () => {
  let server: RunningServer;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    const tmp = await tempDir();
    remove = tmp.remove;
    server = await startCliServer(['--db', join(tmp.dir, 'example.db'), '--scenario', 'scenarios/demo.json', '--log-level', 'warn', '--admin-key', KEY]);
  });
  afterAll(async () => {
    await server.stop();
    await remove();
  });

  it('fails twice then succeeds, counts the calls, and sees a token expire after 7,201 s', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/control-api.ts'], {
      cwd: ROOT,
      env: { ...process.env, LIVESTAT_BASE_URL: server.url, LIVESTAT_ADMIN_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(child, 'close')) as [number];
    expect(code, out).toBe(0);
    expect(out).toMatch(/^\d+ viewers; gettoken calls: 1; get_watch_stat errcodes: -1 -1 0( 0)*$/m);
    expect(out).toContain('after 7201 s: 2 gettoken calls, expired answers: 1');
  });
});
