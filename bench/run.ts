// npm run bench [-- --quick] [-- --only=1,2]: every benchmark with its baseline measured in the
// same run; writes bench/RESULTS.md and prints the same tables. Whatever it starts (servers,
// peers, a PostgreSQL cluster) is stopped when it ends, fails or is interrupted (lib/processes.ts).
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { postgresUnavailable, startCluster } from '../test/support/postgres.js';
import { deepPagesBench, endpointBench } from './endpoint.js';
import { exportBench } from './export.js';
import { ingestBench } from './ingest.js';
import { peersBench } from './peers.js';
import { resetBench } from './reset.js';
import { type Child, ROOT, onCleanUp, startLivestat } from './lib/processes.js';
import { type BenchResult, fmt, machine, table } from './lib/report.js';
import { twoProcessesBench } from './two-processes.js';
import { BIG, MID, WORK, pageKeys, writeScenario } from './lib/world.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (n: string) => !only || only.includes(n);
const size = quick
  ? { big: 200_000, mid: 20_000, seconds: 3, deep: 1000, ingest: 50_000, warmUp: 20 }
  : { big: 1_000_000, mid: 100_000, seconds: 10, deep: 5000, ingest: 500_000, warmUp: 20 };
const count = (n: number) => n.toLocaleString('en-US');

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const results: BenchResult[] = [];
const loads: BenchResult['rows'] = [];

/** Starts a server on a fresh database with the scenario, timed from spawn to listening. */
async function timedStart(args: string[]): Promise<{ child: Child; seconds: number }> {
  const started = process.hrtime.bigint();
  const child = await startLivestat(args);
  return { child, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function freshSqlite(name: string): Promise<string> {
  const db = join(WORK, name);
  for (const suffix of ['', '-wal', '-shm']) await rm(`${db}${suffix}`, { force: true });
  return db;
}

log(`building the CLI (dist/) for the export benchmark`);
await promisify(execFile)('npx', ['tsup', '--silent'], { cwd: ROOT });
const scenario = await writeScenario(size.big, size.mid);
const empty = await writeScenario(0, 0);
// The start of a server with nothing to load, subtracted from the scenario's: what is left is the load.
const bare = await timedStart(['--db', await freshSqlite('bench-empty.db'), '--scenario', empty]);
await bare.child.stop();
log(`starting livestat on a fresh SQLite file with ${count(size.big)} + ${count(size.mid)} synthetic viewers`);
const big = await timedStart(['--db', await freshSqlite(`bench-${size.big}.db`), '--scenario', scenario]);
loads.push(['SQLite', count(size.big + size.mid), fmt(big.seconds), fmt(bare.seconds), `**${fmt(big.seconds - bare.seconds)}**`]);
let livestat = big.child;
try {
  log('walking the big live for page keys');
  const keys = await pageKeys(livestat.url, BIG);
  if (want('1')) {
    log('1: throughput');
    results.push(await endpointBench(livestat, keys, size.seconds, `${count(size.big)} viewers, SQLite`, 1));
  }
  if (want('2')) {
    log(`2: peers (each warmed up for ${size.warmUp} s first)`);
    results.push(await peersBench(livestat, keys, size.seconds, size.warmUp));
  }
  if (want('3')) {
    log('3: deep pages');
    results.push(await deepPagesBench(livestat, keys, size.deep));
  }
  if (want('4')) {
    log('4: export');
    results.push(
      await exportBench(livestat, [
        { livingid: MID, viewers: size.mid },
        { livingid: BIG, viewers: size.big },
      ]),
    );
  }
} finally {
  await livestat.stop();
}
if (want('5')) {
  log('5: ingest');
  livestat = await startLivestat(['--db', await freshSqlite('ingest.db'), '--scenario', empty]);
  try {
    results.push(await ingestBench(livestat, size.ingest));
  } finally {
    await livestat.stop();
  }
}

if (want('6')) {
  const why = postgresUnavailable();
  if (why) results.push({ title: '6. PostgreSQL', columns: ['result'], rows: [['not run']], notes: [`PostgreSQL benchmarks were not run: ${why}`] });
  else {
    log('6: PostgreSQL (a throwaway cluster with fsync on)');
    const cluster = await startCluster({ fsync: true });
    const forget = onCleanUp(() => cluster.stopNow());
    try {
      const pgBare = await timedStart(['--database-url', await createDatabase(cluster.url, 'bare'), '--scenario', empty]);
      await pgBare.child.stop();
      const bigUrl = await createDatabase(cluster.url, 'big');
      const pgBig = await timedStart(['--database-url', bigUrl, '--scenario', scenario]);
      loads.push(['PostgreSQL', count(size.big + size.mid), fmt(pgBig.seconds), fmt(pgBare.seconds), `**${fmt(pgBig.seconds - pgBare.seconds)}**`]);
      try {
        const keys = await pageKeys(pgBig.child.url, BIG);
        results.push(await endpointBench(pgBig.child, keys, size.seconds, `${count(size.big)} viewers, PostgreSQL`, 6));
        const second = await startLivestat(['--database-url', bigUrl]);
        try {
          results.push(await twoProcessesBench(pgBig.child, second, keys, size.seconds));
        } finally {
          await second.stop();
        }
      } finally {
        await pgBig.child.stop();
      }
      const pgIngest = await startLivestat(['--database-url', await createDatabase(cluster.url, 'ingest'), '--scenario', empty]);
      try {
        results.push(await ingestBench(pgIngest, size.ingest, 'PostgreSQL', 8));
      } finally {
        await pgIngest.stop();
      }
    } finally {
      await cluster.stop();
      forget();
    }
  }
}

results.push({
  title: '9. Scenario load (synthetic viewers into a fresh database)',
  columns: ['database', 'viewers', 'start to listening, s', 'same start with nothing to load, s', 'load s'],
  rows: loads,
  notes: ['`livestat serve --scenario` with the bench world on a fresh database, from spawn until it listens; the start of the same server with an empty scenario is subtracted'],
});
if (want('10')) {
  log('10: resets');
  results.push(await resetBench(quick ? 20 : 50));
}
results.sort((a, b) => Number.parseInt(a.title) - Number.parseInt(b.title));

const doc = `# Benchmark results\n\n${quick ? 'Quick run (`npm run bench -- --quick`). ' : ''}Machine: ${machine()}.\nEvery ratio compares with a baseline measured in the same run; absolute numbers drift on shared machines.\n\n${results.map(table).join('\n')}`;
process.stdout.write(`${doc}\n`);
await writeFile(new URL('./RESULTS.md', import.meta.url), `${doc}\n${await changesSection()}`);

async function changesSection(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL('./CHANGES.md', import.meta.url), 'utf8').catch(() => '');
  return text ? `\n${text}` : '';
}

/** A fresh database on the cluster; its URL. */
async function createDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return url.replace(/\/postgres$/, `/${name}`);
}
