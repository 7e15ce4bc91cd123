import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { load } from './lib/load.js';
import { type Child, startChild } from './lib/processes.js';
import { type BenchResult, fmt } from './lib/report.js';
import { WORK } from './lib/world.js';
import { everyPage, onePage, watchStatUrl } from './endpoint.js';

const run = promisify(execFile);
const PEERS = join(WORK, 'peers');
const PATH = '/cgi-bin/living/get_watch_stat';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Installs the peers once into bench/.work/peers (not the project's dependencies). */
async function installPeers(): Promise<string | undefined> {
  if (existsSync(join(PEERS, 'node_modules', 'wiremock')) && existsSync(join(PEERS, 'node_modules', '@stoplight', 'prism-cli'))) return undefined;
  await mkdir(PEERS, { recursive: true });
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefix', PEERS, 'wiremock@3', '@stoplight/prism-cli@5.14.2'], { timeout: 600_000 });
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

async function startWireMock(reply: Buffer): Promise<Child> {
  const root = join(WORK, 'wiremock');
  await mkdir(join(root, 'mappings'), { recursive: true });
  await writeFile(
    join(root, 'mappings', 'get_watch_stat.json'),
    JSON.stringify({
      request: { method: 'POST', urlPath: PATH },
      response: { status: 200, headers: { 'Content-Type': 'application/json; charset=UTF-8' }, body: reply.toString('utf8') },
    }),
  );
  const port = await freePort();
  const child = await startChild(
    process.execPath,
    [join(PEERS, 'node_modules', 'wiremock', 'index.js'), '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', root, '--no-request-journal', '--disable-banner'],
    /(port:\s+\d+|started)/i,
    {},
    120_000,
  );
  child.url = `http://127.0.0.1:${port}`;
  return child;
}

async function startPrism(reply: Buffer): Promise<Child> {
  const spec = {
    openapi: '3.1.0',
    info: { title: 'get_watch_stat', version: '1' },
    paths: {
      [PATH]: {
        post: {
          parameters: [{ name: 'access_token', in: 'query', required: true, schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { livingid: { type: 'string' }, next_key: { type: 'string' } } } } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { example: JSON.parse(reply.toString('utf8')) as unknown } } } },
        },
      },
    },
  };
  const file = join(WORK, 'prism-openapi.json');
  await writeFile(file, JSON.stringify(spec));
  const port = await freePort();
  const child = await startChild(
    process.execPath,
    [join(PEERS, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js'), 'mock', file, '-p', String(port), '-h', '127.0.0.1', '--errors', 'false'],
    /Prism is listening|listening on/i,
    {},
    120_000,
  );
  child.url = `http://127.0.0.1:${port}`;
  return child;
}

/** Benchmark 2: livestat (real, stateful data, every page of a pull) against the mock servers people use instead. */
export async function peersBench(livestat: Child, keys: string[], seconds: number, warmUpSeconds: number): Promise<BenchResult> {
  const url = await watchStatUrl(livestat);
  const reply = Buffer.from(await (await fetch(url, { method: 'POST', body: onePage(keys)[0]! })).arrayBuffer());
  const pages = await load(url, { connections: 16, seconds, bodies: everyPage(keys) });
  const same = await load(url, { connections: 16, seconds, bodies: onePage(keys) });
  const rows: BenchResult['rows'] = [
    ['livestat, every page in order', fmt(pages.rps, 0), fmt(pages.p50), fmt(pages.p99), '1.00'],
    ['livestat, one page again and again', fmt(same.rps, 0), fmt(same.p50), fmt(same.p99), fmt(pages.rps / same.rps)],
  ];
  const notes = [
    `16 connections, ${seconds} s each; livestat reads every page of the live from its database, the peers answer one static page of the same size (${reply.length} bytes)`,
    `each peer first serves the same load for ${warmUpSeconds} s, unmeasured, so the JVM's JIT (WireMock) has settled`,
    'last column: livestat\'s every-page throughput ÷ this server\'s',
  ];
  const failure = await installPeers();
  if (failure) notes.push(`the peers could not be installed (${failure}); only livestat was measured`);
  else {
    for (const [name, start] of [
      ['WireMock 3 (static stub)', startWireMock],
      ['Prism 5.14.2 (OpenAPI example)', startPrism],
    ] as const) {
      let peer: Child | undefined;
      try {
        peer = await start(reply);
        const peerUrl = `${peer.url}${PATH}?access_token=x`;
        await load(peerUrl, { connections: 16, seconds: warmUpSeconds, bodies: onePage(keys) });
        const r = await load(peerUrl, { connections: 16, seconds, bodies: onePage(keys) });
        if (r.non2xx > r.rps) notes.push(`${name}: mostly non-2xx replies (${r.non2xx})`);
        rows.push([name, fmt(r.rps, 0), fmt(r.p50), fmt(r.p99), `**${fmt(pages.rps / r.rps)}**`]);
      } catch (e) {
        notes.push(`${name} did not run: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        await peer?.stop();
      }
    }
  }
  return { title: '2. Against the peers people use instead', columns: ['server', 'req/s', 'p50 ms', 'p99 ms', 'livestat (every page) ÷ this'], rows, notes };
}
