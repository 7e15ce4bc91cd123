import type { Lang } from '../export/table.js';
import type { TablesFormat } from '../export/tables-writer.js';
import { defaultTokenDir } from './pull-options.js';
// The date rule lives in the domain, where the dashboard's period view shares it.
import { parseInstant } from '../domain/period.js';
import { DEFAULT_MIN_WATCH_SECONDS } from '../export/attendance.js';

export const REPORT_FORMATS = ['xlsx', 'csv', 'json'] as const satisfies readonly TablesFormat[];

/**
 * `livestat report` options as commander hands them over (unvalidated).
 *
 * @example
 * const opts: ReportOptions = { userid: ['zhangsan'], since: '2025-11-01', until: '2025-11-30', out: 'nov.xlsx' };
 */
export interface ReportOptions {
  livingid?: string[];
  userid?: string[];
  corp?: boolean;
  since?: string;
  until?: string;
  roster?: string;
  minWatch?: string;
  format?: string;
  lang?: string;
  out?: string;
  resume?: boolean;
  corpid?: string;
  secret?: string;
  baseUrl?: string;
  tokenDir?: string;
  rateLimit?: string;
}

/** Which lives a report covers: named lives, or every live of some anchors. */
type ReportSelection = { kind: 'lives'; livingids: string[] } | { kind: 'anchors'; userids: string[]; fromRoster: boolean };

/** Validated report settings. Times are unix seconds; `until` is exclusive. */
export interface ReportConfig {
  selection: ReportSelection;
  since: number | undefined;
  until: number | undefined;
  roster: string | undefined;
  minWatchSeconds: number;
  format: TablesFormat;
  lang: Lang;
  out: string;
  resume: boolean;
  corpid: string;
  secret: string;
  baseUrl: string | undefined;
  tokenDir: string;
  /** Calls per minute per API this report allows itself (WeCom's limit per corp: 10,000). */
  callsPerMinute: number;
}

/** A mistake in how the command was called: exit code 2. */
export class ReportUsageError extends Error {
  override name = 'ReportUsageError';
}

const WECOM_CALLS_PER_MINUTE = 10_000;

/** `30m` → 1800, `1h30m` → 5400, `90s` or `90` → 90. */
function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(text.trim());
  if (!m || text.trim() === '' || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** @throws {ReportUsageError} for any option that cannot be used. */
export function resolveReportConfig(opts: ReportOptions, env: NodeJS.ProcessEnv): ReportConfig {
  const livingids = (opts.livingid ?? []).map((s) => s.trim()).filter(Boolean);
  const userids = (opts.userid ?? []).map((s) => s.trim()).filter(Boolean);
  const chosen = [livingids.length > 0, userids.length > 0 || opts.corp === true].filter(Boolean).length;
  if (chosen !== 1) throw new ReportUsageError('say which lives: --livingid ID, --userid ANCHOR (repeatable) or --corp (every anchor of --roster)');
  if (opts.corp && !opts.roster) throw new ReportUsageError('--corp needs --roster FILE: its userids are the anchors whose lives are reported');
  const corpid = opts.corpid ?? env.LIVESTAT_CORPID;
  const secret = opts.secret ?? env.LIVESTAT_SECRET;
  if (!corpid || !secret) throw new ReportUsageError('missing credentials: pass --corpid and --secret, or set LIVESTAT_CORPID and LIVESTAT_SECRET');
  if (!opts.out) throw new ReportUsageError('missing --out (a workbook, a folder for csv, a file for json)');
  const format = opts.format ?? 'xlsx';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new ReportUsageError(`unknown --format ${JSON.stringify(format)}: use xlsx, csv or json`);
  const lang = opts.lang ?? 'en';
  if (lang !== 'en' && lang !== 'zh') throw new ReportUsageError(`unknown --lang ${JSON.stringify(lang)}: use en or zh`);
  const since = opts.since === undefined ? undefined : parseInstant(opts.since, false);
  const until = opts.until === undefined ? undefined : parseInstant(opts.until, true);
  if (since === undefined && opts.since !== undefined) throw new ReportUsageError(`bad --since ${JSON.stringify(opts.since)}: use 2025-11-01 or an ISO date-time with a zone`);
  if (until === undefined && opts.until !== undefined) throw new ReportUsageError(`bad --until ${JSON.stringify(opts.until)}: use 2025-11-30 or an ISO date-time with a zone`);
  const minWatchSeconds = opts.minWatch === undefined ? DEFAULT_MIN_WATCH_SECONDS : parseDuration(opts.minWatch);
  if (minWatchSeconds === undefined) throw new ReportUsageError(`bad --min-watch ${JSON.stringify(opts.minWatch)}: use 30m, 1h, 1h30m or 90s`);
  const callsPerMinute = opts.rateLimit === undefined ? WECOM_CALLS_PER_MINUTE : Number(opts.rateLimit);
  if (!Number.isInteger(callsPerMinute) || callsPerMinute < 1) throw new ReportUsageError('--rate-limit must be a whole number of calls per minute');
  return {
    selection: livingids.length > 0 ? { kind: 'lives', livingids } : { kind: 'anchors', userids, fromRoster: opts.corp === true },
    since,
    until,
    roster: opts.roster,
    minWatchSeconds,
    format: format as TablesFormat,
    lang,
    out: opts.out,
    resume: opts.resume ?? false,
    corpid,
    secret,
    baseUrl: opts.baseUrl ?? (env.LIVESTAT_BASE_URL || undefined),
    tokenDir: opts.tokenDir ?? (env.LIVESTAT_TOKEN_DIR || defaultTokenDir()),
    callsPerMinute,
  };
}
