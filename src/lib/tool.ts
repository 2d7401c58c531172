// `tool()`: a function tool defined by a schema of the user's own library. The result is a `tools[]`
// entry (parameters as JSON Schema) that also parses the model's `arguments` with that schema, and,
// given `function`, is run by `runTools`.

import { OpenRouterError } from '../core/errors';
import { StructuredOutputParseError } from './errors';
import type { ToolCallContext } from './run-tools';
import type { JSONSchemaObject, StandardSchemaV1, StandardSchemaWithJSON } from './standard-schema';
import type { ParsedOutput } from './structured-output';
import { fromSchema, parseText } from './structured-output';

/** What `tool()` takes, besides `function`. */
export interface ToolDefinitionOptions<Parameters, Validator> {
  name: string;
  description?: string | undefined;
  /** A Standard Schema that converts itself to JSON Schema, or a plain JSON Schema (then give `validator`). */
  parameters: Parameters;
  /** Validates (and types) the arguments when `parameters` is plain JSON Schema. */
  validator?: Validator;
  /** Sent as `function.strict`. Default `true`. */
  strict?: boolean | undefined;
}

/** The arguments type of a tool: the validator's output type, else the schema's, else `unknown`. */
export type ToolArguments<Parameters, Validator = undefined> = Validator extends StandardSchemaV1
  ? ParsedOutput<{ validator: Validator }>
  : ParsedOutput<{ schema: Parameters }>;

/** A tool made by `tool()`: a valid `tools[]` entry; `parse` and `function` are not sent (JSON drops functions). */
export interface ParsableTool<Args> {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters: JSONSchemaObject;
    strict: boolean;
    /** Parses `arguments` (JSON, then the schema); throws `StructuredOutputParseError`. */
    parse: (rawArguments: string) => Promise<Args>;
  };
}

/** A tool `runTools` can run. */
export interface RunnableParsableTool<Args, Result = unknown> extends ParsableTool<Args> {
  function: ParsableTool<Args>['function'] & {
    function: (args: Args, context: ToolCallContext) => Result | Promise<Result>;
  };
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * A function tool from a schema. With `function`, `runTools` runs it with the parsed arguments and
 * sends back its result (strings as they are, anything else as JSON).
 */
export function tool<
  Parameters extends StandardSchemaWithJSON | object,
  Result,
  Validator extends StandardSchemaV1 | undefined = undefined,
>(
  options: ToolDefinitionOptions<Parameters, Validator> & {
    function: (args: ToolArguments<Parameters, Validator>, context: ToolCallContext) => Result | Promise<Result>;
  },
): RunnableParsableTool<ToolArguments<Parameters, Validator>, Result>;
export function tool<
  Parameters extends StandardSchemaWithJSON | object,
  Validator extends StandardSchemaV1 | undefined = undefined,
>(
  options: ToolDefinitionOptions<Parameters, Validator> & { function?: undefined },
): ParsableTool<ToolArguments<Parameters, Validator>>;
export function tool(
  options: ToolDefinitionOptions<unknown, StandardSchemaV1 | undefined> & {
    function?: (args: unknown, context: ToolCallContext) => unknown;
  },
): ParsableTool<unknown> {
  if (typeof options !== 'object' || options === null) throw new OpenRouterError('tool() takes an options object.');
  const { name, description, parameters, validator, strict, function: run } = options;
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    throw new OpenRouterError(`tool(): name must be 1 to 64 letters, digits, "_" or "-", got ${JSON.stringify(name)}.`);
  }
  if (run !== undefined && typeof run !== 'function') {
    throw new OpenRouterError(`tool(${name}): function must be a function.`);
  }
  const where = `tool(${name})`;
  const resolved = fromSchema(parameters, validator, where);
  const what = `The arguments of tool "${name}"`;
  const parse = (rawArguments: string) => {
    if (typeof rawArguments !== 'string') {
      return Promise.reject(new StructuredOutputParseError(what, { kind: 'json', rawText: String(rawArguments) }));
    }
    // Some providers send "" for a call without arguments.
    return parseText(rawArguments.trim() === '' ? '{}' : rawArguments, resolved.validator, what);
  };
  return {
    type: 'function',
    function: {
      name,
      ...(description !== undefined && { description }),
      parameters: resolved.jsonSchema,
      strict: strict ?? true,
      parse,
      ...(run !== undefined && { function: run }),
    },
  };
}
