// Structured outputs: a schema of the user's own library in, the request's `response_format` (or the
// Responses API's `text.format`) out, and the answer's text parsed and validated back into a typed
// value. Independent of the resources, which only delegate here.

import type { ChatCompletion } from '../../generated/types.gen';
import { OpenRouterError } from '../core/errors';
import { ContentFilterFinishReasonError, LengthFinishReasonError, StructuredOutputParseError } from './errors';
import {
  hasJSONSchemaConverter,
  isStandardSchema,
  type JSONSchemaObject,
  missingConverterMessage,
  type StandardSchemaV1,
  type StandardSchemaWithJSON,
  toJSONSchema,
  validate,
} from './standard-schema';

/**
 * A named JSON Schema format. `schema` is a Standard Schema that converts itself (zod 4.2+, arktype,
 * valibot through `toStandardJsonSchema`), or a plain JSON Schema object; with a plain one, give
 * `validator` (any Standard Schema) to have the answer validated and typed, else it is only JSON-parsed.
 */
export interface JSONSchemaFormat<Output = unknown> {
  /** The format's name, sent as `json_schema.name` (letters, digits, `_` and `-`, at most 64). */
  name: string;
  description?: string | undefined;
  /** Asks the provider to follow the schema exactly. Default `true`. */
  strict?: boolean | undefined;
  /** Any object type is accepted as JSON Schema (interfaces such as valibot's `JsonSchema` have no index signature). */
  schema: StandardSchemaWithJSON<unknown, Output> | object;
  validator?: StandardSchemaV1<unknown, Output> | undefined;
}

/** What `response_format` of `parse()` takes: a schema (named `response`), or a named format. */
export type StructuredOutputFormat<Output = unknown> =
  | StandardSchemaWithJSON<unknown, Output>
  | JSONSchemaFormat<Output>;

/** The type `parsed` gets from a format: the schema's output type, `unknown` for a bare JSON Schema. */
export type ParsedOutput<Format> = Format extends { readonly '~standard': infer Props }
  ? StandardOutput<Props>
  : Format extends { validator: infer Validator }
    ? Validator extends { readonly '~standard': infer Props }
      ? StandardOutput<Props>
      : ParsedOutput<Omit<Format, 'validator'>>
    : Format extends { schema: { readonly '~standard': infer Props } }
      ? StandardOutput<Props>
      : unknown;

type StandardOutput<Props> = Props extends { readonly types?: infer Types }
  ? NonNullable<Types> extends { readonly output: infer Output }
    ? Output
    : unknown
  : unknown;

/** A format reduced to what is sent and what validates. */
export interface ResolvedFormat {
  name: string;
  description?: string;
  strict: boolean;
  jsonSchema: JSONSchemaObject;
  validator?: StandardSchemaV1;
}

const FORMAT_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Checks a format and converts its schema, before any request: a bad format throws an `OpenRouterError` naming the problem. */
export function resolveFormat(format: unknown, where: string): ResolvedFormat {
  if (isStandardSchema(format)) return { name: 'response', strict: true, ...fromSchema(format, undefined, where) };
  if (typeof format !== 'object' || format === null) {
    throw new OpenRouterError(
      `${where}: response_format must be a schema (zod, valibot, arktype, ...) or { name, schema }, got ${format === null ? 'null' : typeof format}.`,
    );
  }
  if ('type' in format && !('schema' in format)) {
    throw new OpenRouterError(
      `${where}: response_format must be a schema or { name, schema }; a ready-made { type: ... } format goes to create().`,
    );
  }
  const { name, description, strict, schema, validator } = format as Partial<JSONSchemaFormat>;
  if (typeof name !== 'string' || !FORMAT_NAME.test(name)) {
    throw new OpenRouterError(
      `${where}: the format's name must be 1 to 64 letters, digits, "_" or "-", got ${JSON.stringify(name)}.`,
    );
  }
  if (description !== undefined && typeof description !== 'string') {
    throw new OpenRouterError(`${where}: the format's description must be a string.`);
  }
  if (strict !== undefined && typeof strict !== 'boolean') {
    throw new OpenRouterError(`${where}: the format's strict must be a boolean.`);
  }
  if (validator !== undefined && !isStandardSchema(validator)) {
    throw new OpenRouterError(`${where}: validator must be a Standard Schema (an object with ~standard.validate).`);
  }
  return {
    name,
    ...(description !== undefined && { description }),
    strict: strict ?? true,
    ...fromSchema(schema, validator, where),
  };
}

