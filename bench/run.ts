// npm run bench [-- --quick]: every benchmark with its baseline measured in the same run;
// writes bench/RESULTS.md and prints the same tables.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { deepPagesBench, endpointBench } from './endpoint.js';
import { exportBench } from './export.js';
import { ingestBench } from './ingest.js';
import { peersBench } from './peers.js';
import { resetBench } from './reset.js';
import { type Child, ROOT, startLivestat } from './lib/processes.js';
import { type BenchResult, machine, table } from './lib/report.js';
import { BIG, MID, WORK, pageKeys, writeScenario } from './lib/world.js';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { postgresUnavailable, startCluster } from '../test/support/postgres.js';
import { join } from 'node:path';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (n: string) => !only || only.includes(n);
const size = quick ? { big: 200_000, mid: 20_000, seconds: 3, deep: 1000, ingest: 50_000 } : { big: 1_000_000, mid: 100_000, seconds: 10, deep: 5000, ingest: 500_000 };

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const results: BenchResult[] = [];

log(`building the CLI (dist/) for the export benchmark`);
await promisify(execFile)('npx', ['tsup', '--silent'], { cwd: ROOT });
const scenario = await writeScenario(size.big, size.mid);
log(`starting livestat on SQLite with ${size.big.toLocaleString('en-US')} + ${size.mid.toLocaleString('en-US')} synthetic viewers (first run generates them)`);
let livestat: Child = await startLivestat(['--db', join(WORK, `bench-${size.big}.db`), '--scenario', scenario]);
try {
  log('walking the big live for page keys');
  const keys = await pageKeys(livestat.url, BIG);
  if (want('1')) {
    log('1: throughput');
    const uncached = await startLivestat(['--db', join(WORK, `bench-${size.big}.db`), '--page-cache', '0']);
    try {
      results.push(await endpointBench(livestat, uncached, keys, size.seconds, `${size.big.toLocaleString('en-US')} viewers, SQLite`));
    } finally {
      await uncached.stop();
    }
  }
  if (want('2')) {
    log('2: peers');
    results.push(await peersBench(livestat, keys, size.seconds));
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
  const db = join(WORK, 'ingest.db');
  await rm(db, { force: true });
  await rm(`${db}-wal`, { force: true });
  livestat = await startLivestat(['--db', db, '--scenario', await writeScenario(0, 0)]);
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
    try {
      const pgLivestat = await startLivestat(['--database-url', cluster.url, '--scenario', scenario]);
      try {
        const keys = await pageKeys(pgLivestat.url, BIG);
        results.push(await endpointBench(pgLivestat, undefined, keys, size.seconds, `${size.big.toLocaleString('en-US')} viewers, PostgreSQL`));
      } finally {
        await pgLivestat.stop();
      }
      const ingestUrl = cluster.url.replace(/\/postgres$/, '/ingest');
      await dbQuery(cluster.url, 'CREATE DATABASE ingest');
      const pgIngest = await startLivestat(['--database-url', ingestUrl, '--scenario', await writeScenario(0, 0)]);
      try {
        results.push(await ingestBench(pgIngest, size.ingest, 'PostgreSQL', 6));
      } finally {
        await pgIngest.stop();
      }
    } finally {
      await cluster.stop();
    }
  }
}

if (want('7')) {
  log('7: resets');
  results.push(await resetBench(quick ? 20 : 50));
}

const doc = `# Benchmark results\n\n${quick ? 'Quick run (`npm run bench -- --quick`). ' : ''}Machine: ${machine()}.\nEvery ratio compares with a baseline measured in the same run; absolute numbers drift on shared machines.\n\n${results.map(table).join('\n')}`;
process.stdout.write(`${doc}\n`);
await writeFile(new URL('./RESULTS.md', import.meta.url), `${doc}\n${await changesSection()}`);

async function changesSection(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL('./CHANGES.md', import.meta.url), 'utf8').catch(() => '');
  return text ? `\n${text}` : '';
}

async function dbQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
