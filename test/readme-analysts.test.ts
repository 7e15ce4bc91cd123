import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';
import { readSheets } from './support/xlsx-read.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The README's "For analysts" commands must run as printed, against the demo `npm start` serves. */
describe('README for analysts', () => {
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

  it('pulls one live into Excel and reports attendance against a roster', { timeout: 120_000 }, async () => {
    const readme = await readFile(`${ROOT}/README.md`, 'utf8');
    const block = /```sh analysts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const { dir, remove: removeDir } = await tempDir();
    try {
      const tsx = fileURLToPath(import.meta.resolve('tsx'));
      const cli = `"${process.execPath}" --import "${tsx}" "${ROOT}/src/cli/main.ts"`;
      const script = (block ?? '').replaceAll('http://127.0.0.1:8080', server.url).replaceAll('npx livestat', cli);
      const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, env: { ...process.env, LIVESTAT_TOKEN_DIR: `${dir}/tokens` }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const [code] = (await once(child, 'close')) as [number];
      expect(code, out).toBe(0);

      const kickoff = (await readSheets(`${dir}/kickoff.xlsx`)).get('viewers') ?? [];
      expect(kickoff[0]?.slice(0, 2)).toEqual(['类型', '用户ID']);
      expect(kickoff.length).toBeGreaterThan(2000);

      const training = await readSheets(`${dir}/training.xlsx`);
      expect([...training.keys()]).toEqual(['summary', 'viewers', 'inviters', 'attendance', 'departments']);
      const attendance = (training.get('attendance') ?? []).slice(1);
      const kickoffRows = attendance.filter((r) => r[0] === 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw').map((r) => [r[2], r[7]]);
      expect(kickoffRows.map((r) => r[0])).toEqual(['lisi', 'wangwu', 'hanmeimei']);
      expect(kickoffRows[2]?.[1]).toBe('absent');
      expect(kickoffRows.slice(0, 2).every((r) => r[1] === 'attended' || r[1] === 'partial')).toBe(true);
    } finally {
      await removeDir();
    }
  });
});