/** The JSON Schema to send and the validator of a schema given as a Standard Schema or as plain JSON Schema. */
export function fromSchema(
  schema: unknown,
  validator: StandardSchemaV1 | undefined,
  where: string,
): { jsonSchema: JSONSchemaObject; validator?: StandardSchemaV1 } {
  // arktype's schemas are functions.
  if (isStandardSchema(schema)) {
    if (!hasJSONSchemaConverter(schema)) throw new OpenRouterError(missingConverterMessage(schema, where));
    return { jsonSchema: toJSONSchema(schema, where), validator: validator ?? schema };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema) || '~standard' in schema) {
    throw new OpenRouterError(`${where}: schema must be a Standard Schema or a JSON Schema object.`);
  }
  return { jsonSchema: schema as JSONSchemaObject, ...(validator !== undefined && { validator }) };
}

/** The Chat Completions `response_format` for a format: `{ type: 'json_schema', json_schema: { name, schema, strict } }`. */
export function toResponseFormat(format: StructuredOutputFormat | ResolvedFormat): {
  type: 'json_schema';
  json_schema: { name: string; description?: string; schema: JSONSchemaObject; strict: boolean };
} {
  const resolved = isResolved(format) ? format : resolveFormat(format, 'toResponseFormat');
  return {
    type: 'json_schema',
    json_schema: {
      name: resolved.name,
      ...(resolved.description !== undefined && { description: resolved.description }),
      schema: resolved.jsonSchema,
      strict: resolved.strict,
    },
  };
}

/** The Responses API's `text.format` for a format: `{ type: 'json_schema', name, schema, strict }`. */
export function toResponsesTextFormat(format: StructuredOutputFormat | ResolvedFormat): {
  type: 'json_schema';
  name: string;
  description?: string;
  schema: JSONSchemaObject;
  strict: boolean;
} {
  const { json_schema } = toResponseFormat(format);
  return { type: 'json_schema', ...json_schema };
}

function isResolved(format: unknown): format is ResolvedFormat {
  return typeof format === 'object' && format !== null && 'jsonSchema' in format && !('~standard' in format);
}

/** Parses one answer's text (JSON, then the validator if any); `what` names it in the error. */
export async function parseText(text: string, validator: StandardSchemaV1 | undefined, what: string): Promise<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new StructuredOutputParseError(what, { kind: 'json', rawText: text, cause });
  }
  if (validator === undefined) return value;
  const result = await validate(validator, value);
  if (!result.ok) throw new StructuredOutputParseError(what, { kind: 'schema', rawText: text, issues: result.issues });
  return result.value;
}

// ---- Chat Completions ----

/** The shape of a chat completion this module reads (the generated `ChatCompletion`, the default, fits it). */
interface CompletionLike {
  choices: ReadonlyArray<{
    finish_reason?: string | null;
    message: { content?: unknown; refusal?: string | null; tool_calls?: ReadonlyArray<ToolCallLike> };
  }>;
}
interface ToolCallLike {
  function: { name: string; arguments: string };
}

/** A tool whose arguments can be parsed: what `tool()` makes. */
interface ParsableToolLike {
  type: 'function';
  function: { name: string; parse?: (rawArguments: string) => unknown };
}

/**
 * A completion with `parsed` on each choice's message, and `parsed_arguments` on tool calls of tools
 * that can parse (those made by `tool()`, or with a `parse` function). Follows openai-node: a
 * refusal (or empty content) gives `parsed: null`; `finish_reason` `length` throws
 * `LengthFinishReasonError` and `content_filter` throws `ContentFilterFinishReasonError`.
 */
export type ParsedChatCompletion<Output, Completion extends CompletionLike = ChatCompletion> = Omit<
  Completion,
  'choices'
> & {
  choices: Array<
    Omit<Completion['choices'][number], 'message'> & {
      message: Omit<Completion['choices'][number]['message'], 'tool_calls'> & {
        /** The content parsed and validated by the schema; `null` on a refusal or an empty answer. */
        parsed: Output | null;
        tool_calls?: Array<
          NonNullable<Completion['choices'][number]['message']['tool_calls']>[number] & {
            /** The arguments parsed by the tool's schema, for tools that can parse them. */
            parsed_arguments?: unknown;
          }
        >;
      };
    }
  >;
};

