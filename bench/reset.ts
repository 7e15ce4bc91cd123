// The control API's resets on the demo world: "fast enough to call before every test".
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startLivestat } from './lib/processes.js';
import { type BenchResult, fmt } from './lib/report.js';
import { WORK } from './lib/world.js';

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const DEMO_CORP = 'wwd3m0c0rp00000001';
const DEMO_SECRET = 'demo-secret-for-local-use-only-000000001';
const DEMO_LIVE = 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** What a test does between resets: a token, a page, a fault: so each reset has something to undo. */
async function dirty(url: string): Promise<void> {
  const token = ((await (await fetch(`${url}/cgi-bin/gettoken?corpid=${DEMO_CORP}&corpsecret=${DEMO_SECRET}`)).json()) as { access_token: string }).access_token;
  await fetch(`${url}/cgi-bin/living/get_watch_stat?access_token=${token}`, { method: 'POST', body: JSON.stringify({ livingid: DEMO_LIVE }) });
  await fetch(`${url}/livestat/admin/faults`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify({ api: 'get_watch_stat', errcode: -1, times: 1 }) });
}

async function timed(url: string, path: string): Promise<{ roundTripMs: number; serverMs: number }> {
  const started = performance.now();
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: '{}' });
  const body = (await res.json()) as { duration_ms: number };
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return { roundTripMs: performance.now() - started, serverMs: body.duration_ms };
}

/** Median and p95 of `POST /reset` and `POST /corps/:corpid/reset` on the demo world (SQLite), each after a test's worth of changes. */
export async function resetBench(rounds: number): Promise<BenchResult> {
  await mkdir(WORK, { recursive: true });
  const db = join(WORK, 'reset.db');
  for (const f of [db, `${db}-wal`, `${db}-shm`]) await rm(f, { force: true });
  const livestat = await startLivestat(['--db', db, '--scenario', 'scenarios/demo.json', '--admin-key', ADMIN_KEY]);
  try {
    const rows: (string | number)[][] = [];
    for (const [name, path] of [['POST /livestat/admin/reset', '/livestat/admin/reset'], ['POST /livestat/admin/corps/:corpid/reset', `/livestat/admin/corps/${DEMO_CORP}/reset`]] as const) {
      const runs: { roundTripMs: number; serverMs: number }[] = [];
      // The first few warm the server's statements; they are not counted.
      for (let i = 0; i < rounds + 3; i++) {
        await dirty(livestat.url);
        const r = await timed(livestat.url, path);
        if (i >= 3) runs.push(r);
      }
      const trips = runs.map((r) => r.roundTripMs);
      const server = runs.map((r) => r.serverMs);
      rows.push([name, fmt(quantile(server, 0.5)), fmt(quantile(server, 0.95)), fmt(quantile(trips, 0.5)), fmt(quantile(trips, 0.95))]);
    }
    return {
      title: '10. Resets of the demo world (SQLite)',
      columns: ['call', 'server ms (median)', 'server ms (p95)', 'HTTP round trip ms (median)', 'HTTP round trip ms (p95)'],
      rows,
      notes: [
        `${rounds} resets each, every one after a gettoken, a get_watch_stat page and an added fault (what a test leaves behind).`,
        'The goal is "well under 100 ms, fast enough to call before every test"; the server figure is the reply\'s duration_ms.',
      ],
    };
  } finally {
    await livestat.stop();
  }
}
