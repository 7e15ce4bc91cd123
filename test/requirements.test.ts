import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresUnavailable } from './support/postgres.js';
import { MissingDependencyError, NEEDS_CHROMIUM, NEEDS_POSTGRES, chromiumMissing, missingDependency } from './support/requirements.js';

// The check that globalSetup and the browser suite run, given paths that do not exist.
const NOWHERE = join(tmpdir(), 'livestat-no-such-dir', 'bin');

describe('a missing PostgreSQL or Chromium', () => {
  it('is named with its path', () => {
    expect(postgresUnavailable(NOWHERE, {})).toBe(`no PostgreSQL binaries at ${NOWHERE} (apt-get install postgresql, or set LIVESTAT_TEST_DATABASE_URL)`);
    expect(chromiumMissing(join(NOWHERE, 'chromium'))).toBe(`${join(NOWHERE, 'chromium')} is missing (apt-get install chromium)`);
  });

  it('fails the run when LIVESTAT_REQUIRE_POSTGRES=1 or LIVESTAT_REQUIRE_CHROMIUM=1', () => {
    const env = { LIVESTAT_REQUIRE_POSTGRES: '1', LIVESTAT_REQUIRE_CHROMIUM: '1' };
    expect(() => missingDependency(NEEDS_POSTGRES, postgresUnavailable(NOWHERE, env), env)).toThrow(
      new MissingDependencyError(`PostgreSQL is required (LIVESTAT_REQUIRE_POSTGRES=1) but missing: no PostgreSQL binaries at ${NOWHERE} (apt-get install postgresql, or set LIVESTAT_TEST_DATABASE_URL)`),
    );
    expect(() => missingDependency(NEEDS_CHROMIUM, chromiumMissing(join(NOWHERE, 'chromium')), env)).toThrow(MissingDependencyError);
    expect(() => missingDependency(NEEDS_CHROMIUM, chromiumMissing(join(NOWHERE, 'chromium')), env)).toThrow(/^Chromium is required \(LIVESTAT_REQUIRE_CHROMIUM=1\) but missing: /);
  });

  it('is a one-line notice without them (the tests that need it skip)', () => {
    const notice = missingDependency(NEEDS_POSTGRES, postgresUnavailable(NOWHERE, {}), {});
    expect(notice).toBe(`PostgreSQL tests not run: no PostgreSQL binaries at ${NOWHERE} (apt-get install postgresql, or set LIVESTAT_TEST_DATABASE_URL) (set LIVESTAT_REQUIRE_POSTGRES=1 to make this fail)`);
    expect(notice).not.toContain('\n');
    // Only "1" requires: an unrelated value does not turn a notice into a failure.
    expect(missingDependency(NEEDS_CHROMIUM, chromiumMissing(join(NOWHERE, 'chromium')), { LIVESTAT_REQUIRE_POSTGRES: '1' })).toMatch(/^Chromium tests not run: /);
  });

  it('is neither when the dependency is there', () => {
    const env = { LIVESTAT_REQUIRE_POSTGRES: '1', LIVESTAT_REQUIRE_CHROMIUM: '1' };
    // An executable that exists; a run given a cluster URL needs no local binaries.
    expect(missingDependency(NEEDS_CHROMIUM, chromiumMissing(process.execPath), env)).toBeUndefined();
    expect(postgresUnavailable(NOWHERE, { LIVESTAT_TEST_DATABASE_URL: 'postgres://somewhere/db' })).toBeUndefined();
  });
});
