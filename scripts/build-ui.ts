import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src', 'ui');
export const UI_OUT_DIR = join(ROOT, 'dist', 'ui');
/** The bundle must stay small: Chart.js is imported piecemeal so the rest shakes out. */
const MAX_BUNDLE_BYTES = 250 * 1024;

/** Bundles the dashboard (src/ui) into `outDir` with esbuild: app.js (minified, tree-shaken), index.html, styles.css. */
export async function buildUi(outDir = UI_OUT_DIR): Promise<{ bytes: number }> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(SRC, 'app.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    treeShaking: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: join(SRC, 'tsconfig.json'),
  });
  await copyFile(join(SRC, 'index.html'), join(outDir, 'index.html'));
  await copyFile(join(SRC, 'styles.css'), join(outDir, 'styles.css'));
  const { size } = await stat(join(outDir, 'app.js'));
  if (size > MAX_BUNDLE_BYTES) throw new Error(`dist/ui/app.js is ${size} bytes, over the ${MAX_BUNDLE_BYTES} budget`);
  return { bytes: size };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { bytes } = await buildUi();
  process.stdout.write(`dist/ui built: app.js ${(bytes / 1024).toFixed(1)} KiB\n`);
}
