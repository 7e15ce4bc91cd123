import { describe, expect, it } from 'vitest';
import { HOSTILE_NAMES } from '../../test/support/hostile-names.js';
import { looksLikeFormula, neutralizeFormula } from './spreadsheet-safety.js';


describe('neutralizeFormula', () => {
  it.each(HOSTILE_NAMES)('puts an apostrophe before %j and keeps the rest', (name) => {
    expect(looksLikeFormula(name)).toBe(true);
    expect(neutralizeFormula(name)).toBe(`'${name}`);
  });

  it.each(['万强', 'Smith, John', 'a=b', 'x-1', 'mail@example.com', '', '🎉 =party', "'quoted"])('leaves %j alone', (name) => {
    expect(looksLikeFormula(name)).toBe(false);
    expect(neutralizeFormula(name)).toBe(name);
  });
});
