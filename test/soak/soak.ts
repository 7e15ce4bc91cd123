/**
 * `npm run soak [-- --minutes N] [-- --rate R]`: drives a `livestat serve` child process on
 * loopback at a steady mixed load (get_watch_stat pulls, gettoken, ingest) and reports errors,
 * p99 latency per minute, and the server's RSS after warm-up and at the end. Exits 1 when any
 * request failed or RSS grew by 10 % or more.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { cliArgs } from '../support/cli.js';
import { mulberry } from '../support/random.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, rate: { type: 'string', default: '300' }, workers: { type: 'string', default: '16' } } });
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const workers = Number(values.workers);
if (!(minutes > 0) || !(rate > 0) || !(workers > 0)) throw new Error('usage: soak [--minutes N] [--rate requests/s] [--workers N]');

const CORP = 'wws0akc0rp00000001';
const SECRET = 'soak-secret-0123456789abcdef0123';
const KEY = 'soak-ingest-key-0123456789abcdef';
const LIVE = 'lvSoakLive0000000000000000000000';
const INGEST_LIVE = 'lvSoakIngestLive0000000000000000';
const START_S = 1764230400;
const WARM_UP_MS = 10_000;

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function p99(sorted: number[]): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'livestat-soak-'));
  const scenario = {
    corps: [
      {
        corpid: CORP,
        ingest_keys: [KEY],
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
        livings: [
          { livingid: LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 'soak', living_start: START_S, living_duration: 7200, synthetic_viewers: { members: 20_000, external: 80_000, seed: 1 } },
          { livingid: INGEST_LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 'soak ingest', living_start: START_S, living_duration: 7200 },
        ],
      },
    ],
  };
  await writeFile(join(dir, 'soak.json'), JSON.stringify(scenario));
  const child = spawn(
    process.execPath,
    cliArgs(['serve', '--port', '0', '--db', join(dir, 'soak.db'), '--scenario', join(dir, 'soak.json'), '--log-level', 'warn', '--rate-limit-per-minute', '1000000000', '--rate-limit-per-hour', '1000000000', '--ip-rate-limit-per-minute', '1000000000', '--ip-rate-limit-per-hour', '1000000000']),
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /livestat listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });

  const errors: string[] = [];
  const perMinute: number[][] = [];
  let requests = 0;
  const started = Date.now();
  const endAt = started + WARM_UP_MS + minutes * 60_000;
  let rssStart = NaN;
  const keys: string[] = ['0'];
  let token = '';

  async function timed(kind: string, run: () => Promise<boolean>): Promise<void> {
    const t0 = performance.now();
    let ok = false;
    try {
      ok = await run();
    } catch (e) {
      errors.push(`${kind}: ${(e as Error).message}`);
      return;
    }
    const ms = performance.now() - t0;
    if (!ok) errors.push(`${kind}: bad reply`);
    const elapsed = Date.now() - started - WARM_UP_MS;
    if (elapsed >= 0) (perMinute[Math.floor(elapsed / 60_000)] ??= []).push(ms);
    requests++;
  }
  const gettoken = async () => {
    const body = (await (await fetch(`${base}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRET}`)).json()) as { errcode: number; access_token: string };
    if (body.errcode === 0) token = body.access_token;
    return body.errcode === 0;
  };
  await gettoken();

  const worker = async (w: number) => {
    const random = mulberry(1000 + w);
    const interval = (1000 * workers) / rate;
    for (let n = 0; Date.now() < endAt; n++) {
      const next = performance.now() + interval;
      const pick = random();
      if (pick < 0.6) {
        const from = keys[Math.floor(random() * keys.length)]!;
        await timed('get_watch_stat', async () => {
          const res = await fetch(`${base}/cgi-bin/living/get_watch_stat?access_token=${token}`, { method: 'POST', body: JSON.stringify({ livingid: LIVE, next_key: from }) });
          const body = (await res.json()) as { errcode: number; next_key: string };
          if (body.errcode === 0 && body.next_key && keys.length < 500) keys.push(body.next_key);
          return res.status === 200 && body.errcode === 0;
        });
      } else if (pick < 0.8) {
        await timed('gettoken', gettoken);
      } else {
        const events = Array.from({ length: 20 }, (_, i) => ({
          id: `w${w}-${n}-${i}`,
          livingid: INGEST_LIVE,
          at: (START_S + 60 + Math.floor(random() * 3000)) * 1000,
          kind: (['enter', 'heartbeat', 'leave', 'comment'] as const)[Math.floor(random() * 4)],
          viewer: { userid: `u${Math.floor(random() * 5000)}` },
        }));
        await timed('ingest', async () => {
          const res = await fetch(`${base}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify({ events }) });
          const body = (await res.json()) as { accepted: number; rejected: unknown[] };
          return res.status === 200 && body.rejected.length === 0;
        });
      }
      const wait = next - performance.now();
      if (wait > 0) await delay(wait);
    }
  };

  const sampler = (async () => {
    await delay(WARM_UP_MS);
    rssStart = rssKb(child.pid!);
  })();
  const minuteReports = setInterval(() => {
    const i = Math.floor((Date.now() - started - WARM_UP_MS) / 60_000) - 1;
    const done = perMinute[i];
    if (i >= 0 && done) process.stdout.write(`minute ${i + 1}: ${done.length} requests, p99 ${p99([...done].sort((a, b) => a - b)).toFixed(1)} ms, rss ${rssKb(child.pid!)} kB, errors so far ${errors.length}\n`);
  }, 60_000);
  await Promise.all([sampler, ...Array.from({ length: workers }, (_, w) => worker(w))]);
  clearInterval(minuteReports);
  const rssEnd = rssKb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await rm(dir, { recursive: true, force: true });

  const growth = (rssEnd - rssStart) / rssStart;
  const lines = [
    `soak: ${minutes} min after ${WARM_UP_MS / 1000} s warm-up, target ${rate} req/s from ${workers} workers (60 % get_watch_stat, 20 % gettoken, 20 % ingest of 20 events)`,
    `requests: ${requests}, errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`,
    ...perMinute.map((ms, i) => `minute ${i + 1}: ${ms.length} requests, p99 ${p99([...ms].sort((a, b) => a - b)).toFixed(1)} ms`),
    `rss: ${rssStart} kB after warm-up, ${rssEnd} kB at end (${(growth * 100).toFixed(1)} %)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (errors.length > 0 || !(growth < 0.1)) process.exitCode = 1;
}

await main();
