import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, installInto, packCopy, sh } from './support/tarball-project.js';
import { tempDir } from './support/temp-dir.js';

// A consumer's view of the types: every entry, both module systems.
const CONSUMER_TS = `import { WeComClient, WeComApiError, type Viewer } from 'livestat';
import { startLivestat, ManualClock, type Livestat, type AppCredentials } from 'livestat/testing';
import { createServer, type LivestatServer } from 'livestat/server';

export async function check(): Promise<number> {
  const livestat: Livestat = await startLivestat({ clock: new ManualClock(Date.UTC(2025, 0, 1)) });
  const creds: readonly AppCredentials[] = livestat.credentials;
  const client: WeComClient = livestat.client(creds[0]!.corpid, creds[0]!.agentid);
  const server: LivestatServer = await createServer({ db: ':memory:', scenarios: [] });
  let seconds = 0;
  try {
    for await (const { viewer } of client.living.watchStatViewers('lv')) seconds += (viewer satisfies Viewer).watch_time;
  } catch (e) {
    if (!(e instanceof WeComApiError)) throw e;
    seconds = e.errcode;
  }
  await server.close();
  await livestat.close();
  return seconds;
}
`;
// The same from a CommonJS file: resolved through the "require" condition and the .d.cts files.
const CONSUMER_CTS = `import { WeComClient } from 'livestat';
import { startLivestat } from 'livestat/testing';
export const made: Promise<WeComClient> = startLivestat().then((l) => l.client('c', 1));
`;
const tsconfig = (module: string, moduleResolution: string, files: string[]) =>
  JSON.stringify({ compilerOptions: { module, moduleResolution, target: 'ES2022', strict: true, noEmit: true, types: ['node'], skipLibCheck: true }, files });

// What a bare SDK import loads, from the CommonJS loader's cache (ES modules that import CommonJS
// packages, as fastify, pino, pg and better-sqlite3 are, put them there too).
const SERVER_DEPS = ['fastify', 'better-sqlite3', 'pg', 'pino'];
const loadedDeps = `const deps = ${JSON.stringify(SERVER_DEPS)};
const loaded = Object.keys(CACHE).filter((f) => deps.some((d) => f.includes('/node_modules/' + d + '/')));
console.log(JSON.stringify({ client: typeof WeComClient, loaded }));`;

