import { readFile } from 'node:fs/promises';
import type { Scenario } from './scenario-schema.js';
import { ScenarioFileError } from './scenario-file-error.js';
import { validateScenario } from './scenario-validate.js';

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
