import { readFile, stat, writeFile } from 'node:fs/promises';
import { neutralizeFormula } from '../src/export/spreadsheet-safety.js';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTokenStore, WeComClient, type Viewer } from '../src/client/index.js';
import { mulberry } from './support/random.js';
import type { Scenario, ScenarioLiving } from '../src/scenario/scenario-schema.js';
import { runCli } from './support/cli.js';
import { expectedViewers } from './support/expected-viewers.js';
import { tempDir } from './support/temp-dir.js';
import { type TestServer, startTestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';
import { spawn } from 'node:child_process';
import { cliArgs } from './support/cli.js';
import { once } from 'node:events';

const CORP = 'wwc1i3n7c0rp000001';
const SECRET = 'client-test-secret-0123456789abcdef';
const LIVE = 'lvClientTestLive0000000000000000';

function living(): ScenarioLiving {
  return {
    livingid: LIVE,
    creator_agentid: 1000002,
    anchor_userid: 'zhangsan',
    theme: '导出测试',
    type: 4,
    living_start: 1764230400,
    living_duration: 3600,
    viewers: [
      { external_userid: 'wmAAAAedgeCaseComma0000000000000', type: 1, name: 'Li, Lei', watch_time: 1, is_comment: 0, is_mic: 0 },
      { external_userid: 'wmAAAAedgeCaseQuote0000000000000', type: 2, name: 'He said "hi"', watch_time: 2, is_comment: 1, is_mic: 0, invitor_userid: 'lisi' },
      { external_userid: 'wmAAAAedgeCaseNewline00000000000', type: 1, name: 'line one\nline two\r\nthree', watch_time: 3, is_comment: 0, is_mic: 1 },
      { external_userid: 'wmAAAAedgeCaseEmoji0000000000000', type: 1, name: '王小明 🎉👨‍👩‍👧', watch_time: 4, is_comment: 1, is_mic: 1 },
      { external_userid: 'wmAAAAedgeCaseFormula00000000000', type: 1, name: '=1+2, ;"\'', watch_time: 5, is_comment: 0, is_mic: 0 },
      { userid: 'lisi', watch_time: 3600, is_comment: 1, is_mic: 1, invitor_external_userid: 'wmAAAAedgeCaseEmoji0000000000000' },
    ],
    synthetic_viewers: { members: 700, external: 2300, seed: 42 },
  };
}

function scenario(): Scenario {
  return { corps: [{ corpid: CORP, apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }], livings: [living()] }] };
}

