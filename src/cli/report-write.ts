import type { Lang, TablesWriter } from '../export/table.js';
import { viewerCells } from '../export/viewer-table.js';
import type { FetchedLive } from './report-fetch.js';
import type { RosterMember } from './report-roster.js';
import { collectStats, inviterNames, liveViewers, type InviterTotal, type LiveStats } from './report-stats.js';
import {
  ALL_VIEWERS_TABLE,
  ATTENDANCE_TABLE,
  DEPARTMENTS_TABLE,
  INVITERS_TABLE,
  SUMMARY_TABLE,
  attendance,
  attendanceLabel,
  chinaTime,
  liveCells,
  statusLabel,
} from './report-tables.js';

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

  if (input.roster) await writeAttendance(out, stats, input.roster, input.minWatchSeconds, lang);
  await out.close();
  return written;
}

function sortedInviters(inviters: ReadonlyMap<string, InviterTotal>): [string, InviterTotal][] {
  return [...inviters].sort((a, b) => b[1].viewers - a[1].viewers || (a[0] < b[0] ? -1 : 1));
}

async function writeAttendance(out: TablesWriter, stats: readonly LiveStats[], roster: readonly RosterMember[], minWatch: number, lang: Lang): Promise<void> {
  const sheet = await out.table(ATTENDANCE_TABLE);
  const departments: [LiveStats, Map<string, { roster: number; attended: number; partial: number; absent: number }>][] = [];
  for (const s of stats) {
    const perDept = new Map<string, { roster: number; attended: number; partial: number; absent: number }>();
    for (const m of roster) {
      const watched = s.rosterWatch.get(m.userid);
      const a = attendance(watched, minWatch);
      await sheet.add([...liveCells(s.live.livingid, s.live.info), m.userid, m.name || null, m.department || null, watched ?? 0, watched ?? 0, attendanceLabel(a, lang)]);
      const d = perDept.get(m.department) ?? { roster: 0, attended: 0, partial: 0, absent: 0 };
      d.roster++;
      d[a]++;
      perDept.set(m.department, d);
    }
    departments.push([s, perDept]);
  }
  const totals = await out.table(DEPARTMENTS_TABLE);
  for (const [s, perDept] of departments) {
    for (const [dept, d] of [...perDept].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      await totals.add([...liveCells(s.live.livingid, s.live.info), dept || null, d.roster, d.attended, d.partial, d.absent]);
    }
  }
}
