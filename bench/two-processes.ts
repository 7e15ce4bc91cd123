import { everyPage, watchStatUrl } from './endpoint.js';
import { load } from './lib/load.js';
import type { Child } from './lib/processes.js';
import { type BenchResult, fmt } from './lib/report.js';

/** Benchmark 7: two livestat processes on one PostgreSQL database against one. */
export async function twoProcessesBench(first: Child, second: Child, keys: string[], seconds: number): Promise<BenchResult> {
  const pages = everyPage(keys);
  const urls = [await watchStatUrl(first), await watchStatUrl(second)];
  const one = await load(urls[0]!, { connections: 16, seconds, bodies: pages });
  const both = await Promise.all(urls.map((url) => load(url, { connections: 16, seconds, bodies: pages })));
  const sum = both[0]!.rps + both[1]!.rps;
  return {
    title: '7. Two livestat processes on one PostgreSQL database',
    columns: ['processes', 'req/s (each)', 'aggregate req/s', 'aggregate ÷ one process'],
    rows: [
      [1, fmt(one.rps, 0), fmt(one.rps, 0), '1.00'],
      [2, both.map((r) => fmt(r.rps, 0)).join(' + '), fmt(sum, 0), `**${fmt(sum / one.rps)}**`],
    ],
    notes: [`every page of the live in order, 16 connections to each process, ${seconds} s; both processes and the database share this machine's cores`],
  };
}
