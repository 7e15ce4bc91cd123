import type { LiveSpan, ViewerState } from './viewer-state.js';

/**
 * The viewer's watch time in whole seconds (floored) as of `nowMs`: closed runs in full,
 * open segments up to now. Runs once per row at read time, so it only adds numbers.
 */
export function watchTimeAt(state: Pick<ViewerState, 'closedMs' | 'open'>, nowMs: number, live: LiveSpan): number {
  let ms = state.closedMs;
  const until = Math.min(nowMs, live.endMs);
  for (const seg of state.open) {
    const end = Math.min(seg.cap, until);
    if (end > seg.start) ms += end - seg.start;
  }
  return Math.floor(ms / 1000);
}

/** True when the watch time no longer depends on the clock from `nowMs` on. */
export function isSettled(state: Pick<ViewerState, 'open'>, nowMs: number): boolean {
  return state.open.every((seg) => seg.cap <= nowMs);
}
