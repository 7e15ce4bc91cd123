import type { Writable } from 'node:stream';

/** The live progress line of a pull. */
export interface PullProgress {
  update(pages: number, viewers: number): void;
  /** Ends the line so later messages start on a fresh one. */
  done(): void;
}

const REDRAW_EVERY_MS = 100;

/**
 * A one-line progress display (pages, viewers, rate, elapsed) redrawn in place, only when
 * `stream` is a TTY: piped or redirected stderr stays clean for logs.
 */
export function createProgress(stream: Writable & { isTTY?: boolean }, now: () => number = Date.now): PullProgress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  let last = { pages: 0, viewers: 0 };
  const draw = (): void => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? Math.round(last.viewers / elapsed) : 0;
    stream.write(`\r\x1b[Kpages ${last.pages} · viewers ${last.viewers} · ${rate}/s · ${elapsed.toFixed(1)}s`);
    drawn = true;
  };
  return {
    update(pages, viewers) {
      last = { pages, viewers };
      if (now() - lastDraw < REDRAW_EVERY_MS) return;
      lastDraw = now();
      draw();
    },
    done() {
      if (last.pages > 0) draw();
      if (drawn) stream.write('\n');
    },
  };
}
