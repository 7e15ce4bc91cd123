import type { ViewerFoldInput } from '../../domain/activity/fold-viewer.js';
import type { ViewerEvent } from '../../domain/activity/viewer-state.js';
import type { Living } from '../../domain/model.js';
import type { IngestEvent } from '../../protocol/events.js';
import { viewerOf } from '../sql/events.js';
import { type LivingRow, toLiving } from '../sql/rows.js';
import type { ViewerFold } from '../store.js';

/**
 * A fold slot: one viewer of one live, the unit an ingested batch refolds (one viewer_stats
 * row). Not the domain's ViewerKey (a viewer's grouping key) nor ViewerPosition (a page's keyset position).
 */
export interface FoldSlot {
  living: LivingRow;
  kind: 0 | 1;
  viewerId: string;
  /** The batch's newly accepted events of this viewer, in batch order. */
  added: IngestEvent[];
}

/** The text that names a fold slot in maps. */
export function foldSlotId(livingPk: number, kind: number, viewerId: string): string {
  return `${livingPk}:${kind}:${viewerId}`;
}

/** The fold slots a batch touched, each with its accepted events. */
export class FoldSlots {
  private readonly slots = new Map<string, FoldSlot>();

  add(living: LivingRow, event: IngestEvent): void {
    const { kind, viewerId } = viewerOf(event);
    const id = foldSlotId(living.pk, kind, viewerId);
    const slot = this.slots.get(id);
    if (slot) slot.added.push(event);
    else this.slots.set(id, { living, kind, viewerId, added: [event] });
  }

  get size(): number {
    return this.slots.size;
  }

  values(): FoldSlot[] {
    return [...this.slots.values()];
  }
}

/**
 * Folds one slot: asks `needsAll` on the stored state and, only if so, reads all the
 * viewer's events with `readAll`. `livings` keeps one Living per live across the batch.
 */
export function foldSlot(
  fold: ViewerFold,
  slot: FoldSlot,
  prior: string | undefined,
  readAll: () => ViewerEvent[] | undefined,
  livings: Map<number, Living>,
): ReturnType<ViewerFold['fold']> {
  let living = livings.get(slot.living.pk);
  if (!living) livings.set(slot.living.pk, (living = toLiving(slot.living)));
  const input: ViewerFoldInput = { living, prior, added: slot.added };
  if (fold.needsAll(prior, slot.added)) {
    const all = readAll();
    if (all) input.all = all;
  }
  return fold.fold(input);
}
