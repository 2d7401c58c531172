// The Standard Schema and Standard JSON Schema interfaces (https://standardschema.dev), copied as the
// spec asks, so a zod, valibot or arktype schema can be used without this package depending on any
// of them. Plus the few functions that read them: validation, and conversion to JSON Schema.

import { OpenRouterError } from '../core/errors';

/** A schema of any library that implements Standard Schema v1 (zod 3.24+, valibot 1, arktype 2, ...). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/** A schema that can also describe itself as JSON Schema (zod 4.2+, arktype 2.1.28+, valibot via `toStandardJsonSchema`). */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardJSONSchemaV1.Props<Input, Output>;
}

export declare namespace StandardJSONSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly types?: StandardSchemaV1.Types<Input, Output> | undefined;
    readonly jsonSchema: Converter;
  }
  interface Converter {
    readonly input: (options: Options) => Record<string, unknown>;
    readonly output: (options: Options) => Record<string, unknown>;
  }
  type Target = 'draft-2020-12' | 'draft-07' | 'openapi-3.0' | ({} & string);
  interface Options {
    readonly target: Target;
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
}

/** A schema that validates and converts itself to JSON Schema: what `parse`, `tool()` and `runTools` take directly. */
export interface StandardSchemaWithJSON<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output> & StandardJSONSchemaV1.Props<Input, Output>;
}

/** A JSON Schema document, as a plain object. */
export type JSONSchemaObject = Record<string, unknown>;

/** The output type of a Standard Schema (what validation returns). */
export type InferSchemaOutput<Schema> = Schema extends StandardSchemaV1<unknown, infer Output> ? Output : unknown;

/** What a validation failure reports: the library's issues, each with a readable path. */
export interface SchemaIssue {
  message: string;
  /** Dotted path of the offending value (`items.0.name`), empty at the root. */
  path: string;
}

export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const props = standardProps(value);
  return props !== undefined && typeof props.validate === 'function';
}

export function hasJSONSchemaConverter(value: unknown): value is StandardJSONSchemaV1 {
  const converter = standardProps(value)?.jsonSchema as { input?: unknown } | undefined;
  return typeof converter === 'object' && converter !== null && typeof converter.input === 'function';
}

function standardProps(value: unknown): Record<string, unknown> | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  const props = (value as { '~standard'?: unknown })['~standard'];
  return typeof props === 'object' && props !== null ? (props as Record<string, unknown>) : undefined;
}

/**
 * The JSON Schema of what the model must write: the schema's *input* side (before transforms), which
 * is what validation then reads. Draft 2020-12 when the library can, else draft-07. The top-level
 * `$schema` is dropped: providers' strict modes accept a subset of JSON Schema, not its meta keywords.
 */
export function toJSONSchema(schema: StandardJSONSchemaV1, where: string): JSONSchemaObject {
  const { vendor, jsonSchema } = schema['~standard'];
  let converted: JSONSchemaObject;
  try {
    converted = convert(jsonSchema);
  } catch (cause) {
    throw new OpenRouterError(
      `${where}: the ${vendor} schema cannot be converted to JSON Schema: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  const { $schema: _dropped, ...rest } = converted;
  return rest;
}

function convert(converter: StandardJSONSchemaV1.Converter): JSONSchemaObject {
  try {
    return converter.input({ target: 'draft-2020-12' });
  } catch {
    return converter.input({ target: 'draft-07' });
  }
}

/** Why a Standard Schema without a converter cannot be sent, with the way out for the library it came from. */
export function missingConverterMessage(schema: StandardSchemaV1, where: string): string {
  const { vendor } = schema['~standard'];
  const hint =
    vendor === 'valibot'
      ? 'wrap it with toStandardJsonSchema(schema) from @valibot/to-json-schema'
      : vendor === 'zod'
        ? 'use zod 4.2 or newer, or pass { schema: z.toJSONSchema(schema), validator: schema }'
        : 'pass { schema: <its JSON Schema>, validator: schema }';
  return `${where}: the ${vendor} schema has no JSON Schema converter (~standard.jsonSchema); ${hint}.`;
}

/** Validates with the schema's own `validate` (which may be async). */
export async function validate<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
): Promise<{ ok: true; value: Output } | { ok: false; issues: SchemaIssue[] }> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return { ok: true, value: result.value };
  return { ok: false, issues: result.issues.map(toSchemaIssue) };
}

function toSchemaIssue(issue: StandardSchemaV1.Issue): SchemaIssue {
  const path = (issue.path ?? [])
    .map((segment) => String(typeof segment === 'object' && segment !== null ? segment.key : segment))
    .join('.');
  return { message: issue.message, path };
}

/** Issues as one line each, for error messages and for the text fed back to a model. */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`)).join('; ');
}
