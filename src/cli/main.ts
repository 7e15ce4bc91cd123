import { Command, CommanderError } from 'commander';
import { ScenarioFileError } from '../scenario/scenario-file-error.js';
import { UsageError } from './options.js';
import { addPullCommand } from './pull-command.js';
import { addReportCommand } from './report-command.js';
import { addKeysCommand } from './keys.js';
import { addMigrateCommand } from './migrate.js';
import { DatabaseUrlError } from '../store/postgres/postgres-url.js';
import { addServeCommand } from './serve.js';
import { addSimulateCommand } from './simulate.js';
import { addBackupCommands } from './backup.js';
import { addPruneCommand } from './prune.js';

/** Exit codes: 0 done, 1 an API or runtime error, 2 bad usage (flags, unreadable files). */
const program = new Command('livestat')
  .description('WeCom live-stream watch statistics: a wire-exact server, and a client that pulls every viewer')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();
addServeCommand(program);
addPullCommand(program);
addReportCommand(program);
addSimulateCommand(program);
addKeysCommand(program);
addMigrateCommand(program);
addBackupCommands(program);
addPruneCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  if (e instanceof UsageError || e instanceof ScenarioFileError || e instanceof DatabaseUrlError) {
    process.stderr.write(`livestat: ${e.message}\n`);
    process.exit(2);
  }
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
    process.stderr.write(`livestat: cannot listen: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`livestat: ${err.message}\n`);
  process.exit(1);
}
