import type { AdminAttendanceReply, AdminPeriodAttendanceReply } from '../protocol/admin/index.js';
import { request } from './api.js';

const seg = encodeURIComponent;

/** The roster goes as the body, the file's own bytes: the server reads it as the CLI reads --roster. */
const upload = (corpid: string, livingid: string, file: 'attendance' | 'attendance.xlsx' | 'attendance.csv', roster: File, minWatch: number, lang: 'en' | 'zh') =>
  request(`/corps/${seg(corpid)}/livings/${seg(livingid)}/${file}?min_watch=${minWatch}&lang=${lang}`, undefined, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: roster,
  });

export const attendanceApi = {
  check: async (corpid: string, livingid: string, roster: File, minWatch: number) => (await (await upload(corpid, livingid, 'attendance', roster, minWatch, 'en')).json()) as AdminAttendanceReply,
  xlsx: async (corpid: string, livingid: string, roster: File, minWatch: number, lang: 'en' | 'zh') => (await upload(corpid, livingid, 'attendance.xlsx', roster, minWatch, lang)).blob(),
  csv: async (corpid: string, livingid: string, roster: File, minWatch: number, lang: 'en' | 'zh') => (await upload(corpid, livingid, 'attendance.csv', roster, minWatch, lang)).blob(),
};

/** The period view's query (empty fields left out) and the roster, against every live of the period. */
export interface PeriodQuery {
  since: string;
  until: string;
  userid: string;
}

const periodUpload = (corpid: string, file: 'attendance' | 'attendance.xlsx' | 'attendance.csv', q: PeriodQuery, roster: File, minWatch: number, lang: 'en' | 'zh') => {
  const p = new URLSearchParams({ min_watch: String(minWatch), lang });
  for (const k of ['since', 'until', 'userid'] as const) if (q[k]) p.set(k, q[k]);
  return request(`/corps/${seg(corpid)}/period/${file}?${p}`, undefined, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: roster });
};

export const periodAttendanceApi = {
  check: async (corpid: string, q: PeriodQuery, roster: File, minWatch: number) => (await (await periodUpload(corpid, 'attendance', q, roster, minWatch, 'en')).json()) as AdminPeriodAttendanceReply,
  xlsx: async (corpid: string, q: PeriodQuery, roster: File, minWatch: number, lang: 'en' | 'zh') => (await periodUpload(corpid, 'attendance.xlsx', q, roster, minWatch, lang)).blob(),
  csv: async (corpid: string, q: PeriodQuery, roster: File, minWatch: number, lang: 'en' | 'zh') => (await periodUpload(corpid, 'attendance.csv', q, roster, minWatch, lang)).blob(),
};
