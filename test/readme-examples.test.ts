import { readFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The README's examples must run as written, against the demo `npm start` serves. */
describe('README examples', () => {
  let server: RunningServer;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    const tmp = await tempDir();
    remove = tmp.remove;
    server = await startCliServer(['--db', `${tmp.dir}/readme.db`, '--scenario', 'scenarios/demo.json', '--log-level', 'warn']);
  });
  afterAll(async () => {
    await server.stop();
    await remove();
  });

  it('examples/sdk-pull.ts pulls the demo live', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/sdk-pull.ts'], { cwd: ROOT, env: { ...process.env, LIVESTAT_BASE_URL: server.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(child, 'close')) as [number];
    expect(out).toMatch(/^\d+ members and \d+ external viewers watched \d+ s in total$/m);
    expect(code).toBe(0);
  });

  it('the pull and simulate examples work as printed', async () => {
    const readme = await readFile(`${ROOT}/README.md`, 'utf8');
    const blocks = [...readme.matchAll(/```sh example\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBe(2);
    const { dir, remove: removeDir } = await tempDir();
    try {
      // The examples run in a scratch directory (pull writes viewers.csv there), so tsx is named by path.
      const tsx = fileURLToPath(import.meta.resolve('tsx'));
      const cli = `"${process.execPath}" --import "${tsx}" "${ROOT}/src/cli/main.ts"`;
      for (const block of blocks) {
        const script = block.replaceAll('http://127.0.0.1:8080', server.url).replaceAll('npx livestat', cli);
        const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, env: { ...process.env, LIVESTAT_TOKEN_DIR: `${dir}/tokens` }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        const [code] = (await once(child, 'close')) as [number];
        expect(code, out).toBe(0);
      }
      const csv = await readFile(`${dir}/viewers.csv`, 'utf8');
      expect(csv.startsWith('\uFEFFkind,id,type,name,watch_time')).toBe(true);
    } finally {
      await removeDir();
    }
  });

  it('the curl tour works as printed (gettoken, then get_watch_stat)', async () => {
    const readme = await readFile(`${ROOT}/README.md`, 'utf8');
    const block = /```sh tour\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const script = block!.replaceAll('http://127.0.0.1:8080', server.url);
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(child, 'close')) as [number];
    expect(out).toContain('"errcode":0,"errmsg":"ok","stat_info"');
    expect(out).toContain('"errcode":40014');
    expect(code).toBe(0);
  });
});