/** A pino logger whose lines the test can read: how gettoken calls are counted at the server. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), gettokenCalls: () => lines.filter((l) => String(l.url).startsWith('/cgi-bin/gettoken')).length };
}

const expected = expectedViewers(living());

function client(server: TestServer, extra: Partial<ConstructorParameters<typeof WeComClient>[0]> = {}) {
  return new WeComClient({ corpid: CORP, corpsecret: SECRET, baseUrl: server.url, tokenStore: new MemoryTokenStore(), sleep: () => Promise.resolve(), ...extra } as ConstructorParameters<
    typeof WeComClient
  >[0]);
}

async function collect(c: WeComClient): Promise<Viewer[]> {
  const out: Viewer[] = [];
  for await (const entry of c.living.watchStatViewers(LIVE)) out.push(entry.viewer);
  return out;
}

for (const backend of STORES) describe(backend.name, () => {
  describe('the SDK against a real livestat', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, scenario());
    });
    afterAll(() => server.close());

    it('pulls every viewer exactly as the scenario declares them', async () => {
      expect(expected.length).toBe(3006);
      expect(await collect(client(server))).toEqual(expected);
    });

    it('refreshes the token once when it expires mid-pull, and goes on', async () => {
      let gettoken = 0;
      let pages = 0;
      const counting: typeof fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.includes('/cgi-bin/gettoken')) gettoken++;
        if (url.includes('get_watch_stat') && ++pages === 3) server.clock.advance(7201 * 1000);
        return fetch(input, init);
      };
      expect(await collect(client(server, { fetch: counting }))).toEqual(expected);
      expect(gettoken).toBe(2);
    });
  });

  describe('the SDK and the CLI with faults injected', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, scenario(), {
        faults: [
          { api: 'get_watch_stat', kind: 'errcode', errcode: -1, rate: 0.1 },
          { api: 'get_watch_stat', kind: 'errcode', errcode: 45009, rate: 0.05 },
        ],
        random: mulberry(7),
      });
    });
    afterAll(() => server.close());

    it('completes with identical output', async () => {
      let failures = 0;
      const counting: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        if (res.headers.get('error-code')) failures++;
        return res;
      };
      expect(await collect(client(server, { fetch: counting, maxRetries: 4 }))).toEqual(expected);
      expect(failures).toBeGreaterThan(0);
    });

    it('the CLI too', async () => {
      const { dir, remove } = await tempDir();
      try {
        const out = join(dir, 'v.ndjson');
        const r = await runCli(['pull', '--livingid', LIVE, '--base-url', server.url, '--format', 'ndjson', '--out', out, '--token-dir', dir], { LIVESTAT_CORPID: CORP, LIVESTAT_SECRET: SECRET });
        expect(r.stderr).toContain('members');
        expect(r.code).toBe(0);
        const rows = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Viewer);
        expect(rows).toEqual(expected);
      } finally {
        await remove();
      }
    });
  });

  describe('livestat pull against a real livestat', () => {
    let server: TestServer;
    let counter: ReturnType<typeof capturedLogger>;
    let dir: string;
    let remove: () => Promise<void>;
    beforeAll(async () => {
      counter = capturedLogger();
      server = await startTestServer(backend, scenario(), { logger: counter.logger, pageSize: 50, faults: [{ api: 'get_watch_stat', kind: 'latency', ms: 5 }] });
      ({ dir, remove } = await tempDir());
    });
    afterAll(async () => {
      await server.close();
      await remove();
    });

    const pullArgs = (format: string, out: string, tokenDir = join(dir, 'tokens')) => [
      'pull', '--livingid', LIVE, '--corpid', CORP, '--secret', SECRET, '--base-url', server.url, '--format', format, '--out', out, '--token-dir', tokenDir,
    ];

    it('writes CSV that a real CSV parser reads back viewer by viewer', async () => {
      const out = join(dir, 'v.csv');
      const r = await runCli([...pullArgs('csv', out), '--bom']);
      expect(r.code).toBe(0);
      const bytes = await readFile(out);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = parse<Record<string, string>>(bytes.subarray(3), { columns: true });
      expect(Object.keys(records[0]!)).toEqual(['kind', 'id', 'type', 'name', 'watch_time', 'is_comment', 'is_mic', 'invitor_userid', 'invitor_external_userid']);
      const fromCsv = records.map((r) => [r.kind, r.id, r.type, r.name, Number(r.watch_time), Number(r.is_comment), Number(r.is_mic), r.invitor_userid, r.invitor_external_userid]);
      // Text cells that could start a formula arrive with a leading apostrophe (docs/DECISIONS.md).
      const want = expected.map((v) => [
        v.kind,
        neutralizeFormula(v.kind === 'member' ? v.userid : v.external_userid),
        v.kind === 'member' ? '' : String(v.type),
        v.kind === 'member' ? '' : neutralizeFormula(v.name),
        v.watch_time,
        v.is_comment,
        v.is_mic,
        neutralizeFormula(v.invitor_userid ?? ''),
        neutralizeFormula(v.invitor_external_userid ?? ''),
      ]);
      expect(fromCsv.map((r) => r[3])).toContain(`'=1+2, ;"'`);
      expect(fromCsv).toEqual(want);
    });

    it('writes JSON', async () => {
      const out = join(dir, 'v.json');
      expect((await runCli(pullArgs('json', out))).code).toBe(0);
      expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(expected);
    });

    it('two processes pulling at once call gettoken once between them', async () => {
      const tokenDir = join(dir, 'shared-tokens');
      const before = counter.gettokenCalls();
      const [a, b] = await Promise.all([runCli(pullArgs('ndjson', join(dir, 'a.ndjson'), tokenDir)), runCli(pullArgs('ndjson', join(dir, 'b.ndjson'), tokenDir))]);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect(counter.gettokenCalls() - before).toBe(1);
      expect(await readFile(join(dir, 'a.ndjson'), 'utf8')).toBe(await readFile(join(dir, 'b.ndjson'), 'utf8'));
    });

    it('--resume after a killed pull produces an identical file', async () => {
      const clean = join(dir, 'clean.csv');
      expect((await runCli(pullArgs('csv', clean))).code).toBe(0);

      const out = join(dir, 'resumed.csv');
      const checkpoint = `${out}.checkpoint.json`;
      const child = spawn(process.execPath, cliArgs([...pullArgs('csv', out), '--resume']), { stdio: 'ignore' });
      // Wait until at least a few pages are checkpointed, then kill the process without warning.
      await new Promise<void>((resolve, reject) => {
        const poll = async () => {
          const rows = await readFile(checkpoint, 'utf8').then((t) => (JSON.parse(t) as { rows: number }).rows, () => 0);
          if (rows >= 500) { resolve(); return; }
          if (child.exitCode !== null) { reject(new Error('the pull finished before it could be killed')); return; }
          setImmediate(() => void poll());
        };
        void poll();
      });
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect((await stat(out)).size).toBeLessThan((await stat(clean)).size);
      // A partial trailing write past the checkpoint must not survive the resume.
      await writeFile(out, 'garbage that was half-written,', { flag: 'a' });

      const r = await runCli([...pullArgs('csv', out), '--resume']);
      expect(r.code).toBe(0);
      expect(await readFile(out, 'utf8')).toBe(await readFile(clean, 'utf8'));
      await expect(stat(checkpoint)).rejects.toThrow();
    });
  });
});