describe('the package from its tarball', () => {
  let tmp: { dir: string; remove: () => Promise<void> };
  let files: string[];
  let project: string;
  const started = Date.now();

  beforeAll(async () => {
    tmp = await tempDir('livestat-tarball-');
    const packed = await packCopy(tmp.dir);
    files = packed.files;
    process.stderr.write(`tarball: packed ${files.length} files in ${Math.round((Date.now() - started) / 1000)} s\n`);
    project = await installInto(tmp.dir, packed.tarball);
    process.stderr.write(`tarball: installed into a scratch project after ${Math.round((Date.now() - started) / 1000)} s\n`);
  }, 900_000);
  afterAll(async () => {
    await tmp.remove();
    process.stderr.write(`tarball: whole test ${Math.round((Date.now() - started) / 1000)} s\n`);
  });

  it('ships the build, the CLI, the schema, the demo and the papers, and no tests or benchmarks', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/livestat.js', 'scenario.schema.json', 'scenarios/demo.json', 'dist/cli.js', 'dist/ui/index.html', 'dist/ui/app.js'])
      expect(files, f).toContain(f);
    for (const entry of ['index', 'server', 'testing']) for (const ext of ['js', 'cjs', 'd.ts', 'd.cts']) expect(files).toContain(`dist/${entry}.${ext}`);
    const strays = files.filter((f) => /^(src|test|bench|scripts|docs|examples|\.ci)\//.test(f) || /\.test\.|tsconfig|vitest/.test(f));
    expect(strays).toEqual([]);
  });

  it('npx livestat serve in an empty folder starts on the packaged demo and answers health', async () => {
    // The project has no scenarios/ of its own: the demo must come from the package.
    const empty = project;
    // Its own process group, so the npx wrapper and the server it starts stop together.
    const child = spawn('npx', ['--no-install', 'livestat', 'serve', '--port', '0', '--log-level', 'warn'], { cwd: empty, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        out += d.toString();
        const m = /livestat listening on (http:\/\/\S+)/.exec(out);
        if (m && out.includes('demo corp:')) resolve(m[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    try {
      expect(await (await fetch(`${url}/livestat/health`)).json()).toEqual({ status: 'ok' });
      expect(out).toContain(`the demo world (${join(project, 'node_modules', 'livestat', 'scenarios', 'demo.json')})`);
      expect(out).toContain(`database: ${join(empty, 'livestat.db')} (SQLite)`);
      const token = (await (await fetch(`${url}/cgi-bin/gettoken?corpid=wwd3m0c0rp00000001&corpsecret=demo-secret-for-local-use-only-000000001`)).json()) as { errcode: number };
      expect(token.errcode).toBe(0);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await once(child, 'exit');
    }
  }, 120_000);

  it('the SDK imports with import and with require, without loading the server', async () => {
    const esm = await sh('node', ['--input-type=module', '-e', `import { createRequire } from 'node:module'; import { WeComClient } from 'livestat'; const CACHE = createRequire(import.meta.url).cache; ${loadedDeps}`], project);
    const cjs = await sh('node', ['--input-type=commonjs', '-e', `const { WeComClient } = require('livestat'); const CACHE = require.cache; ${loadedDeps}`], project);
    for (const out of [esm, cjs]) expect(JSON.parse(out)).toEqual({ client: 'function', loaded: [] });
    // The check can fail: livestat/testing does load them.
    const testing = await sh('node', ['--input-type=commonjs', '-e', `const { startLivestat: WeComClient } = require('livestat/testing'); const CACHE = require.cache; ${loadedDeps}`], project);
    expect((JSON.parse(testing) as { loaded: string[] }).loaded.length).toBeGreaterThan(0);
  });

  it('type-checks a consumer under node16 (ESM and CommonJS files) and under bundler resolution', async () => {
    await writeFile(join(project, 'consumer.ts'), CONSUMER_TS);
    await writeFile(join(project, 'consumer.cts'), CONSUMER_CTS);
    await copyFile(join(ROOT, 'examples', 'testing-vitest.test.ts'), join(project, 'testing-vitest.test.ts'));
    await writeFile(join(project, 'tsconfig.node16.json'), tsconfig('node16', 'node16', ['consumer.ts', 'consumer.cts', 'testing-vitest.test.ts']));
    await writeFile(join(project, 'tsconfig.bundler.json'), tsconfig('preserve', 'bundler', ['consumer.ts', 'testing-vitest.test.ts']));
    for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) await sh(join(project, 'node_modules', '.bin', 'tsc'), ['-p', config], project);
  }, 180_000);

  it('runs the README vitest example (ESM, TypeScript) against livestat/testing', async () => {
    await copyFile(join(ROOT, 'examples', 'testing-vitest.test.ts'), join(project, 'testing-vitest.test.ts'));
    const out = await sh(join(project, 'node_modules', '.bin', 'vitest'), ['run', 'testing-vitest.test.ts'], project);
    expect(out).toMatch(/Tests\s+3 passed/);
  }, 180_000);

  it('runs the README jest example (CommonJS) against livestat/testing', async () => {
    await copyFile(join(ROOT, 'examples', 'testing-jest.test.cjs'), join(project, 'testing-jest.test.cjs'));
    const out = await sh(join(project, 'node_modules', '.bin', 'jest'), ['testing-jest.test.cjs'], project);
    expect(out).toMatch(/Tests:\s+2 passed, 2 total/);
  }, 180_000);
});

describe('README: "Using livestat in your tests"', () => {
  it('shows the two example files exactly as the tarball test runs them', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    for (const file of ['examples/testing-vitest.test.ts', 'examples/testing-jest.test.cjs']) {
      const block = new RegExp(`\`\`\`\\w+ ${file.replace(/\./g, '\\.')}\\n([\\s\\S]*?)\`\`\``).exec(readme);
      expect(block?.[1], file).toBe(await readFile(join(ROOT, file), 'utf8'));
    }
  });
});
