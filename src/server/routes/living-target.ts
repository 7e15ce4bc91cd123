import type { LivingRecord } from '../../domain/living-record.js';
import { livingStatus } from '../../domain/living-status.js';
import type { App, Living } from '../../domain/model.js';
import { mayManageLiving } from '../../domain/permissions.js';
import type { LivingStatus } from '../../protocol/living-info.js';
import type { ServerContext } from '../context.js';
import { WeComReplyError } from '../wecom-error.js';

/** A live an app acts on, with its status now. */
export interface LivingTarget {
  record: LivingRecord;
  status: LivingStatus;
}

/**
 * The live named by a request, if the app may act on it (`may`: by default its creator or the
 * system app); otherwise 92008, also for lives that
 * do not exist or are another corp's, so existence never leaks.
 */
export async function livingTarget(
  ctx: ServerContext,
  caller: App,
  livingid: string,
  may: (app: App, living: Living) => boolean = mayManageLiving,
): Promise<LivingTarget> {
  const record = await ctx.store.getLivingRecord(caller.corpid, livingid);
  if (!record || !may(caller, record)) throw new WeComReplyError(92008);
  const hasViewers = (await ctx.store.countViewers(caller.corpid, livingid)) > 0;
  return { record, status: livingStatus(record, hasViewers, ctx.clock.now(caller.corpid)) };
}
