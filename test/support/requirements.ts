import { existsSync } from 'node:fs';

/** Something the run needs from the machine, and the variable that makes it mandatory. */
export interface Dependency {
  name: string;
  requireEnv: string;
}

export const NEEDS_POSTGRES: Dependency = { name: 'PostgreSQL', requireEnv: 'LIVESTAT_REQUIRE_POSTGRES' };
export const NEEDS_CHROMIUM: Dependency = { name: 'Chromium', requireEnv: 'LIVESTAT_REQUIRE_CHROMIUM' };

/** Thrown where a required dependency is missing: the run fails instead of going green. */
export class MissingDependencyError extends Error {
  override name = 'MissingDependencyError';
}

/**
 * The verdict on a dependency that may be missing (`why` says how; undefined: it is there).
 * Missing and required (`.ci/run` sets LIVESTAT_REQUIRE_*=1): throws. Missing and optional
 * (a developer's machine): the one-line notice to print, and the tests that need it skip.
 */
export function missingDependency(dep: Dependency, why: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (why === undefined) return undefined;
  if (env[dep.requireEnv] === '1') throw new MissingDependencyError(`${dep.name} is required (${dep.requireEnv}=1) but missing: ${why}`);
  return `${dep.name} tests not run: ${why} (set ${dep.requireEnv}=1 to make this fail)`;
}

/** Why Chromium at `path` cannot be used, or undefined when it can. */
export function chromiumMissing(path: string): string | undefined {
  return existsSync(path) ? undefined : `${path} is missing (apt-get install chromium)`;
}
