// Arguments for a call of any operation, built from its schemas in openapi/openapi.yaml: `required`
// gives only what the schema requires, `full` adds the optional fields too. Leaves take the schema's
// own example, const, first enum value or default, else a value of the right type within its bounds.
import type { OpenAPIDocument } from '../support/spec-validator';

export type SampleMode = 'required' | 'full';
// biome-ignore lint/suspicious/noExplicitAny: schemas are read as plain data
type Schema = any;

const MAX_DEPTH = 6;

export function deref(spec: OpenAPIDocument, node: Schema): Schema {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 20; hops++) {
    current = String(current.$ref)
      .slice(2)
      .split('/')
      .reduce((at: Schema, key: string) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
  }
  return current;
}

function isNull(schema: Schema): boolean {
  return (
    schema?.type === 'null' || (Array.isArray(schema?.enum) && schema.enum.length === 1 && schema.enum[0] === null)
  );
}

const SHAPING_KEYWORDS = ['$ref', 'type', 'properties', 'anyOf', 'oneOf', 'allOf', 'enum', 'const', 'items'];
function isAnnotation(schema: Schema): boolean {
  return typeof schema === 'object' && schema !== null && !SHAPING_KEYWORDS.some((key) => key in schema);
}

/** A value that satisfies `schema`; `full` includes optional properties (at the top `fullDepth` levels). */
export function sample(spec: OpenAPIDocument, node: Schema, mode: SampleMode, depth = 0): unknown {
  const schema = deref(spec, node);
  if (schema === undefined || schema === null || schema === true) return 'sample';
  if (schema.const !== undefined) return schema.const;
  if (schema.example !== undefined && typeof schema.example !== 'object') return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0 && typeof schema.examples[0] !== 'object') {
    return schema.examples[0];
  }
  if (Array.isArray(schema.enum)) return schema.enum.find((value: unknown) => value !== null) ?? null;
  if (schema.default !== undefined && typeof schema.default !== 'object') return schema.default;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) {
    const choice = alternatives.find((alternative: Schema) => !isNull(deref(spec, alternative))) ?? alternatives[0];
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    const chosen = sample(spec, choice, mode, depth);
    const own = rest.properties || rest.required ? sample(spec, { type: 'object', ...rest }, mode, depth) : undefined;
    return own && typeof own === 'object' && typeof chosen === 'object' ? { ...own, ...chosen } : chosen;
  }
  if (Array.isArray(schema.allOf)) {
    let merged: Record<string, unknown> = {};
    for (const part of schema.allOf) {
      if (isAnnotation(part)) continue; // `{ description }` beside a $ref says nothing about the value
      const value = sample(spec, part, mode, depth);
      if (value && typeof value === 'object' && !Array.isArray(value)) merged = { ...merged, ...value };
      else return value;
    }
    return merged;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (type === 'object' || (type === undefined && schema.properties)) {
    const result: Record<string, unknown> = {};
    if (depth > MAX_DEPTH) return result;
    const required: string[] = schema.required ?? [];
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const include = required.includes(name) || (mode === 'full' && depth === 0);
      if (include) result[name] = sample(spec, property, mode, depth + 1);
    }
    return result;
  }
  if (type === 'array') {
    if (depth > MAX_DEPTH) return [];
    const count = Math.max(1, schema.minItems ?? 1);
    return Array.from({ length: count }, () => sample(spec, schema.items, mode, depth + 1));
  }
  if (type === 'integer' || type === 'number') {
    if (typeof schema.minimum === 'number') return schema.minimum;
    if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1;
    if (typeof schema.maximum === 'number') return Math.min(1, schema.maximum);
    return 1;
  }
  if (type === 'boolean') return false;
  if (schema.format === 'date-time') return '2025-01-01T00:00:00Z';
  if (schema.format === 'date') return '2025-01-01';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/';
  if (schema.format === 'uuid') return '550e8400-e29b-41d4-a716-446655440000';
  if (schema.format === 'email') return 'user@example.com';
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 1;
  return 'sample'.padEnd(minLength, 's');
}
