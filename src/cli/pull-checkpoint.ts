import { rm } from 'node:fs/promises';
import { readJsonIfExists, writeJsonAtomic } from './json-file.js';
import type { PullFormat } from './pull-options.js';
import type { PullSummaryState } from './pull-summary.js';

/**
 * How far a `--resume` pull got: written after each page is in the output file, so its
 * `bytes` never count a half-written page.
 */
export interface PullCheckpoint {
  version: 1;
  livingid: string;
  format: PullFormat;
  bom: boolean;
  /** The key to continue from; null before the first page. */
  nextKey: string | null;
  /** True once the last page is written (only the closing of the output is left). */
  ending: boolean;
  rows: number;
  /** Length of the output in bytes at this point. */
  bytes: number;
  summary: PullSummaryState;
}

/** `<out>.checkpoint.json`, beside the output. */
export function checkpointPath(out: string): string {
  return `${out}.checkpoint.json`;
}

/** The checkpoint, or undefined when there is none. */
export async function readCheckpoint(path: string): Promise<PullCheckpoint | undefined> {
  const cp = (await readJsonIfExists(path)) as Partial<PullCheckpoint> | undefined;
  if (cp === undefined) return undefined;
  if (cp.version !== 1 || typeof cp.bytes !== 'number' || typeof cp.rows !== 'number' || !cp.summary) {
    throw new Error(`${path} is not a livestat checkpoint; delete it to start over`);
  }
  return cp as PullCheckpoint;
}

/** Writes the checkpoint atomically (temp file + rename), so a crash leaves the old or the new one. */
export async function writeCheckpoint(path: string, checkpoint: PullCheckpoint): Promise<void> {
  await writeJsonAtomic(path, checkpoint);
}

export async function deleteCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
}
