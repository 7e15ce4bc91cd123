/** The entities livestat keeps, as the domain sees them (the store maps rows to these). */

export type AppKind = 'self_built' | 'agency' | 'third_party' | 'system';

export interface Corp {
  corpid: string;
  name: string;
  /** The corp called the API with its system app's secret before 2023-12-01 and may go on. */
  grandfatheredSystemApp: boolean;
}

export interface App {
  corpid: string;
  agentid: number;
  kind: AppKind;
  /** Self-built: configured among the apps allowed to call the live-stream API; agency and third-party: holds the 直播 permission. */
  livingApi: boolean;
  /** Empty: any IP. Otherwise exact addresses or IPv4 CIDR blocks. */
  trustedIps: string[];
}

export interface Living {
  corpid: string;
  livingid: string;
  /** The app that created the live; undefined when a person created it in the WeCom client. */
  creatorAgentid?: number;
  anchorUserid: string;
  theme: string;
  type: number;
  livingStart: number;
  livingDuration: number;
  description: string;
}

/** A live's fields as WeCom's create call (and a scenario file) spell them. */
export interface LivingFields {
  anchor_userid: string;
  theme: string;
  type?: number;
  living_start: number;
  living_duration: number;
  description?: string;
}

/** A live from its wire fields, with WeCom's defaults (type 0, general; no description). */
export function livingFromFields(corpid: string, livingid: string, f: LivingFields, creatorAgentid?: number): Living {
  const living: Living = {
    corpid,
    livingid,
    anchorUserid: f.anchor_userid,
    theme: f.theme,
    type: f.type ?? 0,
    livingStart: f.living_start,
    livingDuration: f.living_duration,
    description: f.description ?? '',
  };
  if (creatorAgentid !== undefined) living.creatorAgentid = creatorAgentid;
  return living;
}

/** One viewer's statistics row, in wire terms. */
export interface ViewerStat {
  kind: 0 | 1;
  id: string;
  /** External viewers only: 1 WeChat, 2 WeCom. */
  type?: 1 | 2;
  name?: string;
  watchTime: number;
  isComment: 0 | 1;
  isMic: 0 | 1;
  invitorUserid?: string;
  invitorExternalUserid?: string;
  /**
   * Set while a viewer computed from events still has runs without a `leave`: the watch time
   * then depends on the clock, and `watchTime` holds its value as of the last ingest.
   */
  openWatch?: OpenWatch;
}

/** The clock-dependent part of a viewer's watch time (see domain/activity). */
export interface OpenWatch {
  closedMs: number;
  open: { start: number; cap: number }[];
}

/** A live's span in unix ms, as the activity rules clip to it. */
export function livingSpan(living: Pick<Living, 'livingStart' | 'livingDuration'>): { startMs: number; endMs: number } {
  return { startMs: living.livingStart * 1000, endMs: (living.livingStart + living.livingDuration) * 1000 };
}
