import { syntheticViewers } from '../domain/audience/synthetic-viewers.js';
import type { ViewerStat } from '../domain/model.js';
import type { SyntheticSpec } from '../store/store.js';

/** The scenario loader's generator of synthetic viewers, in the store's terms. */
export function* syntheticRows(spec: SyntheticSpec): Iterable<ViewerStat> {
  for (const row of syntheticViewers(spec)) {
    const stat: ViewerStat = { kind: row.kind === 'member' ? 0 : 1, id: row.id, watchTime: row.watch_time, isComment: row.is_comment, isMic: row.is_mic };
    if (row.type !== undefined) stat.type = row.type;
    if (row.name !== undefined) stat.name = row.name;
    if (row.invitor_userid !== undefined) stat.invitorUserid = row.invitor_userid;
    if (row.invitor_external_userid !== undefined) stat.invitorExternalUserid = row.invitor_external_userid;
    yield stat;
  }
}
