import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startCliServer } from './cli.js';
import { tempDir } from './temp-dir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `livestat serve` on the demo world with an admin key, as a README example expects it. */
export async function startExampleServer(adminKey: string): Promise<{ server: RunningServer; close: () => Promise<void> }> {
  const tmp = await tempDir();
  const server = await startCliServer(['--db', join(tmp.dir, 'example.db'), '--scenario', 'scenarios/demo.json', '--log-level', 'warn', '--admin-key', adminKey]);
  return {
    server,
    close: async () => {
      await server.stop();
      await tmp.remove();
    },
  };
}

/** Runs examples/<file> as written (from the repository root, under tsx) against that server; its exit code and output. */
export async function runExample(file: string, server: RunningServer, adminKey: string): Promise<{ code: number; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `examples/${file}`], {
    cwd: ROOT,
    env: { ...process.env, LIVESTAT_BASE_URL: server.url, LIVESTAT_ADMIN_KEY: adminKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'close')) as [number];
  return { code, out };
}
