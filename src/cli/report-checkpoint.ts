import { rm } from 'node:fs/promises';
import { readJsonIfExists, writeJsonAtomic } from './json-file.js';
import type { LivingInfo } from '../protocol/living-info.js';

/** One live of a report: its details once fetched, and how far its viewers are saved. */
interface ReportLive {
  livingid: string;
  info: LivingInfo | null;
  /** The key to continue get_watch_stat from; null before the first page. */
  nextKey: string | null;
  /** Bytes of its viewers file this checkpoint vouches for. */
  bytes: number;
  done: boolean;
}

/**
 * How far a report got: written after each call's result is on disk, so a resumed report
 * repeats at most the page that was in flight.
 */
export interface ReportCheckpoint {
  version: 1;
  /** The selection and period this checkpoint belongs to (a resume with other ones is refused). */
  key: string;
  /** True once every live of the selection is known. */
  listed: boolean;
  lives: ReportLive[];
}

/** `<out>.report-checkpoint.json` */
export function reportCheckpointPath(out: string): string {
  return `${out.replace(/[\\/]+$/, '')}.report-checkpoint.json`;
}

/** `<out>.report-parts/`: one NDJSON file of viewers per live. */
export function reportPartsDir(out: string): string {
  return `${out.replace(/[\\/]+$/, '')}.report-parts`;
}

export async function readReportCheckpoint(path: string): Promise<ReportCheckpoint | undefined> {
  const cp = (await readJsonIfExists(path)) as Partial<ReportCheckpoint> | undefined;
  if (cp === undefined) return undefined;
  if (cp.version !== 1 || typeof cp.key !== 'string' || !Array.isArray(cp.lives)) throw new Error(`${path} is not a livestat report checkpoint; delete it to start over`);
  return cp as ReportCheckpoint;
}

/** Atomic: a crash leaves the old checkpoint or the new one. */
export async function writeReportCheckpoint(path: string, cp: ReportCheckpoint): Promise<void> {
  await writeJsonAtomic(path, cp);
}

export async function removeReportState(out: string): Promise<void> {
  await rm(reportCheckpointPath(out), { force: true });
  await rm(reportPartsDir(out), { recursive: true, force: true });
}
