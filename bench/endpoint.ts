import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { latencies } from './lib/latency.js';
import { type LoadResult, load } from './lib/load.js';
import { type Child, sampleRss, startChild } from './lib/processes.js';
import { type BenchResult, fmt } from './lib/report.js';
import { BIG, WORK, client } from './lib/world.js';

/** The request bodies of a real pull: every page of the live, in order (cycled by the load). */
export function everyPage(keys: readonly string[]): string[] {
  return keys.map((k) => JSON.stringify({ livingid: BIG, next_key: k }));
}

/** One page from the middle of the live, asked for again and again. */
export function onePage(keys: readonly string[]): string[] {
  return [JSON.stringify({ livingid: BIG, next_key: keys[Math.floor(keys.length / 2)]! })];
}

export async function watchStatUrl(livestat: Child): Promise<string> {
  return `${livestat.url}/cgi-bin/living/get_watch_stat?access_token=${await client(livestat.url).getAccessToken()}`;
}

function assertOk(r: LoadResult, what: string): void {
  if (r.non2xx || r.errors) throw new Error(`${what} answered ${r.non2xx} non-2xx and ${r.errors} errors`);
}

/**
 * Benchmark 1 (SQLite) and 6 (PostgreSQL): get_watch_stat against the ceiling of Node HTTP.
 * The headline is every page in order, as a pull reads them (each page once per cycle, so a
 * cache of recent pages does not help); one page over and over is the second row.
 */
export async function endpointBench(livestat: Child, keys: string[], seconds: number, label: string, number: number): Promise<BenchResult> {
  const url = await watchStatUrl(livestat);
  const pages = everyPage(keys);
  const same = onePage(keys);
  const sample = await fetch(url, { method: 'POST', body: same[0]! });
  const bytes = Buffer.from(await sample.arrayBuffer());
  const file = join(WORK, 'ceiling-reply.json');
  await writeFile(file, bytes);
  const ceiling = await startChild(process.execPath, ['--import', 'tsx', 'bench/ceiling-server.ts', file], /ceiling listening on (http:\/\/\S+)/);
  const rows: BenchResult['rows'] = [];
  const rss = sampleRss(livestat);
  let rssMiB: number | undefined;
  try {
    for (const connections of [1, 16, 64]) {
      const base = await load(ceiling.url, { connections, seconds, bodies: ['{}'] });
      for (const [name, bodies] of [
        [`**every page in order** (${pages.length.toLocaleString('en-US')})`, pages],
        ['one page again and again', same],
      ] as const) {
        const ours = await load(url, { connections, seconds, bodies });
        assertOk(ours, 'livestat');
        rows.push([connections, name, fmt(base.rps, 0), fmt(ours.rps, 0), `**${fmt(ours.rps / base.rps)}**`, `${fmt(ours.p50, 0)} / ${fmt(base.p50, 0)}`, `${fmt(ours.p99, 0)} / ${fmt(base.p99, 0)}`]);
      }
    }
  } finally {
    rssMiB = rss.stop();
    await ceiling.stop();
  }
  return {
    title: `${number}. get_watch_stat throughput (${label})`,
    columns: ['connections', 'pages', 'ceiling req/s', 'livestat req/s', 'livestat ÷ ceiling', 'p50 ms (livestat / ceiling)', 'p99 ms (same)'],
    rows,
    notes: [
      `pages of 100 viewers (${bytes.length} bytes); "every page in order" cycles through all ${pages.length.toLocaleString('en-US')} pages of the live, the workload of a real pull (each page is read once per cycle); ${seconds} s per run`,
      'ceiling: a bare node:http server returning the same reply bytes from memory, in its own process like livestat',
      'livestat is the default server, with --log-level warn (no per-request log line) and the frequency limits lifted; nothing else changed',
      ...(rssMiB === undefined ? [] : [`livestat's largest RSS while serving this table (VmRSS, sampled every 200 ms): **${fmt(rssMiB, 0)} MiB**`]),
      'autocannon reports latency in whole milliseconds',
    ],
  };
}

/** Benchmark 3: page 1 against deep pages, one connection, timed precisely. */
export async function deepPagesBench(livestat: Child, keys: string[], count: number): Promise<BenchResult> {
  const url = await watchStatUrl(livestat);
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
