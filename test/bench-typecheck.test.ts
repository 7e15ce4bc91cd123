import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// npm test's `tsc --noEmit` step is what type-checks bench/ (its code runs only in `npm run
// bench`, which no test starts). This keeps bench/ inside that step.
describe('the type check of npm test', () => {
  it('covers bench/, and every script npm run bench starts', () => {
    const tsconfig = JSON.parse(readFileSync(new URL('../tsconfig.json', import.meta.url), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { include: string[]; exclude?: string[] };
    expect(tsconfig.include).toContain('bench');
    expect(tsconfig.exclude ?? []).not.toContainEqual(expect.stringMatching(/^bench/));
    const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test).toMatch(/tsc --noEmit(?! -p)/);
    expect(scripts.bench).toMatch(/bench\/run\.ts/);
  });
});
