import { open, stat, truncate, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** Where a pull writes; `write` resolves once the chunk is handed to the OS. */
export interface OutputSink {
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A file sink. `truncateTo` (resume) cuts the file back to the bytes a checkpoint vouches
 * for — dropping a page that was half-written when the pull stopped — and appends from there.
 */
export async function openFileSink(path: string, truncateTo?: number): Promise<OutputSink> {
  let handle: FileHandle;
  if (truncateTo === undefined) {
    handle = await open(path, 'w');
  } else {
    const size = (await stat(path)).size;
    if (size < truncateTo) {
      throw new Error(`${path} is shorter (${size} bytes) than its checkpoint says (${truncateTo}); delete the checkpoint to start over`);
    }
    await truncate(path, truncateTo);
    handle = await open(path, 'a');
  }
  return {
    write: async (chunk) => {
      if (chunk) await handle.writeFile(chunk, 'utf8');
    },
    close: () => handle.close(),
  };
}

/** A sink over a stream such as stdout, waiting for each write so memory stays flat. */
export function streamSink(stream: Writable): OutputSink {
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (!chunk) { resolve(); return; }
        stream.write(chunk, 'utf8', (err) => (err ? reject(err) : resolve()));
      }),
    // stdout is not ours to close.
    close: async () => undefined,
  };
}
