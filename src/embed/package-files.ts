import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The livestat package's root, found from this file whether it runs from src/ (tsx) or from
 * a dist/ bundle inside someone's node_modules: the nearest folder with a package.json.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

/** The demo world that ships in the package (scenarios/demo.json), independent of the cwd. */
export function demoScenarioPath(): string {
  return join(packageRoot(), 'scenarios', 'demo.json');
}
