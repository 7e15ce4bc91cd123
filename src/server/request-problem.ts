import type { TSchema } from 'typebox';
import { isUnparsable, unparsableReason } from './body-parser.js';

interface FieldSchema {
  type?: string;
  minLength?: number;
  maxLength?: number;
  /** livestat's keyword: the longest value in UTF-8 bytes (modify's theme and description). */
  'x-maxBytes'?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
}

/**
 * The 40058 detail for a body its schema refused, naming the first bad field in the schema's
 * order: `theme missing`, `theme must be a string`, `theme exceeds 20 characters`,
 * `invalid type`. Called only after the compiled check failed, so it may be slow and plain.
 * `tooLong` gives the detail of an over-long field where an endpoint has its own wording
 * (get_watch_stat: `livingid longer than 64`, `invalid next_key`).
 */
export function requestProblem(schema: TSchema, body: unknown, tooLong: TooLongDetails = {}): string {
  if (isUnparsable(body)) return unparsableReason(body);
  const object = schema as unknown as { properties: Record<string, FieldSchema>; required?: string[] };
  const required = new Set(object.required ?? []);
  if (body === undefined) return `${[...required][0] ?? 'request body'} missing`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body must be a json object';
  for (const [name, field] of Object.entries(object.properties)) {
    const problem = fieldProblem(name, field, (body as Record<string, unknown>)[name], required.has(name), tooLong[name]);
    if (problem) return problem;
  }
  return 'invalid request';
}

/** Per field name, the 40058 detail for a value over the field's maxLength. */
export type TooLongDetails = Readonly<Partial<Record<string, string>>>;

function fieldProblem(name: string, field: FieldSchema, value: unknown, required: boolean, tooLong: string | undefined): string | undefined {
  if (value === undefined || value === null) return required ? `${name} missing` : undefined;
  if (field.type === 'string') {
    if (typeof value !== 'string') return `${name} must be a string`;
    if (value === '' && (field.minLength ?? 0) > 0) return `${name} missing`;
    // Bytes before characters: a value over its byte limit is reported in bytes even when it
    // also has too many characters.
    const maxBytes = field['x-maxBytes'];
    if (maxBytes !== undefined && Buffer.byteLength(value, 'utf8') > maxBytes) return `${name} exceeds ${maxBytes} bytes`;
    // Characters are code points, as JSON Schema (and TypeBox) count them.
    if (field.maxLength !== undefined && [...value].length > field.maxLength) return tooLong ?? `${name} exceeds ${field.maxLength} characters`;
    if (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(value)) return `invalid ${name}`;
    return undefined;
  }
  if (field.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${name} must be an integer`;
    if (field.enum && !field.enum.includes(value)) return `invalid ${name}`;
    if (field.minimum !== undefined && value < field.minimum) return `invalid ${name}`;
    if (field.maximum !== undefined && value > field.maximum) return `${name} exceeds ${field.maximum}`;
  }
  return undefined;
}

/**
 * A check for the `x-maxBytes` limits a compiled schema cannot see: true when some string field of
 * the body is over its limit. Undefined when the schema has none, so most endpoints pay nothing.
 */
export function byteLimitCheck(schema: TSchema): ((body: unknown) => boolean) | undefined {
  const properties = (schema as unknown as { properties?: Record<string, FieldSchema> }).properties ?? {};
  const limits = Object.entries(properties).flatMap(([name, field]) => (field['x-maxBytes'] === undefined ? [] : [[name, field['x-maxBytes']] as const]));
  if (limits.length === 0) return undefined;
  return (body) =>
    limits.some(([name, max]) => {
      const value = (body as Record<string, unknown>)[name];
      return typeof value === 'string' && Buffer.byteLength(value, 'utf8') > max;
    });
}
