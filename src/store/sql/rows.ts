import { wireRowJson } from '../../domain/wire-row.js';
import type { App, AppKind, Corp, Living, OpenWatch, ViewerStat } from '../../domain/model.js';
import type { TokenRecord } from '../store.js';
import type { WireRow } from '../../domain/wire-row.js';

/**
 * Row shapes that both SQL backends return (integers as numbers, JSON as text), and their
 * mapping to domain values: one mapping, so SQLite and PostgreSQL cannot drift apart.
 */

export interface CorpRow {
  corpid: string;
  name: string;
  grandfathered_system_app: number;
}

export interface AppRow {
  corpid: string;
  agentid: number;
  kind: AppKind;
  living_api: number;
  trusted_ips: string;
}

export interface LivingRow {
  pk: number;
  livingid: string;
  corpid: string;
  creator_agentid: number | null;
  anchor_userid: string;
  theme: string;
  type: number;
  living_start: number;
  living_duration: number;
  description: string;
}

export interface ViewerRow {
  kind: number;
  viewer_id: string;
  ext_type: number | null;
  name: string | null;
  watch_time: number;
  is_comment: number;
  is_mic: number;
  invitor_userid: string | null;
  invitor_external_userid: string | null;
  open_watch: string | null;
  wire_json?: string;
}

export interface TokenRow {
  hash: Buffer;
  corpid: string;
  agentid: number;
  expires_at: number | null;
  nonce: Buffer | null;
}

export function toToken(r: TokenRow): TokenRecord {
  const t: TokenRecord = { hash: r.hash, corpid: r.corpid, agentid: r.agentid };
  if (r.expires_at !== null) t.expiresAt = r.expires_at;
  if (r.nonce !== null) t.nonce = r.nonce;
  return t;
}

export function toCorp(r: CorpRow): Corp {
  return { corpid: r.corpid, name: r.name, grandfatheredSystemApp: r.grandfathered_system_app === 1 };
}

export function toApp(r: AppRow): App {
  return { corpid: r.corpid, agentid: r.agentid, kind: r.kind, livingApi: r.living_api === 1, trustedIps: JSON.parse(r.trusted_ips) as string[] };
}

export function toLiving(r: LivingRow): Living {
  const living: Living = {
    corpid: r.corpid,
    livingid: r.livingid,
    anchorUserid: r.anchor_userid,
    theme: r.theme,
    type: r.type,
    livingStart: r.living_start,
    livingDuration: r.living_duration,
    description: r.description,
  };
  if (r.creator_agentid !== null) living.creatorAgentid = r.creator_agentid;
  return living;
}

export function toViewer(r: ViewerRow): ViewerStat {
  const v: ViewerStat = {
    kind: r.kind === 1 ? 1 : 0,
    id: r.viewer_id,
    watchTime: r.watch_time,
    isComment: r.is_comment === 1 ? 1 : 0,
    isMic: r.is_mic === 1 ? 1 : 0,
  };
  if (r.ext_type === 1 || r.ext_type === 2) v.type = r.ext_type;
  if (r.name !== null) v.name = r.name;
  if (r.invitor_userid !== null) v.invitorUserid = r.invitor_userid;
  if (r.invitor_external_userid !== null) v.invitorExternalUserid = r.invitor_external_userid;
  if (r.open_watch !== null) v.openWatch = JSON.parse(r.open_watch) as OpenWatch;
  return v;
}

/** Positional parameters for an INSERT into viewer_stats (after living_pk, before source). */
export function viewerParams(v: ViewerStat): (string | number | null)[] {
  return [
    v.kind,
    v.id,
    v.type ?? null,
    v.name ?? null,
    v.watchTime,
    v.isComment,
    v.isMic,
    v.invitorUserid ?? null,
    v.invitorExternalUserid ?? null,
    v.openWatch ? JSON.stringify(v.openWatch) : null,
    wireRowJson(v),
  ];
}

/** The stable order of get_watch_stat: members first, then by id in byte (UTF-16 code unit for ASCII ids) order. */
export function compareViewers(a: ViewerStat, b: ViewerStat): number {
  if (a.kind !== b.kind) return a.kind - b.kind;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The viewer as it reads back from a row, so a declared list compares equal to what is stored. */
export function normalizeViewer(v: ViewerStat): ViewerStat {
  const out: ViewerStat = { kind: v.kind, id: v.id, watchTime: v.watchTime, isComment: v.isComment, isMic: v.isMic };
  if (v.type !== undefined) out.type = v.type;
  if (v.name !== undefined) out.name = v.name;
  if (v.invitorUserid !== undefined) out.invitorUserid = v.invitorUserid;
  if (v.invitorExternalUserid !== undefined) out.invitorExternalUserid = v.invitorExternalUserid;
  return out;
}

/** Parameters of a livings row in the order of LIVING_COLUMNS after pk (both stores' INSERTs of a live). */
export function livingParams(l: Living): (string | number | null)[] {
  return [l.livingid, l.corpid, l.creatorAgentid ?? null, l.anchorUserid, l.theme, l.type, l.livingStart, l.livingDuration, l.description];
}

/** A WireRow from its stored columns (WIRE_COLUMNS). */
export interface WireRowColumns {
  kind: number;
  viewer_id: string;
  wire_json: string;
  open_watch: string | null;
}

export function toWireRow(r: WireRowColumns): WireRow {
  const row: WireRow = { kind: r.kind === 1 ? 1 : 0, id: r.viewer_id, json: r.wire_json };
  if (r.open_watch !== null) row.openWatch = JSON.parse(r.open_watch) as OpenWatch;
  return row;
}
