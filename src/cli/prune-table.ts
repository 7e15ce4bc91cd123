import type { PruneResult } from '../store/store.js';

/** How many removed lives are named one by one before the rest is summed up. */
const NAMED_LIVES = 20;

const ROWS: readonly [keyof PruneResult['counts'], string][] = [
  ['lives', 'lives'],
  ['viewers', 'viewer rows'],
  ['events', 'events'],
  ['tokens', 'access tokens'],
  ['suiteTokens', 'suite tokens'],
];

/**
 * What `livestat prune` prints: a headline, one line per kind of row, a total line, then the
 * removed lives by livingid (the first NAMED_LIVES of them).
 */
export function formatPrune(result: PruneResult, cutoffMs: number, where: string): string {
  const verb = result.dryRun ? 'would remove (dry run, nothing removed)' : 'removed';
  const lines = [`${verb} from ${where}: lives that ended before ${new Date(cutoffMs).toISOString()}, and tokens expired by then`];
  const width = Math.max(...ROWS.map(([, label]) => label.length), 'total'.length);
  let total = 0;
  for (const [key, label] of ROWS) {
    total += result.counts[key];
    lines.push(`  ${label.padEnd(width)}  ${String(result.counts[key]).padStart(9)}`);
  }
  lines.push(`  ${'total'.padEnd(width)}  ${String(total).padStart(9)}`);
  const ids = result.livingids;
  for (const id of ids.slice(0, NAMED_LIVES)) lines.push(`  - ${id}`);
  if (ids.length > NAMED_LIVES) lines.push(`  ... and ${ids.length - NAMED_LIVES} more lives`);
  return `${lines.join('\n')}\n`;
}
