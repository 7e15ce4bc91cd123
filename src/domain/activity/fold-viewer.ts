import type { Living, ViewerStat } from '../model.js';
import { livingSpan } from '../model.js';
import { foldAll, viewerStateOf } from './compute-viewer-state.js';
import { orderedUniqueEvents } from './event-order.js';
import { comesAfter, foldInOrder, type FoldState } from './fold-state.js';
import type { ViewerEvent } from './viewer-state.js';
import { viewerStatOf } from './viewer-stat.js';
import { watchTimeAt } from './watch-time.js';

/** What the store hands the rule for one viewer touched by an ingest batch. */
export interface ViewerFoldInput {
  living: Living;
  /** The viewer's stored fold (JSON) from earlier batches, if any. */
  prior: string | undefined;
  /** The viewer's events new in this batch. */
  added: readonly ViewerEvent[];
  /** All the viewer's events, this batch's included: needed only when {@link foldNeedsAll} says so. */
  all?: readonly ViewerEvent[];
}

/**
 * Whether a viewer's new events can NOT simply be applied on top of their stored fold (there
 * is none yet, or an event arrived late): then the store must pass all the viewer's events.
 */
export function foldNeedsAll(prior: string | undefined, added: readonly ViewerEvent[]): boolean {
  if (prior === undefined) return true;
  const fold = JSON.parse(prior) as FoldState;
  return !added.every((e) => comesAfter(fold, e));
}

/**
 * The statistics row of one viewer, as of `nowMs`, and the fold to store for the next batch.
 * When the new events all come after what was folded (the usual case) they are applied on
 * top; a late event makes the viewer refold from all their events. While runs are still open
 * the row carries them (`openWatch`) so that reads bring the watch time up to date.
 */
export function foldViewer(input: ViewerFoldInput, nowMs: number, graceMs: number): { stat: ViewerStat; state: string } {
  const first = input.added[0];
  if (!first) throw new Error('foldViewer needs at least one new event');
  // The stored fold is parsed once here (foldNeedsAll is the store's question, asked before).
  const prior = input.prior === undefined ? undefined : (JSON.parse(input.prior) as FoldState);
  let fold: FoldState;
  if (prior && input.added.every((e) => comesAfter(prior, e))) fold = foldInOrder(prior, orderedUniqueEvents(input.added), graceMs);
  else if (input.all) fold = foldAll(input.all, graceMs);
  else throw new Error('foldViewer needs all the viewer’s events to refold');
  const span = livingSpan(input.living);
  return { stat: viewerStatOf(first.viewer, viewerStateOf(fold, span, graceMs), nowMs, span), state: JSON.stringify(fold) };
}

/** A row's watch time as of `nowMs`. */
export function currentWatchTime(stat: ViewerStat, living: Living, nowMs: number): number {
  return stat.openWatch ? watchTimeAt(stat.openWatch, nowMs, livingSpan(living)) : stat.watchTime;
}
