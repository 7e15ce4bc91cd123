import { readScenarioFile } from '../scenario/scenario-file.js';
import { ScenarioFileError } from '../scenario/scenario-file-error.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { validateScenario } from '../scenario/scenario-validate.js';

/** A scenario as the library takes it: the parsed object, or the path of a JSON file. */
export type ScenarioInput = Scenario | string;

/** A validated scenario and what to call it in logs. */
export interface ResolvedScenario {
  scenario: Scenario;
  label: string;
}

/**
 * Reads and validates every input before anything touches the database, so a bad one
 * changes nothing. Throws ScenarioFileError naming the file (or `scenario #N`) and the bad path.
 */
export async function resolveScenarios(inputs: readonly ScenarioInput[]): Promise<ResolvedScenario[]> {
  const out: ResolvedScenario[] = [];
  for (const [i, input] of inputs.entries()) {
    if (typeof input === 'string') {
      out.push({ scenario: await readScenarioFile(input), label: input });
      continue;
    }
    const label = `scenario #${i + 1}`;
    const result = validateScenario(input);
    if (!result.ok) throw new ScenarioFileError(label, result.errors);
    out.push({ scenario: result.scenario, label });
  }
  return out;
}
