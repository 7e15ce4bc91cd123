import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Versions installed into the scratch project: the repo's own, so npm's cache usually has them; jest pinned to a Node-20 major. */
const CONSUMER_DEV_DEPS = {
  typescript: '5.9.3',
  vitest: '4.1.12',
  jest: '30.2.0',
  '@types/node': '20.19.43',
};

/** The environment without forced colours, so output can be matched. */
function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return env;
}

/** Runs a command to completion and gives its stdout and stderr; rejects with its output when it fails. */
export async function sh(cmd: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Promise<string> {
  const { stdout, stderr } = await shOut(cmd, args, cwd, timeoutMs);
  return stdout + stderr;
}

/** Like {@link sh}, with stdout and stderr apart. */
async function shOut(cmd: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(cmd, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...plainEnv(), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  } catch (e) {
    const err = e as Error & { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/**
 * Packs the package from a copy of the working tree, so that `prepack` (which empties and
 * rebuilds dist/) does not pull the dashboard bundle away from tests running in parallel.
 * Returns the tarball's path and the files npm says it holds.
 */
export async function packCopy(tmp: string): Promise<{ tarball: string; files: string[] }> {
  const copy = join(tmp, 'source');
  const skip = new Set(['node_modules', '.git', 'dist', 'test-artifacts', 'coverage']);
  await cp(ROOT, copy, { recursive: true, filter: (src) => !skip.has(src.slice(ROOT.length).split('/')[0] ?? '') && !/\.db(-wal|-shm)?$/.test(src) && !src.includes('/bench/.work') });
  // The copy builds with the repo's own tools.
  await sh('ln', ['-s', join(ROOT, 'node_modules'), join(copy, 'node_modules')], tmp);
  const { stdout: out } = await shOut('npm', ['pack', '--json', '--pack-destination', tmp], copy);
  const report = JSON.parse(out.slice(/^\[\s*\{/m.exec(out)?.index ?? 0)) as [{ filename: string; files: { path: string }[] }];
  return { tarball: join(tmp, report[0].filename), files: report[0].files.map((f) => f.path) };
}

/**
 * A scratch project with the tarball installed. Install scripts are skipped and the repo's
 * better-sqlite3 addon (the same pinned version, built for this Node) is copied in: building it
 * from source takes ~2 minutes here, and a real user's install pays that once (see README).
 */
export async function installInto(tmp: string, tarball: string): Promise<string> {
  const project = join(tmp, 'consumer');
  await mkdir(project, { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  const deps = Object.entries(CONSUMER_DEV_DEPS).map(([name, version]) => `${name}@${version}`);
  await sh('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball, ...deps], project);
  const addon = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const wanted = JSON.parse(await readFile(join(project, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string };
  const built = JSON.parse(await readFile(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')) as { version: string };
  if (wanted.version !== built.version) throw new Error(`the tarball wants better-sqlite3 ${wanted.version}, the repo built ${built.version}`);
  await mkdir(join(project, 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  await copyFile(join(ROOT, addon), join(project, addon));
  return project;
}
