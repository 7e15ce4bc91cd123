import type { Command } from 'commander';
import { DEFAULT_GRACE_MS } from '../domain/activity/viewer-state.js';
import { intOption } from './options.js';
import type { SimulateOptions } from './simulate-run.js';

/** `livestat simulate`: plays a realistic audience into a running server through the ingest API. */
export function addSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('play a realistic audience (arrivals, reconnects, comments, mic, inviters) into a server through the ingest API')
    .requiredOption('--livingid <id>', 'the live to fill')
    .requiredOption('--viewers <n>', 'how many viewers', intOption(1, 100_000))
    .option('--duration <s>', 'seconds of the live to play (default: the live’s duration)', intOption(1, 7 * 86_400))
    .option('--speed <x>', 'times real time; 0 sends as fast as the server takes it', intOption(0, 1_000_000), 60)
    .option('--server <url>', 'the livestat server', process.env.LIVESTAT_SERVER ?? 'http://127.0.0.1:8080')
    .option('--ingest-key <key>', 'an ingest key of the live’s corp (env LIVESTAT_INGEST_KEY)')
    .option('--seed <n>', 'seed of the audience (same seed, same audience)', intOption(-2147483648, 2147483647), 1)
    .option('--batch-size <n>', 'events per request', intOption(1, 10_000), 1000)
    .option('--grace-seconds <s>', 'the server’s --grace-seconds, for the expected statistics', intOption(0, 86_400), DEFAULT_GRACE_MS / 1000)
    .option('--anchor', 'the anchor goes on air at the start and off air at the end of the played span (anchor_on_air / anchor_off_air), so the live’s status follows them')
    .option('--expected-out <file>', 'write the expected viewers as NDJSON, in the format of livestat pull --format ndjson')
    .action(async (options: SimulateOptions) => (await import('./simulate-run.js')).simulate(options));
}
