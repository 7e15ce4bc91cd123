import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Child, ROOT, onCleanUp } from './lib/processes.js';
import { type BenchResult, fmt } from './lib/report.js';
import { CORP, SECRET, WORK } from './lib/world.js';

async function pullOnce(livestat: Child, livingid: string): Promise<{ seconds: number; rssMiB: number; bytes: number }> {
  const out = join(WORK, `${livingid}.ndjson`);
  const rssFile = join(WORK, 'pull-rss.txt');
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    ['--import', './bench/lib/report-rss.mjs', 'dist/cli.js', 'pull', '--livingid', livingid, '--base-url', livestat.url, '--format', 'ndjson', '--out', out, '--token-dir', join(WORK, 'tokens')],
    { cwd: ROOT, env: { ...process.env, LIVESTAT_CORPID: CORP, LIVESTAT_SECRET: SECRET, LIVESTAT_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const forget = onCleanUp(() => child.kill('SIGKILL'));
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  forget();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`pull failed (${code}): ${err}`);
  const bytes = (await stat(out)).size;
  await rm(out);
  return { seconds, rssMiB: Number(await readFile(rssFile, 'utf8')) / 1024, bytes };
}

/** Benchmark 4: a full `livestat pull --format ndjson`, end to end, at two sizes. */
export async function exportBench(livestat: Child, lives: { livingid: string; viewers: number }[]): Promise<BenchResult> {
  const rows: BenchResult['rows'] = [];
  for (const { livingid, viewers } of lives) {
    // One untimed pull first, so both sizes are measured alike: the big live has just been
    // read by the other benchmarks, the smaller one has not.
    await pullOnce(livestat, livingid);
    const r = await pullOnce(livestat, livingid);
    rows.push([viewers.toLocaleString('en-US'), fmt(r.seconds), `**${fmt(viewers / r.seconds, 0)}**`, `**${fmt(r.rssMiB, 1)}**`, fmt(r.bytes / 2 ** 20, 1)]);
  }
  return {
    title: '4. Full export (livestat pull --format ndjson)',
    columns: ['viewers', 'seconds', 'viewers/s', 'CLI peak RSS MiB', 'output MiB'],
    rows,
    notes: [
      'the built CLI (dist/cli.js) against livestat on SQLite, pages of 100, including process start and gettoken; RSS from process.resourceUsage().maxRSS',
      'each size is pulled once untimed first, so both are measured with the database warm',
    ],
  };
}
