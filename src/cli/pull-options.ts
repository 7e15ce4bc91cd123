import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Lang } from '../export/table.js';
import type { ViewerFormat } from '../export/viewer-writer.js';

/** Output formats of `livestat pull` (type-only imports: the writers load only when a pull runs). */
export const PULL_FORMATS = ['csv', 'json', 'ndjson', 'xlsx'] as const satisfies readonly (ViewerFormat | 'xlsx')[];
export type PullFormat = (typeof PULL_FORMATS)[number];
/** Languages of the xlsx headers. */
export const PULL_LANGS = ['en', 'zh'] as const satisfies readonly Lang[];

/**
 * `livestat pull` options as commander hands them over (every flag optional, unvalidated).
 *
 * @example
 * const opts: PullOptions = { livingid: 'lvXXXX', format: 'csv', out: 'viewers.csv', resume: true };
 */
export interface PullOptions {
  livingid?: string;
  corpid?: string;
  secret?: string;
  baseUrl?: string;
  format?: string;
  out?: string;
  bom?: boolean;
  resume?: boolean;
  tokenDir?: string;
  lang?: string;
}

/** Validated pull settings, with environment fallbacks applied. */
export interface PullConfig {
  livingid: string;
  corpid: string;
  secret: string;
  baseUrl: string | undefined;
  format: PullFormat;
  out: string | undefined;
  bom: boolean;
  resume: boolean;
  tokenDir: string;
  lang: Lang;
}

/** A mistake in how the command was called: exit code 2, one line, no stack. */
export class PullUsageError extends Error {
  override name = 'PullUsageError';
}

/** Where FileTokenStore keeps tokens unless `--token-dir` or LIVESTAT_TOKEN_DIR says otherwise. */
export function defaultTokenDir(): string {
  return join(homedir(), '.cache', 'livestat', 'tokens');
}

/**
 * Validates options, falling back to LIVESTAT_CORPID, LIVESTAT_SECRET, LIVESTAT_BASE_URL
 * and LIVESTAT_TOKEN_DIR.
 *
 * @throws {PullUsageError} for a missing livingid or credentials, an unknown format,
 *   `--resume` without `--out`, or `--bom` with a format other than csv.
 */
export function resolvePullConfig(opts: PullOptions, env: NodeJS.ProcessEnv): PullConfig {
  const livingid = opts.livingid?.trim();
  if (!livingid) throw new PullUsageError('missing --livingid');
  const corpid = opts.corpid ?? env.LIVESTAT_CORPID;
  const secret = opts.secret ?? env.LIVESTAT_SECRET;
  if (!corpid || !secret) {
    throw new PullUsageError('missing credentials: pass --corpid and --secret, or set LIVESTAT_CORPID and LIVESTAT_SECRET');
  }
  const format = opts.format ?? 'csv';
  if (!isPullFormat(format)) throw new PullUsageError(`unknown --format ${JSON.stringify(format)}: use csv, json, ndjson or xlsx`);
  const lang = opts.lang ?? 'en';
  if (!isLang(lang)) throw new PullUsageError(`unknown --lang ${JSON.stringify(lang)}: use en or zh`);
  // A workbook is a zip: it cannot go to a pipe in pieces, nor be appended to on resume.
  if (format === 'xlsx' && !opts.out) throw new PullUsageError('--format xlsx needs --out FILE');
  if (format === 'xlsx' && opts.resume) throw new PullUsageError('--resume applies to csv, json and ndjson (an xlsx is rewritten whole)');
  if (opts.resume && !opts.out) throw new PullUsageError('--resume needs --out FILE (the checkpoint is kept beside it)');
  // A BOM in front of JSON makes JSON.parse and most JSON tools fail.
  if (opts.bom && format !== 'csv') throw new PullUsageError('--bom applies to --format csv only');
  return {
    livingid,
    corpid,
    secret,
    baseUrl: opts.baseUrl ?? (env.LIVESTAT_BASE_URL || undefined),
    format,
    out: opts.out,
    bom: opts.bom ?? false,
    resume: opts.resume ?? false,
    tokenDir: opts.tokenDir ?? (env.LIVESTAT_TOKEN_DIR || defaultTokenDir()),
    lang,
  };
}

function isLang(lang: string): lang is Lang {
  return (PULL_LANGS as readonly string[]).includes(lang);
}

function isPullFormat(format: string): format is PullFormat {
  return (PULL_FORMATS as readonly string[]).includes(format);
}
