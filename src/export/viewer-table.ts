import type { Viewer } from '../protocol/viewer.js';
import type { Cell, Column, TableSpec } from './table.js';

/** The viewers sheet of `livestat pull --format xlsx` (and of a report, after the live columns). */
export const VIEWER_COLUMNS: readonly Column[] = [
  { key: 'kind', header: { en: 'kind', zh: '类型' }, kind: 'text', width: 9 },
  { key: 'id', header: { en: 'id', zh: '用户ID' }, kind: 'text', width: 34 },
  { key: 'type', header: { en: 'external type', zh: '外部用户类型' }, kind: 'number', width: 13 },
  { key: 'name', header: { en: 'name', zh: '昵称' }, kind: 'text', width: 20 },
  { key: 'watch_time', header: { en: 'watch time (s)', zh: '观看时长(秒)' }, kind: 'number', width: 15 },
  { key: 'watch_hms', header: { en: 'watch time', zh: '观看时长' }, kind: 'duration', width: 11 },
  { key: 'is_comment', header: { en: 'commented', zh: '是否评论' }, kind: 'number', width: 11 },
  { key: 'is_mic', header: { en: 'mic', zh: '是否连麦' }, kind: 'number', width: 9 },
  { key: 'invitor_userid', header: { en: 'inviter (member)', zh: '邀请人(成员)' }, kind: 'text', width: 20 },
  { key: 'invitor_external_userid', header: { en: 'inviter (external)', zh: '邀请人(外部)' }, kind: 'text', width: 34 },
];

export const VIEWER_TABLE: TableSpec = { name: 'viewers', columns: VIEWER_COLUMNS };

/** The cells of one viewer, in {@link VIEWER_COLUMNS} order; members have no type or name. */
export function viewerCells(v: Viewer): Cell[] {
  const member = v.kind === 'member';
  return [
    v.kind,
    member ? v.userid : v.external_userid,
    member ? null : v.type,
    member ? null : v.name,
    v.watch_time,
    v.watch_time,
    v.is_comment,
    v.is_mic,
    v.invitor_userid ?? null,
    v.invitor_external_userid ?? null,
  ];
}
