import { type Command, InvalidArgumentError, Option } from 'commander';
import { UsageError, collect } from './options.js';
import { parseFlagText, readConfigFile, resolveServeOptions } from './serve-config.js';
import { SERVE_FLAGS, type ServeFlag, envName } from './serve-flags.js';
import type { ServeOptions } from './serve-run.js';

function helpOf(flag: ServeFlag): string {
  const env = flag.legacyEnv ? `env ${envName(flag.name)} or ${flag.legacyEnv}` : `env ${envName(flag.name)}`;
  const def = flag.default === undefined || flag.default === false ? '' : `; default ${String(flag.default)}`;
  return `${flag.help} (${env}${def})`;
}

function optionsOf(flag: ServeFlag): Option[] {
  if (flag.kind === 'bool') return [new Option(`--${flag.name}`, helpOf(flag)), new Option(`--no-${flag.name}`, `turn --${flag.name} off (wins over env and config file)`)];
  const option = new Option(`--${flag.name} ${flag.arg ?? '<value>'}`, helpOf(flag));
  if (flag.kind === 'list') return [option.argParser(collect)];
  return [
    option.argParser((text: string) => {
      try {
        return parseFlagText(flag, text, `--${flag.name}`);
      } catch (e) {
        // commander prefixes its own "option '--x <n>' argument 'y' is invalid."
        throw new InvalidArgumentError((e as Error).message.replace(/^--[a-z-]+: /, ''));
      }
    }),
  ];
}

/** `livestat serve`: every flag also comes from LIVESTAT_<FLAG> and from `--config FILE`; flag > env > file > default. */
export function addServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description('run the WeCom-compatible server (gettoken, get_watch_stat) and the ingest API on SQLite, or on PostgreSQL shared by several processes')
    .option('--config <file>', "read defaults from a JSON file whose keys are these flags without -- (env LIVESTAT_CONFIG); flags and env win over it");
  for (const flag of SERVE_FLAGS) for (const option of optionsOf(flag)) command.addOption(option);
  command.action(async (cli: Record<string, unknown>) => {
    const configFile = (cli.config as string | undefined) ?? process.env.LIVESTAT_CONFIG;
    const file = configFile ? await readConfigFile(configFile) : {};
    const { options, sources } = resolveServeOptions(cli, process.env, file);
    // The demo loads only when the user named nothing of their own: no scenario, no database.
    const namedDb = sources.db !== 'default' || options.databaseUrl !== undefined;
    options.demo = options.demo === true && options.scenario === undefined && !namedDb;
    if (options.expiredTokenErrcode !== 42001 && options.expiredTokenErrcode !== 40014) throw new UsageError('--expired-token-errcode must be 42001 or 40014');
    const { serve } = await import('./serve-run.js');
    await serve(options as unknown as ServeOptions);
  });
}

