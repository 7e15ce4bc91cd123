// Writes N synthetic viewers into an xlsx through the pull's sheet writer and prints the peak
// RSS (MiB) seen while doing so, as JSON on stdout. Run in its own process so the measure
// is not the test runner's.
import { join } from 'node:path';
import { VIEWER_TABLE, viewerCells } from '../../src/export/viewer-table.js';
import { openXlsxTables } from '../../src/export/xlsx-tables.js';

const [count = '0', dir = '.'] = process.argv.slice(2);
const n = Number(count);
const path = join(dir, `memory-${n}.xlsx`);
let peak = 0;
let peakHeap = 0;
let peakBuffers = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
};
const timer = setInterval(sample, 20);
const start = process.memoryUsage.rss();
const w = openXlsxTables(path, 'en');
const sheet = await w.table(VIEWER_TABLE);
for (let i = 0; i < n; i++) {
  const external = i % 3 === 0;
  await sheet.add(
    viewerCells(
      external
        ? { kind: 'external', external_userid: `wm${String(i).padStart(30, '0')}`, type: 1, name: `观众${i}`, watch_time: i % 7200, is_comment: 0, is_mic: 0, invitor_userid: 'lisi' }
        : { kind: 'member', userid: `user${i}`, watch_time: i % 5400, is_comment: 1, is_mic: 0 },
    ),
  );
  if (i % 10_000 === 0) sample();
}
await w.close();
sample();
clearInterval(timer);
process.stdout.write(`${JSON.stringify({ rows: n, startMiB: start / 2 ** 20, peakMiB: peak / 2 ** 20, peakHeapMiB: peakHeap / 2 ** 20, peakBuffersMiB: peakBuffers / 2 ** 20, path })}\n`);
