import type { Viewer } from '../protocol/viewer.js';

// What every format's writer is; the formats themselves live beside it, one file each, so the
// CSV writer (loaded on demand) and the format switch never import each other.

/** The formats a list of viewers can be written in. */
export type ViewerFormat = 'csv' | 'json' | 'ndjson';

/**
 * Turns pages of viewers into text chunks, so a pull (or the dashboard's CSV download) writes
 * each page as it arrives and holds no more than one page. `rowsBefore` lets a resumed pull
 * continue a JSON array.
 */
export interface ViewerWriter {
  start(): string;
  rows(viewers: readonly Viewer[], rowsBefore: number): string;
  end(rowsTotal: number): string;
}
