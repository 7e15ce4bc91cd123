import { syntheticRows } from '../../src/scenario/synthetic-rows.js';
import type { Viewer } from '../../src/client/index.js';
import type { ViewerStat } from '../../src/domain/model.js';
import type { ScenarioLiving } from '../../src/scenario/scenario-schema.js';

function toWire(v: ViewerStat): Viewer {
  const inviter = {
    ...(v.invitorUserid === undefined ? {} : { invitor_userid: v.invitorUserid }),
    ...(v.invitorExternalUserid === undefined ? {} : { invitor_external_userid: v.invitorExternalUserid }),
  };
  if (v.kind === 0) return { kind: 'member', userid: v.id, watch_time: v.watchTime, is_comment: v.isComment, is_mic: v.isMic, ...inviter };
  return { kind: 'external', external_userid: v.id, type: v.type!, name: v.name!, watch_time: v.watchTime, is_comment: v.isComment, is_mic: v.isMic, ...inviter };
}

/** Every viewer a scenario live declares or generates, as the SDK yields them, in wire order. */
export function expectedViewers(living: ScenarioLiving): Viewer[] {
  const stats: ViewerStat[] = (living.viewers ?? []).map((v) => {
    const inviter = {
      ...(v.invitor_userid === undefined ? {} : { invitorUserid: v.invitor_userid }),
      ...(v.invitor_external_userid === undefined ? {} : { invitorExternalUserid: v.invitor_external_userid }),
    };
    return 'external_userid' in v
      ? { kind: 1, id: v.external_userid, type: v.type, name: v.name, watchTime: v.watch_time, isComment: v.is_comment, isMic: v.is_mic, ...inviter }
      : { kind: 0, id: v.userid, watchTime: v.watch_time, isComment: v.is_comment, isMic: v.is_mic, ...inviter };
  });
  const s = living.synthetic_viewers;
  if (s) stats.push(...syntheticRows({ members: s.members, external: s.external, seed: s.seed ?? 1, durationSeconds: living.living_duration }));
  stats.sort((a, b) => a.kind - b.kind || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return stats.map(toWire);
}
