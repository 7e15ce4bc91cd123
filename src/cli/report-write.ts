import type { Lang, TablesWriter } from '../export/table.js';
import { viewerCells } from '../export/viewer-table.js';
import type { FetchedLive } from './report-fetch.js';
import type { RosterMember } from './report-roster.js';
import { collectStats, inviterNames, liveViewers, type InviterTotal } from './report-stats.js';
import { ALL_VIEWERS_TABLE, INVITERS_TABLE, SUMMARY_TABLE, chinaTime, liveCells, statusLabel } from './report-tables.js';
import { writeAttendanceTables } from '../export/attendance.js';

const TOP_INVITERS = 3;

/** What the report was asked to write. */
export interface ComposeInput {
  partsDir: string;
  lives: readonly FetchedLive[];
  roster: readonly RosterMember[] | undefined;
  minWatchSeconds: number;
  lang: Lang;
}

/**
 * Writes the report's tables from the saved viewers: summary, viewers (streamed, one live
 * after the other), inviters, and with a roster attendance and department totals.
 * Returns the number of viewers written.
 */
export async function composeReport(out: TablesWriter, input: ComposeInput): Promise<number> {
  const { partsDir, lives, lang } = input;
  const roster = input.roster ?? [];
  const { lives: stats, inviters } = await collectStats(partsDir, lives, roster);
  const names = await inviterNames(partsDir, lives, inviters, roster);
  const label = (key: string): string => names.get(key) ?? key.slice(key.indexOf(':') + 1);

  const summary = await out.table(SUMMARY_TABLE);
  for (const s of stats) {
    const { info } = s.live;
    const top = [...s.invited].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_INVITERS);
    await summary.add([
      ...liveCells(s.live.livingid, info),
      info.anchor_userid,
      chinaTime(info.living_start),
      info.living_duration,
      statusLabel(info.status, lang),
      s.summary.viewers,
      s.summary.members,
      s.summary.externals,
      s.summary.totalWatchSeconds,
      s.summary.medianWatchSeconds(),
      s.summary.commenters,
      s.summary.micTakers,
      top.map(([key, n]) => `${label(key)} (${n})`).join('; '),
    ]);
  }

  const viewers = await out.table(ALL_VIEWERS_TABLE);
  let written = 0;
  for (const live of lives) {
    const lead = liveCells(live.livingid, live.info);
    for await (const v of liveViewers(partsDir, live)) {
      await viewers.add([...lead, ...viewerCells(v)]);
      written++;
    }
  }

  const inviterSheet = await out.table(INVITERS_TABLE);
  for (const [key, t] of sortedInviters(inviters)) {
    await inviterSheet.add([t.kind, t.id, names.get(key) ?? null, t.viewers, t.lives]);
  }

  if (input.roster) {
    const lives = stats.map((s) => ({ livingid: s.live.livingid, theme: s.live.info.theme, watch: s.rosterWatch }));
    await writeAttendanceTables(out, lives, input.roster, input.minWatchSeconds, lang);
  }
  await out.close();
  return written;
}

function sortedInviters(inviters: ReadonlyMap<string, InviterTotal>): [string, InviterTotal][] {
  return [...inviters].sort((a, b) => b[1].viewers - a[1].viewers || (a[0] < b[0] ? -1 : 1));
}