export async function parseCompletion<Completion extends CompletionLike, Format extends StructuredOutputFormat>(
  completion: Completion,
  format: Format | ResolvedFormat | undefined,
  tools?: readonly unknown[],
): Promise<ParsedChatCompletion<ParsedOutput<Format>, Completion>> {
  const resolved = format === undefined || isResolved(format) ? format : resolveFormat(format, 'parseCompletion');
  const parsers = toolParsers(tools);
  const choices = await Promise.all(
    completion.choices.map(async (choice) => {
      if (choice.finish_reason === 'length') throw new LengthFinishReasonError(completion);
      if (choice.finish_reason === 'content_filter') throw new ContentFilterFinishReasonError(completion);
      const { message } = choice;
      const text = contentText(message.content);
      const parsed =
        resolved === undefined || message.refusal || text === undefined || text === ''
          ? null
          : await parseText(text, resolved.validator, 'The completion content');
      const toolCalls =
        message.tool_calls && (await Promise.all(message.tool_calls.map((call) => withArguments(call, parsers))));
      return { ...choice, message: { ...message, parsed, ...(toolCalls !== undefined && { tool_calls: toolCalls }) } };
    }),
  );
  return { ...completion, choices } as unknown as ParsedChatCompletion<ParsedOutput<Format>, Completion>;
}

/** The text of message content: a string as is, text parts joined; `undefined` when there is none. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.flatMap((part: { type?: unknown; text?: unknown }) =>
    part?.type === 'text' && typeof part.text === 'string' ? [part.text] : [],
  );
  return texts.length > 0 ? texts.join('') : undefined;
}

function toolParsers(tools: readonly unknown[] | undefined): Map<string, (raw: string) => unknown> {
  const parsers = new Map<string, (raw: string) => unknown>();
  for (const tool of tools ?? []) {
    const fn = (tool as Partial<ParsableToolLike> | null)?.function;
    if (fn && typeof fn.name === 'string' && typeof fn.parse === 'function') parsers.set(fn.name, fn.parse);
  }
  return parsers;
}

async function withArguments<Call extends ToolCallLike>(
  call: Call,
  parsers: Map<string, (raw: string) => unknown>,
): Promise<Call & { parsed_arguments?: unknown }> {
  const parse = parsers.get(call.function.name);
  return parse === undefined ? call : { ...call, parsed_arguments: await parse(call.function.arguments) };
}

// ---- Responses API ----

/** The shape of a Responses API response this module reads. */
export interface ResponseLike {
  status?: string | null;
  incomplete_details?: { reason?: string | null } | null;
  output: ReadonlyArray<{ type: string; content?: ReadonlyArray<{ type: string; text?: string; refusal?: string }> }>;
}

/**
 * A response with `output_parsed` (the first `output_text` of a message, parsed; `null` when the
 * model refused) and `parsed` on every `output_text` content item, as openai-node's
 * `responses.parse` does. An answer that is `incomplete` because of `max_output_tokens` or the
 * content filter throws `LengthFinishReasonError` / `ContentFilterFinishReasonError` (openai-node
 * leaves those to fail as invalid JSON).
 */
export type ParsedResponse<Response extends ResponseLike, Output> = Response & { output_parsed: Output | null };

export async function parseResponse<Response extends ResponseLike, Format extends StructuredOutputFormat>(
  response: Response,
  format: Format | ResolvedFormat,
): Promise<ParsedResponse<Response, ParsedOutput<Format>>> {
  const resolved = isResolved(format) ? format : resolveFormat(format, 'parseResponse');
  if (response.status === 'incomplete') {
    const reason = response.incomplete_details?.reason;
    if (reason === 'max_output_tokens') throw new LengthFinishReasonError(response);
    if (reason === 'content_filter') throw new ContentFilterFinishReasonError(response);
  }
  const output = await Promise.all(
    response.output.map(async (item) => {
      if (item.type !== 'message' || item.content === undefined) return item;
      const content = await Promise.all(
        item.content.map(async (part) => {
          if (part.type !== 'output_text' || typeof part.text !== 'string') return part;
          return { ...part, parsed: await parseText(part.text, resolved.validator, 'The response output_text') };
        }),
      );
      return { ...item, content };
    }),
  );
  const firstText = output
    .flatMap((item) => (item.content ?? []) as Array<{ type: string; parsed?: unknown }>)
    .find((part) => part.type === 'output_text');
  const outputParsed = firstText === undefined ? null : firstText.parsed;
  return { ...response, output, output_parsed: outputParsed } as ParsedResponse<Response, ParsedOutput<Format>>;
}
