import type { RosterMember } from './roster.js';
import type { Column, Lang, TableSpec, TablesWriter } from './table.js';

/** How a roster member did in one live. */
type Attendance = 'attended' | 'partial' | 'absent';

/** The watch time that counts as attended unless asked otherwise: 30 minutes. */
export const DEFAULT_MIN_WATCH_SECONDS = 30 * 60;

/**
 * The attendance rule, for `livestat report --roster` and the dashboard alike: attended at
 * `minWatch` seconds or more, partial below it, absent when not among the viewers.
 */
function attendance(watched: number | undefined, minWatch: number): Attendance {
  if (watched === undefined) return 'absent';
  return watched >= minWatch ? 'attended' : 'partial';
}

const ATTENDANCE_LABEL: Record<Lang, Record<Attendance, string>> = {
  en: { attended: 'attended', partial: 'partial', absent: 'absent' },
  zh: { attended: '出席', partial: '部分观看', absent: '缺席' },
};

function attendanceLabel(a: Attendance, lang: Lang): string {
  return ATTENDANCE_LABEL[lang][a];
}

/** One member's line: who, how long they watched (0 when absent), and the verdict. */
export interface AttendanceRow {
  member: RosterMember;
  watched: number;
  attendance: Attendance;
}

/** Counts of one department ('' for members without one). */
export interface DepartmentTotals {
  department: string;
  roster: number;
  attended: number;
  partial: number;
  absent: number;
}

/**
 * The roster against one live's watch times (roster userid → seconds, members who watched):
 * a row per member in roster order, and totals per department sorted by name.
 */
export function tallyAttendance(roster: readonly RosterMember[], watch: ReadonlyMap<string, number>, minWatch: number): { rows: AttendanceRow[]; departments: DepartmentTotals[] } {
  const perDept = new Map<string, DepartmentTotals>();
  const rows = roster.map((member) => {
    const watched = watch.get(member.userid);
    const a = attendance(watched, minWatch);
    const d = perDept.get(member.department) ?? { department: member.department, roster: 0, attended: 0, partial: 0, absent: 0 };
    d.roster++;
    d[a]++;
    perDept.set(member.department, d);
    return { member, watched: watched ?? 0, attendance: a };
  });
  const departments = [...perDept.values()].sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  return { rows, departments };
}

const col = (key: string, en: string, zh: string, kind: Column['kind'], width: number): Column => ({ key, header: { en, zh }, kind, width });
const LIVE_ID = col('livingid', 'livingid', '直播ID', 'text', 34);
const THEME = col('theme', 'theme', '直播主题', 'text', 24);

const ATTENDANCE_TABLE: TableSpec = {
  name: 'attendance',
  columns: [
    LIVE_ID,
    THEME,
    col('userid', 'userid', '账号', 'text', 16),
    col('name', 'name', '姓名', 'text', 14),
    col('department', 'department', '部门', 'text', 16),
    col('watch_time', 'watch time (s)', '观看时长(秒)', 'number', 15),
    col('watch_hms', 'watch time', '观看时长', 'duration', 11),
    col('attendance', 'attendance', '出勤', 'text', 11),
  ],
};

const DEPARTMENTS_TABLE: TableSpec = {
  name: 'departments',
  columns: [
    LIVE_ID,
    THEME,
    col('department', 'department', '部门', 'text', 16),
    col('roster', 'on roster', '应到', 'number', 10),
    col('attended', 'attended', '出席', 'number', 10),
    col('partial', 'partial', '部分观看', 'number', 10),
    col('absent', 'absent', '缺席', 'number', 10),
  ],
};

/** A live as the attendance tables name it, with its roster members' watch times. */
export interface AttendanceLive {
  livingid: string;
  theme: string;
  watch: ReadonlyMap<string, number>;
}

/**
 * Writes the attendance table (a row per live and member) and, unless `departments` is false,
 * the department totals: the report's two sheets and the dashboard's download.
 */
export async function writeAttendanceTables(
  out: TablesWriter,
  lives: readonly AttendanceLive[],
  roster: readonly RosterMember[],
  minWatch: number,
  lang: Lang,
  departments = true,
): Promise<void> {
  const sheet = await out.table(ATTENDANCE_TABLE);
  const tallies = [];
  for (const live of lives) {
    const tally = tallyAttendance(roster, live.watch, minWatch);
    for (const r of tally.rows) {
      await sheet.add([live.livingid, live.theme, r.member.userid, r.member.name || null, r.member.department || null, r.watched, r.watched, attendanceLabel(r.attendance, lang)]);
    }
    tallies.push({ live, departments: tally.departments });
  }
  if (!departments) return;
  const totals = await out.table(DEPARTMENTS_TABLE);
  for (const { live, departments: list } of tallies) {
    for (const d of list) await totals.add([live.livingid, live.theme, d.department || null, d.roster, d.attended, d.partial, d.absent]);
  }
}
