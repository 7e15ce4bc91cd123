import { InvalidArgumentError } from 'commander';

/** A commander parser for an integer option within bounds (its message becomes the one-line error). */
export function intOption(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`must be an integer`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`must be between ${min} and ${max}`);
    return n;
  };
}

/** A commander parser that collects a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A one-line usage error: the CLI prints it and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
