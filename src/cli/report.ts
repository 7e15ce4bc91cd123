import type { Writable } from 'node:stream';
import { FileTokenStore, WeComApiError, WeComClient, nodeHttpFetch } from '../client/index.js';
import { openTables } from '../export/tables-writer.js';
import { formatDuration } from './pull-summary.js';
import { readReportCheckpoint, removeReportState, reportCheckpointPath, reportPartsDir, type ReportCheckpoint } from './report-checkpoint.js';
import { fetchReport, type FetchProgress } from './report-fetch.js';
import { ReportUsageError, resolveReportConfig, type ReportConfig, type ReportOptions } from './report-options.js';
import { Pacer, realTime, type PacerTime } from './report-pacer.js';
import { readRoster, type RosterMember } from './report-roster.js';
import { composeReport } from './report-write.js';

export type { ReportOptions } from './report-options.js';

/** What runReport uses instead of `process` and the wall clock, so tests supply their own. */
export interface ReportIo {
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The clock and sleep of the pacing and of the SDK's retries; default the real ones. */
  time?: PacerTime;
  fetch?: typeof globalThis.fetch;
}

/**
 * `livestat report`: one workbook (or CSV folder, or JSON) over one live, every live of some
 * anchors, or of the corp's roster, in a period. Uses only the public API, paced under
 * WeCom's limits, resumable with `--resume`. Returns the exit code (0 done, 1 an API or I/O
 * error, 2 bad usage); never throws.
 *
 * @example
 * process.exitCode = await runReport({ userid: ['zhangsan'], since: '2025-11-01', out: 'nov.xlsx' },
 *   { stderr: process.stderr, env: process.env });
 */
export async function runReport(opts: ReportOptions, io: ReportIo): Promise<number> {
  try {
    const config = resolveReportConfig(opts, io.env);
    const roster = config.roster === undefined ? undefined : await readRoster(config.roster);
    const viewers = await report(config, roster, io);
    io.stderr.write(`report: ${viewers} viewer rows written to ${config.out}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ReportUsageError) {
      io.stderr.write(`livestat report: ${err.message}\n`);
      return 2;
    }
    if (err instanceof WeComApiError) {
      io.stderr.write(`${err.errcode} ${err.errmsg}\n`);
      return 1;
    }
    io.stderr.write(`livestat report: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

async function report(config: ReportConfig, roster: RosterMember[] | undefined, io: ReportIo): Promise<number> {
  const time = io.time ?? realTime;
  const client = new WeComClient({
    corpid: config.corpid,
    corpsecret: config.secret,
    tokenStore: new FileTokenStore(config.tokenDir),
    fetch: io.fetch ?? nodeHttpFetch,
    sleep: (ms) => time.sleep(ms),
    now: () => time.now(),
    ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
  });
  const pacer = new Pacer(config.callsPerMinute, time, (ms, reason) => {
    const why = reason === '45009' ? 'WeCom answered 45009 (api freq out of limit)' : `${config.callsPerMinute} calls/min reached`;
    io.stderr.write(`${io.stderr.isTTY ? '\n' : ''}report: ${why}; waiting ${formatDuration(ms / 1000)}\n`);
  });
  const anchors = config.selection.kind === 'lives' ? [] : [...new Set([...config.selection.userids, ...(config.selection.fromRoster ? (roster ?? []).map((m) => m.userid) : [])])];
  const key = JSON.stringify({ selection: config.selection.kind === 'lives' ? config.selection : anchors, since: config.since, until: config.until });
  const checkpointPath = reportCheckpointPath(config.out);
  const partsDir = reportPartsDir(config.out);
  let cp = config.resume ? await readReportCheckpoint(checkpointPath) : undefined;
  if (cp && cp.key !== key) throw new ReportUsageError(`${checkpointPath} was made for other lives or another period; use the same options or delete it`);
  if (!cp) {
    await removeReportState(config.out);
    cp = { version: 1, key, listed: false, lives: [] } satisfies ReportCheckpoint;
  }
  const progress = createReportProgress(io.stderr);
  const lives = await fetchReport(client, pacer, config, anchors, cp, { checkpointPath, partsDir }, progress);
  progress.done();
  const out = await openTables(config.format, config.out, config.lang);
  const viewers = await composeReport(out, { partsDir, lives, roster, minWatchSeconds: config.minWatchSeconds, lang: config.lang });
  await removeReportState(config.out);
  return viewers;
}

function createReportProgress(stream: Writable & { isTTY?: boolean }): FetchProgress & { done(): void } {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let drawn = false;
  return {
    update({ lives, livesDone, pages, viewers }) {
      stream.write(`\r\x1b[Klives ${livesDone}/${lives} · pages ${pages} · viewers ${viewers}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
