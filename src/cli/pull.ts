import type { Writable } from 'node:stream';
import { FileTokenStore, WeComApiError, WeComClient, nodeHttpFetch, pageViewers } from '../client/index.js';
import { createViewerWriter } from '../export/viewer-writers.js';
import { checkpointPath, deleteCheckpoint, readCheckpoint, writeCheckpoint, type PullCheckpoint } from './pull-checkpoint.js';
import { PullUsageError, resolvePullConfig, type PullConfig, type PullOptions } from './pull-options.js';
import { createProgress, type PullProgress } from './pull-progress.js';
import { openFileSink, streamSink, type OutputSink } from './pull-sink.js';
import { PullSummary } from './pull-summary.js';

export type { PullOptions } from './pull-options.js';

/** The streams and environment runPull uses instead of `process`'s, so tests can supply their own. */
export interface PullIo {
  stdout: Writable;
  stderr: NodeJS.WriteStream | Writable;
  env: NodeJS.ProcessEnv;
}

/**
 * `livestat pull`: exports every viewer of a live stream, page by page, and returns the
 * exit code: 0 done, 1 an API or I/O error (`errcode errmsg` on stderr), 2 bad usage.
 * Never throws.
 *
 * @example
 * const code = await runPull({ livingid: 'lvXXXX', format: 'csv', out: 'v.csv', resume: true },
 *   { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * process.exitCode = code;
 */
export async function runPull(opts: PullOptions, io: PullIo): Promise<number> {
  let progress: PullProgress | undefined;
  try {
    const config = resolvePullConfig(opts, io.env);
    progress = createProgress(io.stderr);
    const summary = await pull(config, io, progress);
    progress.done();
    io.stderr.write(summary.format() + (config.out ? `written to ${config.out}\n` : ''));
    return 0;
  } catch (err) {
    progress?.done();
    return reportFailure(err, io.stderr);
  }
}

function reportFailure(err: unknown, stderr: Writable): number {
  if (err instanceof PullUsageError) {
    stderr.write(`livestat pull: ${err.message}\n`);
    return 2;
  }
  if (err instanceof WeComApiError) {
    stderr.write(`${err.errcode} ${err.errmsg}\n`);
    return 1;
  }
  // A reader that went away (`| head`) is not a failure worth a message.
  if ((err as { code?: unknown }).code === 'EPIPE') return 0;
  stderr.write(`livestat pull: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
}

async function pull(config: PullConfig, io: PullIo, progress: PullProgress): Promise<PullSummary> {
  const client = new WeComClient({
    corpid: config.corpid,
    corpsecret: config.secret,
    tokenStore: new FileTokenStore(config.tokenDir),
    fetch: nodeHttpFetch,
    ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
  });
  if (config.format === 'xlsx') {
    if (config.out === undefined) throw new PullUsageError('--format xlsx needs --out FILE');
    return (await import('./pull-xlsx.js')).pullXlsx(client, { ...config, out: config.out }, progress);
  }
  const writer = await createViewerWriter(config.format, { bom: config.bom });
  const cpPath = config.out === undefined ? undefined : checkpointPath(config.out);
  const saved = config.resume && cpPath ? await readCheckpoint(cpPath) : undefined;
  if (saved) checkResumable(saved, config);
  const state: PullCheckpoint = saved ?? {
    version: 1,
    livingid: config.livingid,
    format: config.format,
    bom: config.bom,
    nextKey: null,
    ending: false,
    rows: 0,
    bytes: 0,
    summary: new PullSummary().toState(),
  };
  const summary = PullSummary.fromState(state.summary);
  const checkpoint = async (): Promise<void> => {
    if (config.resume && cpPath) await writeCheckpoint(cpPath, { ...state, summary: summary.toState() });
  };

  let sink: OutputSink;
  if (saved && config.out) {
    sink = await openFileSink(config.out, saved.bytes);
  } else {
    // Without --resume an old checkpoint would describe a file we are about to overwrite.
    if (cpPath && !config.resume) await deleteCheckpoint(cpPath);
    sink = config.out ? await openFileSink(config.out) : streamSink(io.stdout);
  }
  try {
    if (!saved) {
      const head = writer.start();
      await sink.write(head);
      state.bytes = Buffer.byteLength(head);
      await checkpoint();
    }
    let pages = 0;
    if (!state.ending) {
      const fromKey = state.nextKey ?? undefined;
      for await (const page of client.living.watchStat(config.livingid, fromKey === undefined ? { prefetch: true } : { fromKey, prefetch: true })) {
        const viewers = pageViewers(page);
        const chunk = writer.rows(viewers, state.rows);
        await sink.write(chunk);
        state.rows += viewers.length;
        state.bytes += Buffer.byteLength(chunk);
        state.nextKey = page.next_key;
        state.ending = page.ending === 1;
        summary.add(viewers);
        await checkpoint();
        progress.update(++pages, summary.viewers);
      }
    }
    await sink.write(writer.end(state.rows));
  } finally {
    await sink.close();
  }
  if (config.resume && cpPath) await deleteCheckpoint(cpPath);
  return summary;
}

function checkResumable(saved: PullCheckpoint, config: PullConfig): void {
  const mismatch =
    saved.livingid !== config.livingid ? `livingid ${saved.livingid}`
    : saved.format !== config.format ? `--format ${saved.format}`
    : saved.bom !== config.bom ? (saved.bom ? 'with --bom' : 'without --bom')
    : undefined;
  if (mismatch) {
    throw new PullUsageError(`the checkpoint beside ${config.out ?? 'the output'} was made for ${mismatch}; use the same options or delete it`);
  }
}
