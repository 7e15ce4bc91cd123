import { Option, type Command } from 'commander';
import { runPull, type PullIo } from './pull.js';
import { PULL_FORMATS, PULL_LANGS, type PullOptions } from './pull-options.js';

/** What addPullCommand uses from `process`; replaceable in tests. */
export interface PullCommandDeps {
  io?: PullIo;
  exit?: (code: number) => void;
}

/**
 * Registers `livestat pull` on a commander program. The action runs {@link runPull} and
 * exits with its code; commander's own usage errors (unknown option, bad --format) exit 2.
 *
 * @example
 * const program = new Command('livestat');
 * addPullCommand(program);
 * await program.parseAsync(process.argv);
 */
export function addPullCommand(program: Command, deps: PullCommandDeps = {}): Command {
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  return program
    .command('pull')
    .description('export every viewer of a live stream (get_watch_stat) as CSV, JSON, NDJSON or an Excel workbook')
    .option('--livingid <id>', 'the live stream to export')
    .option('--corpid <id>', 'corp id (default: env LIVESTAT_CORPID)')
    .option('--secret <secret>', "the app's secret (default: env LIVESTAT_SECRET; prefer the env var: argv is visible to ps)")
    .option('--base-url <url>', 'API root (default: env LIVESTAT_BASE_URL or https://qyapi.weixin.qq.com)')
    .addOption(new Option('--format <format>', 'output format').choices(PULL_FORMATS).default('csv'))
    .option('--out <file>', 'write to FILE instead of stdout (required for xlsx)')
    .addOption(new Option('--lang <lang>', 'language of the xlsx headers').choices(PULL_LANGS).default('en'))
    .option('--bom', 'start CSV with a UTF-8 BOM so Excel reads Chinese names')
    .option('--resume', 'keep <out>.checkpoint.json and continue an interrupted pull from it')
    .option('--token-dir <dir>', 'token cache shared by processes (default: env LIVESTAT_TOKEN_DIR or ~/.cache/livestat/tokens)')
    .exitOverride((err) => {
      // commander exits 1 on usage errors; livestat's contract says 2 (0 for --help).
      exit(err.exitCode === 0 ? 0 : 2);
    })
    .action(async (opts: PullOptions) => {
      const io = deps.io ?? { stdout: process.stdout, stderr: process.stderr, env: process.env };
      exit(await runPull(opts, io));
    });
}
