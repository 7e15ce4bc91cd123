// Regenerates scenario.schema.json from the TypeBox schema in src/scenario (a test checks it is current).
import { writeFile } from 'node:fs/promises';
import { scenarioJsonSchema } from '../src/scenario/scenario-schema.js';

await writeFile(new URL('../scenario.schema.json', import.meta.url), `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
