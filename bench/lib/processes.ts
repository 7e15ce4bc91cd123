import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A child process that printed a line matching `ready`; `url` is the first capture. */
export interface Child {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

// Everything the bench started and has not stopped yet: a process group per child, and
// synchronous undo steps for what is not a child (a PostgreSQL cluster runs under pg_ctl).
const groups = new Set<number>();
const undo = new Set<() => void>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative: the whole group, so a wrapper's children (WireMock's JVM under its node
    // launcher) go with it.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Kills every process the bench started and runs every undo step; safe to call twice. */
function cleanUpNow(): void {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
  for (const fn of undo) {
    try {
      fn();
    } catch {
      // Best effort: the next step must still run.
    }
  }
  undo.clear();
}

/** Registers a synchronous step that undoes something on exit, Ctrl-C or failure; returns its remover. */
export function onCleanUp(fn: () => void): () => void {
  undo.add(fn);
  return () => undo.delete(fn);
}

// 'exit' covers a normal end, process.exit and a crash (an uncaught error or rejection);
// signals do not run 'exit' by themselves, so each one cleans up and exits as killed.
process.on('exit', cleanUpNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stderr.write(`bench: ${signal}, stopping everything it started\n`);
    cleanUpNow();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/** Starts a process and waits for its ready line (or its death). */
export async function startChild(cmd: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}, timeoutMs = 300_000): Promise<Child> {
  // detached: a process group of its own, killed as one (and not by the terminal's Ctrl-C
  // before the bench has stopped it in order).
  const proc = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = proc.pid!;
  groups.add(pid);
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = once(proc, 'exit');
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    // The leader is gone; whatever it left in its group goes too.
    killGroup(pid, 'SIGKILL');
    groups.delete(pid);
  };
  let out = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${cmd} not ready after ${timeoutMs} ms: ${out.slice(-2000)}`)), timeoutMs);
      const onData = (d: Buffer) => {
        out += d.toString();
        if (out.length > 1e6) out = out.slice(-1e5);
        const m = ready.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] ?? '');
        }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${cmd} exited with ${code}: ${out.slice(-2000)}`));
      });
    });
    return { proc, url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Samples the process's resident set (VmRSS) every 200 ms until `stop`, which gives the
 * largest sample in MiB (undefined where /proc is missing). VmHWM would also count the peak of
 * loading the scenario, which is not what serving costs.
 */
export function sampleRss(child: Child): { stop(): number | undefined } {
  let max: number | undefined;
  const sample = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.proc.pid}/status`, 'utf8'));
      if (m) max = Math.max(max ?? 0, Number(m[1]) / 1024);
    } catch {
      // No /proc here, or the process is gone.
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return max;
    },
  };
}

/**
 * `livestat serve` as the package installs it (bin/livestat.js over dist/, which run.ts builds
 * first): what an operator runs, without tsx compiling the source in the server's own memory.
 * Quiet, with limits lifted for load.
 */
export function startLivestat(args: string[], nodeArgs: string[] = []): Promise<Child> {
  return startChild(
    process.execPath,
    [
      ...nodeArgs,
      'bin/livestat.js', 'serve', '--port', '0', '--log-level', 'warn',
      '--rate-limit-per-minute', '1000000000', '--rate-limit-per-hour', '1000000000',
      '--ip-rate-limit-per-minute', '1000000000', '--ip-rate-limit-per-hour', '1000000000',
      '--max-concurrent', '100000',
      ...args,
    ],
    /livestat listening on (http:\/\/\S+)/,
  );
}
