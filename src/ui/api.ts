/** The admin API as the page calls it: the key in a header, never in a URL. */

// Types only: the page talks HTTP, and TypeBox stays out of its bundle.
import type {
  ADMIN_PREFIX,
  AdminCorpsReply,
  AdminError,
  AdminLivingDetailReply,
  AdminLivingsReply,
  AdminPeriodReply,
  AdminTimelineReply,
  AudienceKind,
  AudiencePage,
  AudienceSort,
} from '../protocol/admin/index.js';

const KEY_SLOT = 'livestat.adminKey';
// Typed by the protocol's constant, so the two cannot drift apart.
const BASE: typeof ADMIN_PREFIX = '/livestat/admin';

export class Unauthorized extends Error {}

export const savedKey = (): string | null => sessionStorage.getItem(KEY_SLOT);
export const saveKey = (key: string): void => sessionStorage.setItem(KEY_SLOT, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY_SLOT);

/** One admin API call with the saved key; `init` adds a method, a body and headers. */
export async function request(path: string, key = savedKey() ?? '', init: RequestInit = {}): Promise<Response> {
  const res = await fetch(BASE + path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${key}` }, cache: 'no-store' });
  if (res.status === 401) throw new Unauthorized();
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as Partial<AdminError>;
    throw new Error(body.message ?? `HTTP ${res.status}`);
  }
  return res;
}

const json = async <T>(path: string, key?: string): Promise<T> => (await (await request(path, key)).json()) as T;
const seg = encodeURIComponent;

/** The audience table's controls, as the query string carries them. */
export interface AudienceFilter {
  sort: AudienceSort;
  order: 'asc' | 'desc';
  kind: '' | AudienceKind;
  commented: boolean;
  mic: boolean;
  q: string;
}

export const api = {
  /** Resolves when the key opens the admin API; Unauthorized otherwise. */
  corps: (key?: string) => json<AdminCorpsReply>('/corps', key),
  livings: (corpid: string) => json<AdminLivingsReply>(`/corps/${seg(corpid)}/livings`),
  living: (corpid: string, livingid: string) => json<AdminLivingDetailReply>(`/corps/${seg(corpid)}/livings/${seg(livingid)}`),
  /** The lives of a period; empty fields are left out (no bound, the whole corp). */
  period(corpid: string, q: { since: string; until: string; userid: string }) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
    return json<AdminPeriodReply>(`/corps/${seg(corpid)}/period?${p}`);
  },
  timeline: (corpid: string, livingid: string) => json<AdminTimelineReply>(`/corps/${seg(corpid)}/livings/${seg(livingid)}/timeline`),
  audience(corpid: string, livingid: string, f: AudienceFilter, after: string | null, limit: number) {
    const p = new URLSearchParams({ sort: f.sort, order: f.order, limit: String(limit) });
    if (f.kind) p.set('kind', f.kind);
    if (f.commented) p.set('commented', '1');
    if (f.mic) p.set('mic', '1');
    if (f.q.trim()) p.set('q', f.q.trim());
    if (after) p.set('after', after);
    return json<AudiencePage>(`/corps/${seg(corpid)}/livings/${seg(livingid)}/audience?${p}`);
  },
  /** The CSV as a blob: a plain link could not carry the key. */
  csv: async (corpid: string, livingid: string) => (await request(`/corps/${seg(corpid)}/livings/${seg(livingid)}/audience.csv`)).blob(),
  /** The workbook `livestat pull --format xlsx --lang <lang>` writes, as a blob. */
  xlsx: async (corpid: string, livingid: string, lang: 'en' | 'zh') => (await request(`/corps/${seg(corpid)}/livings/${seg(livingid)}/audience.xlsx?lang=${lang}`)).blob(),
};
