// Proves the layer map in .dependency-cruiser.cjs bites: it cruises a small throwaway tree with
// one deliberate break per rule (and the edges the map allows) and fails unless exactly the
// breaks are reported. Run by `npm run lint`, so a rule that stops matching fails the build.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each file of the fixture tree and what it imports. */
const FILES: Record<string, string> = {
  'src/protocol/p.ts': "export const P = 1;\nexport type PT = number;\n",
  'src/domain/d.ts': "import { P } from '../protocol/p.js';\nexport const D = P;\nexport type DT = number;\n",
  'src/store/s.ts': "import { D } from '../domain/d.js';\nexport const S = D;\n",
  'src/scenario/sc.ts': "import { S } from '../store/s.js';\nexport const SC = S;\n",
  'src/export/e.ts': "import { P } from '../protocol/p.js';\nexport const E = P;\n",
  'src/server/srv.ts': "import { S } from '../store/s.js';\nimport { SC } from '../scenario/sc.js';\nimport { E } from '../export/e.js';\nexport const SRV = S + SC + E;\n",
  'src/client/cl.ts': "import { P } from '../protocol/p.js';\nexport const CL = P;\n",
  'src/cli/c.ts': [
    "import { SRV } from '../server/srv.js';",
    "import { SC } from '../scenario/sc.js';",
    "import { CL } from '../client/cl.js';",
    'export const C = SRV + SC + CL;',
    '',
  ].join('\n'),
  'src/ui/ok.ts': "import type { PT } from '../protocol/p.js';\nexport const U: PT = 1;\n",
  // Tests and benchmarks may import anything in src.
  'src/domain/d.test.ts': "import { C } from '../cli/c.js';\nexport const T = C;\n",
  'test/t.ts': "import { C } from '../src/cli/c.js';\nexport const T = C;\n",
  'bench/b.ts': "import { SRV } from '../src/server/srv.js';\nexport const B = SRV;\n",

  // The deliberate breaks, one (or two) per rule.
  'src/protocol/bad.ts': "import { D } from '../domain/d.js';\nexport const X = D;\n",
  'src/domain/bad.ts': "import { S } from '../store/s.js';\nexport const X = S;\n",
  'src/store/bad.ts': "import { SRV } from '../server/srv.js';\nexport const X = SRV;\n",
  'src/scenario/bad.ts': "import { SRV } from '../server/srv.js';\nexport const X = SRV;\n",
  'src/server/bad.ts': "import { C } from '../cli/c.js';\nexport const X = C;\n",
  'src/client/bad.ts': "import { D } from '../domain/d.js';\nexport const X = D;\n",
  'src/client/uses-test.ts': "import { T } from '../../test/t.js';\nexport const X = T;\n",
  'src/client/ring-a.ts': "import { B } from './ring-b.js';\nexport const A = 1;\nexport const AB = B;\n",
  'src/client/ring-b.ts': "import { A } from './ring-a.js';\nexport const B = A;\n",
  'src/export/bad.ts': "import { CL } from '../client/cl.js';\nexport const X = CL;\n",
  'src/export/missing.ts': "import { N } from './nowhere.js';\nexport const X = N;\n",
  'src/ui/bad-runtime.ts': "import { P } from '../protocol/p.js';\nexport const X = P;\n",
  'src/ui/bad-types.ts': "import type { DT } from '../domain/d.js';\nexport const X: DT = 1;\n",
  'src/index.ts': "export { CL } from './client/cl.js';\nexport { SRV } from './server/srv.js';\n",
};

/** Exactly what must be reported: `rule: from -> to`. */
const EXPECTED = [
  'protocol-imports-nothing: src/protocol/bad.ts -> src/domain/d.ts',
  'domain-above-protocol: src/domain/bad.ts -> src/store/s.ts',
  'store-above-domain: src/store/bad.ts -> src/server/srv.ts',
  'scenario-above-store: src/scenario/bad.ts -> src/server/srv.ts',
  'server-above-scenario: src/server/bad.ts -> src/cli/c.ts',
  'client-on-protocol: src/client/bad.ts -> src/domain/d.ts',
  'src-not-on-tests: src/client/uses-test.ts -> test/t.ts',
  // A cycle is reported once, at the edge where the cruise first closes it.
  'no-circular: src/client/ring-a.ts -> src/client/ring-b.ts',
  'export-on-protocol: src/export/bad.ts -> src/client/cl.ts',
  'not-to-unresolvable: src/export/missing.ts -> ./nowhere.js',
  'ui-no-runtime-imports: src/ui/bad-runtime.ts -> src/protocol/p.ts',
  // Type-only, so only the types rule fires, not the run-time one.
  'ui-types-from-protocol: src/ui/bad-types.ts -> src/domain/d.ts',
  'sdk-entry: src/index.ts -> src/server/srv.ts',
].sort();

const TSCONFIG = {
  compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true },
  include: ['src', 'test', 'bench'],
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function cruise(dir: string): Promise<string[]> {
  const bin = join(ROOT, 'node_modules', '.bin', 'depcruise');
  const args = ['src', 'test', 'bench', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'];
  // depcruise exits non-zero when it finds violations; that is the point here, so read stdout either way.
  const stdout = await promisify(execFile)(bin, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 })
    .then((r) => r.stdout)
    .catch((err: unknown) => {
      const out = (err as { stdout?: unknown }).stdout;
      if (typeof out === 'string' && out.startsWith('{')) return out;
      throw err;
    });
  const result = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

const dir = await mkdtemp(join(tmpdir(), 'livestat-layers-'));
try {
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const found = await cruise(dir);
  const missed = EXPECTED.filter((v) => !found.includes(v));
  const extra = found.filter((v) => !EXPECTED.includes(v));
  if (missed.length || extra.length) {
    process.stderr.write('The layer rules do not catch exactly the deliberate breaks.\n');
    for (const v of missed) process.stderr.write(`  not reported: ${v}\n`);
    for (const v of extra) process.stderr.write(`  reported but allowed: ${v}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`layer rules: all ${EXPECTED.length} deliberate breaks reported, allowed edges pass\n`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
