import type { AdminAttendanceReply } from '../protocol/admin/index.js';
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
