// Regenerates docs/openapi.json from the TypeBox schemas in src/protocol (a test checks it is current).
import { writeFile } from 'node:fs/promises';
import { wecomOpenApiDocument } from '../src/protocol/openapi.js';

await writeFile(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(wecomOpenApiDocument(), null, 2)}\n`);
