import { Readable } from 'node:stream';
import type { Living } from '../../domain/model.js';
import { createViewerWriter } from '../../export/viewer-writers.js';
import type { Store } from '../../store/store.js';
import { audiencePages } from './audience-rows.js';

/**
 * The CSV that `livestat pull --format csv` writes for this live, byte for byte: the same
 * writer, the same order (get_watch_stat's), open sessions brought up to `nowMs`.
 */
export function audienceCsv(store: Store, living: Living, nowMs: number): Readable {
  async function* chunks(): AsyncGenerator<string> {
    const writer = await createViewerWriter('csv', { bom: false });
    yield writer.start();
    let written = 0;
    for await (const viewers of audiencePages(store, living, nowMs)) {
      yield writer.rows(viewers, written);
      written += viewers.length;
    }
    yield writer.end(written);
  }
  return Readable.from(chunks(), { objectMode: false });
}
