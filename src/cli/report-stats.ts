import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Viewer } from '../client/index.js';
import { partPath, type FetchedLive } from './report-fetch.js';
import type { RosterMember } from './report-roster.js';
import { PullSummary } from './pull-summary.js';

/** What the report knows of one live after reading its viewers once. */
export interface LiveStats {
  live: FetchedLive;
  summary: PullSummary;
  /** Inviter id → viewers they brought to this live. */
  invited: Map<string, number>;
  /** Roster userid → watch time in this live, for roster members who watched. */
  rosterWatch: Map<string, number>;
}

/** An inviter across all lives: who, whether a member, and how many viewers they brought. */
export interface InviterTotal {
  id: string;
  kind: 'member' | 'external';
  viewers: number;
  lives: number;
}

/** Each viewer of a live, streamed from its NDJSON file (none for a live without one). */
export async function* liveViewers(partsDir: string, live: FetchedLive): AsyncGenerator<Viewer> {
  const path = partPath(partsDir, live.index);
  try {
    await access(path);
  } catch {
    return;
  }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as Viewer;
}

/** The key an inviter is counted under: members and external users never share one. */
function inviterKey(v: Viewer): { id: string; kind: 'member' | 'external' } | undefined {
  if (v.invitor_userid) return { id: v.invitor_userid, kind: 'member' };
  if (v.invitor_external_userid) return { id: v.invitor_external_userid, kind: 'external' };
  return undefined;
}

/**
 * One pass over every live's viewers: per-live totals and inviters, roster watch times, and
 * inviters across lives. Memory grows with inviters and roster members, not with viewers.
 */
export async function collectStats(
  partsDir: string,
  lives: readonly FetchedLive[],
  roster: readonly RosterMember[],
): Promise<{ lives: LiveStats[]; inviters: Map<string, InviterTotal> }> {
  const onRoster = new Set(roster.map((m) => m.userid));
  const inviters = new Map<string, InviterTotal>();
  const stats: LiveStats[] = [];
  for (const live of lives) {
    const s: LiveStats = { live, summary: new PullSummary(), invited: new Map(), rosterWatch: new Map() };
    for await (const v of liveViewers(partsDir, live)) {
      s.summary.add([v]);
      if (v.kind === 'member' && onRoster.has(v.userid)) s.rosterWatch.set(v.userid, (s.rosterWatch.get(v.userid) ?? 0) + v.watch_time);
      const inviter = inviterKey(v);
      if (!inviter) continue;
      const key = `${inviter.kind}:${inviter.id}`;
      s.invited.set(key, (s.invited.get(key) ?? 0) + 1);
      const total = inviters.get(key) ?? { ...inviter, viewers: 0, lives: 0 };
      if (s.invited.get(key) === 1) total.lives++;
      total.viewers++;
      inviters.set(key, total);
    }
    stats.push(s);
  }
  return { lives: stats, inviters };
}

/**
 * Names for inviters: an external inviter's WeChat name where they also watched one of the
 * lives, a member's roster name; otherwise none (the id stands in).
 */
export async function inviterNames(
  partsDir: string,
  lives: readonly FetchedLive[],
  inviters: ReadonlyMap<string, InviterTotal>,
  roster: readonly RosterMember[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const m of roster) if (m.name && inviters.has(`member:${m.userid}`)) names.set(`member:${m.userid}`, m.name);
  for (const live of lives) {
    for await (const v of liveViewers(partsDir, live)) {
      const key = `external:${v.kind === 'external' ? v.external_userid : ''}`;
      if (v.kind === 'external' && v.name && inviters.has(key) && !names.has(key)) names.set(key, v.name);
    }
  }
  return names;
}
