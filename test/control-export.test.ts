import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/scenario-validate.js';
import { startCliServer } from './support/cli.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { BIG_LIVE, CORP, SECRETS, THIRD_PARTY_TOKEN, baseScenario } from './support/scenarios.js';
import { STORES } from './support/stores.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken } from './support/test-server.js';

const CLOCK = ['--clock', '2025-11-27T08:00:00Z', '--frozen'];

/** The first two pages of the big live: their text holds the rows and the next_key. */
async function firstPages(base: string, token: string): Promise<string[]> {
  const url = `${base}/cgi-bin/living/get_watch_stat?access_token=${token}`;
  const first = await call(url, { method: 'POST', body: JSON.stringify({ livingid: BIG_LIVE }) });
  const second = await call(url, { method: 'POST', body: JSON.stringify({ livingid: BIG_LIVE, next_key: first.body.next_key }) });
  return [first.text, second.text];
}

for (const backend of STORES) describe(backend.name, () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('serve --export-on-exit writes the world on SIGTERM; serve --scenario of that file serves the same pages and next_keys', async () => {
    const scenarioFile = join(dir, 'world.json');
    const exported = join(dir, 'exported.json');
    await writeFile(scenarioFile, JSON.stringify(baseScenario()));
    const first = await backend.create();
    const second = await backend.create();
    try {
      const server = await startCliServer([...first.cliArgs, '--scenario', scenarioFile, '--admin-key', ADMIN_KEY, '--export-on-exit', exported, ...CLOCK]);
      let token: string;
      let pages: string[];
      try {
        token = await getToken(server.url, CORP, SECRETS.selfBuilt);
        pages = await firstPages(server.url, token);
      } finally {
        expect(await server.stop('SIGTERM')).toBe(0);
      }
      expect(server.output()).toContain('world exported');
      const text = await readFile(exported, 'utf8');
      expect(validateScenario(JSON.parse(text)).ok).toBe(true);
      for (const p of [...Object.values(SECRETS), THIRD_PARTY_TOKEN, token, ADMIN_KEY]) expect(text.includes(p), `export contains ${p.slice(0, 12)}…`).toBe(false);

      const again = await startCliServer([...second.cliArgs, '--scenario', exported, '--admin-key', ADMIN_KEY, ...CLOCK]);
      try {
        // The token issued before the export works on the new database; the pages and next_keys are the same bytes.
        expect(await firstPages(again.url, token)).toEqual(pages);
      } finally {
        await again.stop('SIGINT');
      }
    } finally {
      await first.remove();
      await second.remove();
    }
  });
});
