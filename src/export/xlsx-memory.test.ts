import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';

const CHILD = fileURLToPath(new URL('../../test/support/xlsx-memory-child.ts', import.meta.url));
const HEAP_CAP_MIB = 48;

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

// Held in memory, 100,000 rows of ten cells take exceljs several hundred MiB of heap; streamed,
// they fit a heap capped at 48 MiB. (By hand, 1,000,000 rows: heap ~35 MiB, peak RSS ~375 MiB.)
it('writes 100,000 viewers into an xlsx within a 48 MiB heap', { timeout: 180_000 }, async () => {
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_CAP_MIB}`, '--import', 'tsx', CHILD, '100000', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'close')) as [number];
  expect(code, out).toBe(0);
  const result = JSON.parse(out) as { rows: number; peakHeapMiB: number; peakMiB: number };
  expect(result.rows).toBe(100_000);
  expect(result.peakHeapMiB).toBeLessThan(HEAP_CAP_MIB);
  expect(result.peakMiB).toBeLessThan(300);
});
