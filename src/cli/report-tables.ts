import type { Cell, Column, Lang, TableSpec } from '../export/table.js';
import { VIEWER_COLUMNS } from '../export/viewer-table.js';
import type { LivingInfo } from '../protocol/living-info.js';

const col = (key: string, en: string, zh: string, kind: Column['kind'], width: number): Column => ({ key, header: { en, zh }, kind, width });

const LIVE_ID = col('livingid', 'livingid', '直播ID', 'text', 34);
const THEME = col('theme', 'theme', '直播主题', 'text', 24);

/** The report's tables, in the order they are written. */
export const SUMMARY_TABLE: TableSpec = {
  name: 'summary',
  columns: [
    LIVE_ID,
    THEME,
    col('anchor_userid', 'anchor', '主播', 'text', 16),
    col('start', 'start (UTC+8)', '开始时间(北京时间)', 'text', 18),
    col('duration', 'duration', '直播时长', 'duration', 10),
    col('status', 'status', '状态', 'text', 10),
    col('viewers', 'viewers', '观看人数', 'number', 9),
    col('members', 'members', '企业成员', 'number', 9),
    col('external', 'external', '外部用户', 'number', 9),
    col('total_watch', 'total watch time', '总观看时长', 'duration', 16),
    col('median_watch', 'median watch time', '观看时长中位数', 'duration', 17),
    col('commenters', 'commenters', '评论人数', 'number', 11),
    col('mic', 'mic', '连麦人数', 'number', 8),
    col('top_inviters', 'top inviters', '邀请最多', 'text', 40),
  ],
};

export const ALL_VIEWERS_TABLE: TableSpec = { name: 'viewers', columns: [LIVE_ID, THEME, ...VIEWER_COLUMNS] };

export const INVITERS_TABLE: TableSpec = {
  name: 'inviters',
  columns: [
    col('inviter_kind', 'kind', '类型', 'text', 9),
    col('inviter_id', 'inviter id', '邀请人ID', 'text', 34),
    col('inviter_name', 'name', '名称', 'text', 20),
    col('viewers', 'viewers brought', '邀请观看人数', 'number', 15),
    col('lives', 'lives', '直播场次', 'number', 8),
  ],
};

const STATUS_LABEL: Record<Lang, readonly string[]> = {
  en: ['reserved', 'live', 'ended', 'expired', 'cancelled'],
  zh: ['预约中', '直播中', '已结束', '已过期', '已取消'],
};

export function statusLabel(status: number, lang: Lang): string {
  return STATUS_LABEL[lang][status] ?? String(status);
}

/** Unix seconds → `2025-11-27 16:00` in China Standard Time, where WeCom's corps are. */
export function chinaTime(unixSeconds: number): string {
  return new Date((unixSeconds + 8 * 3600) * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The live columns that lead the per-live tables. */
export function liveCells(livingid: string, info: LivingInfo): Cell[] {
  return [livingid, info.theme];
}
