import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A child process that printed a line matching `ready`; `url` is the first capture. */
export interface Child {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts a process and waits for its ready line (or its death). */
export async function startChild(cmd: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}, timeoutMs = 300_000): Promise<Child> {
  const proc = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
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
  return {
    proc,
    url,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      await once(proc, 'exit');
    },
  };
}

/** `livestat serve` from source, quiet, with limits lifted for load. */
export function startLivestat(args: string[]): Promise<Child> {
  return startChild(
    process.execPath,
    [
      '--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--log-level', 'warn',
      '--rate-limit-per-minute', '1000000000', '--rate-limit-per-hour', '1000000000',
      '--ip-rate-limit-per-minute', '1000000000', '--ip-rate-limit-per-hour', '1000000000',
      '--max-concurrent', '100000',
      ...args,
    ],
    /livestat listening on (http:\/\/\S+)/,
  );
}
