import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KEY = 'callback-example-admin-key-0123456789';

/** examples/callback-receiver.ts, which the README shows, runs as written against `livestat serve`. */
describe('the callback receiver example', () => {
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

  it('answers the URL check and opens the push of the live it creates', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/callback-receiver.ts'], {
      cwd: ROOT,
      env: { ...process.env, LIVESTAT_BASE_URL: server.url, LIVESTAT_ADMIN_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(child, 'close')) as [number];
    expect(code, out).toBe(0);
    const livingid = /^created (lv\S+)$/m.exec(out)?.[1];
    expect(livingid, out).toBeDefined();
    expect(out).toContain(`living_status_change ${livingid} status 0`);
  }, 60_000);
});
