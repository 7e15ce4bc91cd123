import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { UsageError } from './options.js';
import { SERVE_FLAGS, type ServeFlag, camelName, envName } from './serve-flags.js';

/** Values by camelCase option name, as commander names them. */
export type OptionValues = Record<string, unknown>;

function flagSchema(flag: ServeFlag): TSchema {
  if (flag.choices) return Type.Union(flag.choices.map((c) => Type.Literal(flag.kind === 'int' ? Number(c) : c)));
  switch (flag.kind) {
    case 'int':
      return Type.Integer({ minimum: flag.min ?? Number.MIN_SAFE_INTEGER, maximum: flag.max ?? Number.MAX_SAFE_INTEGER });
    case 'bool':
      return Type.Boolean();
    case 'list':
      return Type.Array(Type.String({ minLength: 1 }));
    default:
      return Type.String({ minLength: 1 });
  }
}

/** The config file's schema: an object whose keys are serve's flag names (e.g. "rate-limit-per-minute"). */
const CONFIG_FILE_SCHEMA = Type.Object(Object.fromEntries(SERVE_FLAGS.map((f) => [f.name, Type.Optional(flagSchema(f))])), { additionalProperties: false });

/** A value of `flag` written as text (a flag's argument or an environment variable). */
export function parseFlagText(flag: ServeFlag, text: string, where: string): unknown {
  const bad = (why: string) => new UsageError(`${where}: ${why}`);
  if (flag.choices && !flag.choices.includes(text)) throw bad(`must be one of ${flag.choices.join(', ')}`);
  switch (flag.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(text)) throw bad('must be an integer');
      const n = Number(text);
      if (n < (flag.min ?? -Infinity) || n > (flag.max ?? Infinity)) throw bad(`must be between ${flag.min} and ${flag.max}`);
      return n;
    }
    case 'bool':
      if (/^(1|true|yes|on)$/i.test(text)) return true;
      if (/^(0|false|no|off)$/i.test(text)) return false;
      throw bad('must be true or false');
    case 'list':
      // Several files or faults in one variable are separated by commas.
      return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    default:
      return text;
  }
}

/** Reads and checks a config file; errors name the file and the key. Relative paths are taken from the file's folder. */
export async function readConfigFile(file: string): Promise<OptionValues> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${file}: must be a JSON object of serve's flags, e.g. {"port": 8080}`);
  const known = new Set(SERVE_FLAGS.map((f) => f.name));
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new UsageError(`${file}: ${unknown[0]}: unknown key (the keys are serve's flags without --, e.g. "rate-limit-per-minute")`);
  const errors = [...Value.Errors(CONFIG_FILE_SCHEMA, raw)] as { instancePath: string; message: string }[];
  const first = errors.find((e) => e.instancePath !== '') ?? errors[0];
  if (first) {
    const key = first.instancePath.split('/')[1] ?? '';
    const flag = SERVE_FLAGS.find((f) => f.name === key);
    const expected = flag?.choices ? `must be one of ${flag.choices.join(', ')}` : first.message;
    throw new UsageError(`${file}: ${key || '(top level)'}: ${expected}`);
  }
  const values: OptionValues = {};
  const base = dirname(resolve(file));
  for (const flag of SERVE_FLAGS) {
    const value = (raw as Record<string, unknown>)[flag.name];
    if (value === undefined) continue;
    const inFolder = (p: string) => (p === ':memory:' ? p : resolve(base, p));
    values[camelName(flag.name)] = flag.path ? (Array.isArray(value) ? value.map((p: string) => inFolder(p)) : inFolder(value as string)) : value;
  }
  return values;
}

/** Where each value came from, for tests and error messages. */
export type ValueSource = 'flag' | 'env' | 'file' | 'default';

/**
 * serve's options: each from its flag, else LIVESTAT_<NAME> (else an older variable such as
 * PORT), else the config file, else the default.
 */
export function resolveServeOptions(cli: OptionValues, env: NodeJS.ProcessEnv, file: OptionValues = {}): { options: OptionValues; sources: Record<string, ValueSource> } {
  const options: OptionValues = {};
  const sources: Record<string, ValueSource> = {};
  for (const flag of SERVE_FLAGS) {
    const key = camelName(flag.name);
    const variable = [envName(flag.name), flag.legacyEnv].find((v) => v !== undefined && env[v] !== undefined && env[v] !== '');
    let value: unknown;
    let source: ValueSource;
    if (cli[key] !== undefined) [value, source] = [cli[key], 'flag'];
    else if (variable) [value, source] = [parseFlagText(flag, env[variable]!, variable), 'env'];
    else if (file[key] !== undefined) [value, source] = [file[key], 'file'];
    else [value, source] = [flag.default, 'default'];
    if (value !== undefined) options[key] = value;
    sources[key] = source;
  }
  return { options, sources };
}
