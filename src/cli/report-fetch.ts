import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pageViewers, type WeComClient } from '../client/index.js';
import { LIVING_STATUS, type LivingInfo } from '../protocol/living-info.js';
import { writeReportCheckpoint, type ReportCheckpoint } from './report-checkpoint.js';
import type { ReportConfig } from './report-options.js';
import type { Pacer } from './report-pacer.js';
import { openFileSink } from './pull-sink.js';

/** A live the report covers; reserved and cancelled ones have no viewers file. */
export interface FetchedLive {
  livingid: string;
  info: LivingInfo;
  index: number;
}

/** What the fetch reports as it goes, for the progress line. */
export interface FetchProgress {
  update(state: { lives: number; livesDone: number; pages: number; viewers: number }): void;
}

/** Where the fetch keeps its state. */
export interface FetchPlace {
  checkpointPath: string;
  partsDir: string;
}

/** The NDJSON file holding the viewers of the `index`th live. */
export function partPath(partsDir: string, index: number): string {
  return join(partsDir, `${index}.ndjson`);
}

/**
 * Fills the checkpoint: lists the lives of the selection (get_user_all_livingid per anchor),
 * fetches each live's details (get_living_info), keeps those in the period, and saves their
 * viewers page by page (get_watch_stat) into NDJSON files. Every call goes through the pacer;
 * the checkpoint is written after every step, so an interrupted fetch resumes where it stopped.
 */
export async function fetchReport(
  client: WeComClient,
  pacer: Pacer,
  config: ReportConfig,
  anchors: readonly string[],
  cp: ReportCheckpoint,
  place: FetchPlace,
  progress: FetchProgress,
): Promise<FetchedLive[]> {
  const save = (): Promise<void> => writeReportCheckpoint(place.checkpointPath, cp);
  if (!cp.listed) {
    const ids = config.selection.kind === 'lives' ? config.selection.livingids : await listLives(client, pacer, anchors);
    cp.lives = [...new Set(ids)].map((livingid) => ({ livingid, info: null, nextKey: null, bytes: 0, done: false }));
    cp.listed = true;
    await save();
  }
  await mkdir(place.partsDir, { recursive: true });
  let pages = 0;
  let viewers = 0;
  for (const [index, live] of cp.lives.entries()) {
    progress.update({ lives: cp.lives.length, livesDone: index, pages, viewers });
    if (live.done) continue;
    if (live.info === null) {
      live.info = await pacer.call('get_living_info', () => client.living.getLivingInfo(live.livingid));
      await save();
    }
    // Reserved and cancelled lives have had no audience; lives outside the period are left out.
    if (!inPeriod(live.info.living_start, config) || live.info.status === LIVING_STATUS.RESERVED || live.info.status === LIVING_STATUS.CANCELLED) {
      live.done = true;
      await save();
      continue;
    }
    const sink = await openFileSink(partPath(place.partsDir, index), live.nextKey === null ? undefined : live.bytes);
    try {
      for (;;) {
        const nextKey = live.nextKey ?? undefined;
        const page = await pacer.call('get_watch_stat', () => client.living.getWatchStat(nextKey === undefined ? { livingid: live.livingid } : { livingid: live.livingid, nextKey }));
        const rows = pageViewers(page);
        const chunk = rows.map((v) => `${JSON.stringify(v)}\n`).join('');
        await sink.write(chunk);
        live.bytes += Buffer.byteLength(chunk);
        if (page.ending !== 1 && page.next_key === live.nextKey) throw new Error(`get_watch_stat repeated next_key for ${live.livingid}`);
        live.nextKey = page.next_key;
        live.done = page.ending === 1;
        await save();
        progress.update({ lives: cp.lives.length, livesDone: index, pages: ++pages, viewers: (viewers += rows.length) });
        if (live.done) break;
      }
    } finally {
      await sink.close();
    }
  }
  progress.update({ lives: cp.lives.length, livesDone: cp.lives.length, pages, viewers });
  const reported: FetchedLive[] = [];
  for (const [index, live] of cp.lives.entries()) {
    if (live.info !== null && inPeriod(live.info.living_start, config)) reported.push({ livingid: live.livingid, info: live.info, index });
  }
  return reported.sort((a, b) => a.info.living_start - b.info.living_start || a.index - b.index);
}

function inPeriod(start: number, config: ReportConfig): boolean {
  return (config.since === undefined || start >= config.since) && (config.until === undefined || start < config.until);
}

async function listLives(client: WeComClient, pacer: Pacer, anchors: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const userid of anchors) {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const from = cursor;
      const page = await pacer.call('get_user_all_livingid', () => client.living.getUserAllLivingid(from === undefined ? { userid } : { userid, cursor: from }));
      ids.push(...page.livingids);
      if (page.nextCursor === '' || seen.has(page.nextCursor)) break;
      seen.add(page.nextCursor);
      cursor = page.nextCursor;
    }
  }
  return ids;
}
