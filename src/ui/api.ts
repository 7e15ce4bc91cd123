/** The admin API as the page calls it: the key in a header, never in a URL. */

const KEY_SLOT = 'livestat.adminKey';
const BASE = '/livestat/admin';

export class Unauthorized extends Error {}

export const savedKey = (): string | null => sessionStorage.getItem(KEY_SLOT);
export const saveKey = (key: string): void => sessionStorage.setItem(KEY_SLOT, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY_SLOT);

async function request(path: string, key = savedKey() ?? ''): Promise<Response> {
  const res = await fetch(BASE + path, { headers: { authorization: `Bearer ${key}` }, cache: 'no-store' });
  if (res.status === 401) throw new Unauthorized();
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `HTTP ${res.status}`);
  }
  return res;
}

const json = async <T>(path: string, key?: string): Promise<T> => (await (await request(path, key)).json()) as T;
const seg = encodeURIComponent;

export interface Corp {
  corpid: string;
  name: string;
}

/** get_living_info's status: 0 reserved, 1 live, 2 ended, 3 expired, 4 cancelled. */
export type Status = 0 | 1 | 2 | 3 | 4;

/** A live with get_living_info's status and numbers, under its names. */
export interface LivingRow {
  livingid: string;
  theme: string;
  anchor_userid: string;
  living_start: number;
  living_duration: number;
  status: Status;
  viewer_num: number;
  comment_num: number;
  mic_num: number;
  /** Viewers watching now; 0 unless the live is on. */
  online_count: number;
}

export interface LivingDetail {
  now: number;
  living: LivingRow & { description: string };
  summary: {
    viewers: number;
    members: number;
    external: number;
    wechat: number;
    wecom: number;
    commenters: number;
    mic_takers: number;
    total_watch_time: number;
    median_watch_time: number;
  };
  histogram: { from: number; to: number; viewers: number }[];
  inviters: { kind: 'member' | 'external'; id: string; viewers: number; watch_time: number }[];
}

interface ViewerFields {
  watch_time: number;
  is_comment: 0 | 1;
  is_mic: 0 | 1;
  invitor_userid?: string;
  invitor_external_userid?: string;
}
export type Viewer = ({ kind: 'member'; userid: string } & ViewerFields) | ({ kind: 'external'; external_userid: string; type: 1 | 2; name: string } & ViewerFields);

export interface AudienceFilter {
  sort: 'id' | 'watch_time' | 'name';
  order: 'asc' | 'desc';
  kind: '' | 'member' | 'wechat' | 'wecom';
  commented: boolean;
  mic: boolean;
  q: string;
}

export const api = {
  /** Resolves when the key opens the admin API; Unauthorized otherwise. */
  corps: (key?: string) => json<{ corps: Corp[] }>('/corps', key),
  livings: (corpid: string) => json<{ now: number; livings: LivingRow[] }>(`/corps/${seg(corpid)}/livings`),
  living: (corpid: string, livingid: string) => json<LivingDetail>(`/corps/${seg(corpid)}/livings/${seg(livingid)}`),
  audience(corpid: string, livingid: string, f: AudienceFilter, after: string | null, limit: number) {
    const p = new URLSearchParams({ sort: f.sort, order: f.order, limit: String(limit) });
    if (f.kind) p.set('kind', f.kind);
    if (f.commented) p.set('commented', '1');
    if (f.mic) p.set('mic', '1');
    if (f.q.trim()) p.set('q', f.q.trim());
    if (after) p.set('after', after);
    return json<{ viewers: Viewer[]; next: string | null }>(`/corps/${seg(corpid)}/livings/${seg(livingid)}/audience?${p}`);
  },
  /** The CSV as a blob: a plain link could not carry the key. */
  csv: async (corpid: string, livingid: string) => (await request(`/corps/${seg(corpid)}/livings/${seg(livingid)}/audience.csv`)).blob(),
};
