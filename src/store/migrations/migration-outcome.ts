/** What became of one migration in a run: the migrator reports each instead of throwing half-way. */
export interface MigrationOutcome {
  version: number;
  name: string;
  outcome: 'applied' | 'already applied' | 'failed' | 'not run';
  /** Why it failed (outcome 'failed' only). */
  error?: string;
}

/** A database whose migrations did not all apply: the store must not open on it. */
class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(readonly outcomes: readonly MigrationOutcome[]) {
    const failed = outcomes.find((o) => o.outcome === 'failed');
    super(failed ? `migration ${failed.version} (${failed.name}) failed: ${failed.error ?? 'unknown error'}` : 'migrations incomplete');
  }
}

/** Throws MigrationError unless every migration is applied. */
export function assertMigrated(outcomes: readonly MigrationOutcome[]): void {
  if (outcomes.some((o) => o.outcome === 'failed' || o.outcome === 'not run')) throw new MigrationError(outcomes);
}
