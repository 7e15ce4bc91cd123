import { Option, type Command } from 'commander';
import { REPORT_FORMATS } from './report-options.js';
import type { ReportIo, ReportOptions } from './report.js';

/** What addReportCommand uses from `process`; replaceable in tests. */
export interface ReportCommandDeps {
  io?: ReportIo;
  exit?: (code: number) => void;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Registers `livestat report`. The report's code loads only when the command runs.
 *
 * @example
 * addReportCommand(new Command('livestat'));
 */
export function addReportCommand(program: Command, deps: ReportCommandDeps = {}): Command {
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  return program
    .command('report')
    .description('a workbook over lives: summary, all viewers, inviters, and attendance against a roster')
    .option('--livingid <id>', 'a live to report (repeatable)', collect)
    .option('--userid <anchor>', 'every live of this anchor, via get_user_all_livingid (repeatable)', collect)
    .option('--corp', "every live of the corp's anchors: the userids of --roster (WeCom has no corp-wide list)")
    .option('--since <date>', 'lives starting on or after this day (2025-11-01, China time) or ISO date-time')
    .option('--until <date>', 'lives starting on or before this day (inclusive) or before this ISO date-time')
    .option('--roster <file>', 'CSV or xlsx of userid, optional name and department: adds attendance')
    .option('--min-watch <duration>', 'watch time that counts as attended (30m, 1h, 90s)', '30m')
    .addOption(new Option('--format <format>', 'xlsx workbook, csv folder or one json').choices(REPORT_FORMATS).default('xlsx'))
    .addOption(new Option('--lang <lang>', 'language of headers and labels').choices(['en', 'zh']).default('en'))
    .option('--out <path>', 'the workbook (xlsx), folder (csv) or file (json) to write')
    .option('--resume', 'continue an interrupted report from <out>.report-checkpoint.json')
    .option('--rate-limit <calls>', 'calls per minute per API (WeCom allows 10000 per corp)')
    .option('--corpid <id>', 'corp id (default: env LIVESTAT_CORPID)')
    .option('--secret <secret>', "the app's secret (default: env LIVESTAT_SECRET; prefer the env var)")
    .option('--base-url <url>', 'API root (default: env LIVESTAT_BASE_URL or https://qyapi.weixin.qq.com)')
    .option('--token-dir <dir>', 'token cache (default: env LIVESTAT_TOKEN_DIR or ~/.cache/livestat/tokens)')
    .exitOverride((err) => exit(err.exitCode === 0 ? 0 : 2))
    .action(async (opts: ReportOptions) => {
      const { runReport } = await import('./report.js');
      exit(await runReport(opts, deps.io ?? { stderr: process.stderr, env: process.env }));
    });
}
