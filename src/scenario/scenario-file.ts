import { readFile } from 'node:fs/promises';
import type { Scenario } from './scenario-schema.js';
import { validateScenario } from './scenario-validate.js';

/** A scenario file that cannot be used; its message is one line fit for a CLI. */
export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
    this.name = 'ScenarioFileError';
  }
}

/** Reads, parses and validates a scenario file. */
export async function readScenarioFile(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ScenarioFileError(file, [`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ScenarioFileError(file, [`not valid JSON: ${(e as Error).message}`]);
  }
  const result = validateScenario(raw);
  if (!result.ok) throw new ScenarioFileError(file, result.errors);
  return result.scenario;
}
