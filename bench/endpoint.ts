import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { latencies } from './lib/latency.js';
import { load } from './lib/load.js';
import { type Child, startChild } from './lib/processes.js';
import { type BenchResult, fmt } from './lib/report.js';
import { BIG, WORK, client } from './lib/world.js';

/** Benchmark 1: get_watch_stat throughput and latency against the ceiling of Node HTTP. */
export async function endpointBench(livestat: Child, uncached: Child | undefined, keys: string[], seconds: number, label: string): Promise<BenchResult> {
  const token = await client(livestat.url).getAccessToken();
  const url = `${livestat.url}/cgi-bin/living/get_watch_stat?access_token=${token}`;
  const coldUrl = uncached && `${uncached.url}/cgi-bin/living/get_watch_stat?access_token=${token}`;
  // Pages spread over the whole live, so the cache sees what a real pull does.
  const step = Math.max(1, Math.floor(keys.length / 500));
  const bodies = keys.filter((_, i) => i % step === 0).map((k) => JSON.stringify({ livingid: BIG, next_key: k }));
  const sample = await fetch(url, { method: 'POST', body: bodies[Math.floor(bodies.length / 2)]! });
  const bytes = Buffer.from(await sample.arrayBuffer());
  const file = join(WORK, 'ceiling-reply.json');
  await writeFile(file, bytes);
  const ceiling = await startChild(process.execPath, ['--import', 'tsx', 'bench/ceiling-server.ts', file], /ceiling listening on (http:\/\/\S+)/);
  const rows: BenchResult['rows'] = [];
  try {
    for (const connections of [1, 16, 64]) {
      const base = await load(ceiling.url, { connections, seconds, bodies: ['{}'] });
      const ours = await load(url, { connections, seconds, bodies });
      const cold = coldUrl ? await load(coldUrl, { connections, seconds, bodies }) : undefined;
      for (const r of [ours, cold]) if (r && (r.non2xx || r.errors)) throw new Error(`livestat answered ${r.non2xx} non-2xx and ${r.errors} errors`);
      rows.push(
        cold
          ? [
              connections,
              fmt(base.rps, 0),
              fmt(ours.rps, 0),
              `**${fmt(ours.rps / base.rps)}**`,
              fmt(cold.rps, 0),
              `**${fmt(cold.rps / base.rps)}**`,
              `${fmt(ours.p50, 0)} / ${fmt(cold.p50, 0)} / ${fmt(base.p50, 0)}`,
              `${fmt(ours.p99, 0)} / ${fmt(cold.p99, 0)} / ${fmt(base.p99, 0)}`,
            ]
          : [connections, fmt(base.rps, 0), fmt(ours.rps, 0), `**${fmt(ours.rps / base.rps)}**`, `${fmt(ours.p50, 0)} / ${fmt(base.p50, 0)}`, `${fmt(ours.p99, 0)} / ${fmt(base.p99, 0)}`],
      );
    }
  } finally {
    await ceiling.stop();
  }
  return {
    title: `${uncached ? '1' : '6'}. get_watch_stat throughput (${label})`,
    columns: uncached
      ? ['connections', 'ceiling req/s', 'livestat req/s', 'livestat ÷ ceiling', 'uncached req/s', 'uncached ÷ ceiling', 'p50 ms (livestat / uncached / ceiling)', 'p99 ms (same)']
      : ['connections', 'ceiling req/s', 'livestat req/s', 'livestat ÷ ceiling', 'p50 ms (livestat / ceiling)', 'p99 ms (same)'],
    rows,
    notes: [
      `pages of 100 viewers (${bytes.length} bytes), cycling over ${bodies.length} pages spread across the live; ${seconds} s per run`,
      'ceiling: a bare node:http server returning the same reply bytes from memory, in its own process like livestat',
      'livestat runs with --log-level warn (no per-request log line) and limits lifted',
      ...(uncached
        ? ['"livestat" is the default server (recently served pages kept in memory, dropped on any write); "uncached" is a second process on the same file with --page-cache 0, so every request reads SQLite']
        : ['PostgreSQL has no page cache: every request reads the database (a throwaway cluster with fsync on, on this machine)']),
      'autocannon reports latency in whole milliseconds',
    ],
  };
}

/** Benchmark 3: page 1 against deep pages, one connection, timed precisely. */
export async function deepPagesBench(livestat: Child, keys: string[], count: number): Promise<BenchResult> {
  const token = await client(livestat.url).getAccessToken();
  const url = `${livestat.url}/cgi-bin/living/get_watch_stat?access_token=${token}`;
  const last = keys.length;
  const pages = [1, Math.round(last / 2), last];
  const results = [];
  for (const page of pages) results.push({ page, r: await latencies(url, JSON.stringify({ livingid: BIG, next_key: keys[page - 1] }), count) });
  const first = results[0]!.r;
  return {
    title: '3. Deep pages (keyset pagination)',
    columns: ['page', 'p50 ms', 'p99 ms', 'mean ms', 'p50 ÷ page 1'],
    rows: results.map(({ page, r }) => [page, fmt(r.p50, 3), fmt(r.p99, 3), fmt(r.mean, 3), `**${fmt(r.p50 / first.p50)}**`]),
    notes: [`${count} sequential requests per page on one keep-alive connection; a page costs the same however deep`],
  };
}
