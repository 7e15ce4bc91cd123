import { lang } from './i18n.js';

/** The attendance card's words, kept beside the card (English and Chinese, as i18n.ts). */
const en = {
  attendance: 'Attendance against a roster',
  periodAttendance: 'Attendance over these lives',
  rosterHelp: 'A CSV (UTF-8) or xlsx file with a userid column and, optionally, name and department — the roster livestat report --roster reads. It is checked against this live and not kept.',
  roster: 'Roster file',
  minWatch: 'Attended from',
  minutes: 'min watched',
  check: 'Check attendance',
  chooseFile: 'Choose a roster file first.',
  tooLarge: (mib: string) => `The roster is larger than ${mib} MiB.`,
  onRoster: 'On the roster',
  attended: 'Attended',
  partial: 'Partial',
  absent: 'Absent',
  department: 'Department',
  noDepartment: '(no department)',
  userid: 'userid',
  name: 'Name',
  watchTime: 'Watch time',
  verdict: 'Attendance',
  all: 'Everyone',
  showing: (shown: string, total: string) => `Showing ${shown} of ${total}; the downloads hold everyone.`,
  downloadXlsx: 'Download Excel',
  downloadCsv: 'Download CSV',
};

type Words = typeof en;

const zh: Words = {
  attendance: '按名单统计出勤',
  periodAttendance: '这些直播的出勤',
  rosterHelp: 'CSV（UTF-8）或 xlsx 文件，含 userid 列，可选姓名和部门列——与 livestat report --roster 读取的名单相同。只用于核对本场直播，不会保存。',
  roster: '名单文件',
  minWatch: '观看满',
  minutes: '分钟算出席',
  check: '统计出勤',
  chooseFile: '请先选择名单文件。',
  tooLarge: (mib: string) => `名单文件超过 ${mib} MiB。`,
  onRoster: '应到',
  attended: '出席',
  partial: '部分观看',
  absent: '缺席',
  department: '部门',
  noDepartment: '（无部门）',
  userid: '账号',
  name: '姓名',
  watchTime: '观看时长',
  verdict: '出勤',
  all: '全部',
  showing: (shown: string, total: string) => `显示 ${shown} / ${total} 人；下载文件包含全部。`,
  downloadXlsx: '下载 Excel',
  downloadCsv: '下载 CSV',
};

export const words: Words = lang === 'zh' ? zh : en;
