// Writes N synthetic viewers into an xlsx through the pull's sheet writer and prints, as JSON
// on stdout, the peak RSS, JS heap and buffer memory (MiB) seen while writing the first third
// of the rows and while writing the rest. Run in its own process so the measure is not the
// test runner's. Flat memory means the rest peaks no higher than the first third.
import { join } from 'node:path';
import { VIEWER_TABLE, viewerCells } from '../../src/export/viewer-table.js';
import { openXlsxTables } from '../../src/export/xlsx-tables.js';

interface Peaks {
  rssMiB: number;
  heapMiB: number;
  buffersMiB: number;
}

const [count = '0', dir = '.'] = process.argv.slice(2);
const n = Number(count);
const path = join(dir, `memory-${n}.xlsx`);
const first: Peaks = { rssMiB: 0, heapMiB: 0, buffersMiB: 0 };
const rest: Peaks = { rssMiB: 0, heapMiB: 0, buffersMiB: 0 };
let phase = first;
const sample = (): void => {
  const m = process.memoryUsage();
  phase.rssMiB = Math.max(phase.rssMiB, m.rss / 2 ** 20);
  phase.heapMiB = Math.max(phase.heapMiB, m.heapUsed / 2 ** 20);
  // Buffers outside the JS heap: where unread zip input would pile up.
  phase.buffersMiB = Math.max(phase.buffersMiB, m.arrayBuffers / 2 ** 20);
};
const timer = setInterval(sample, 20);
const w = openXlsxTables(path, 'en');
const sheet = await w.table(VIEWER_TABLE);
for (let i = 0; i < n; i++) {
  if (i === Math.floor(n / 3)) {
    sample();
    phase = rest;
  }
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
process.stdout.write(`${JSON.stringify({ rows: n, first, rest, path })}\n`);
