// tool(): the tools[] entry it builds from a schema, and how it parses a model's arguments.
import { toJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenRouterError, StructuredOutputParseError, tool } from '../../src';
import { rejectionOf, thrownBy } from './support/client';

describe('tool()', () => {
  it('turns an arktype schema into a function tool with JSON Schema parameters', () => {
    const search = tool({ name: 'search', description: 'Search the web', parameters: type({ query: 'string' }) });
    expect(JSON.parse(JSON.stringify(search))).toEqual({
      type: 'function',
      function: {
        name: 'search',
        description: 'Search the web',
        parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
        strict: true,
      },
    });
  });

  it('parses arguments with the schema, output side included', async () => {
    const add = tool({
      name: 'add',
      parameters: z.strictObject({ a: z.number(), b: z.string().transform(Number) }),
      strict: false,
    });
    expect(add.function.strict).toBe(false);
    expect(await add.function.parse('{"a":1,"b":"2"}')).toEqual({ a: 1, b: 2 });
  });

  it('reads empty arguments (some providers send "" for a call without any) as {}', async () => {
    const ping = tool({ name: 'ping', parameters: z.strictObject({}) });
    expect(await ping.function.parse('')).toEqual({});
  });

  it('rejects bad arguments with StructuredOutputParseError naming the tool', async () => {
    const add = tool({ name: 'add', parameters: z.strictObject({ a: z.number() }) });
    const notJson = (await rejectionOf(add.function.parse('{a:1}'))) as StructuredOutputParseError;
    expect(notJson).toBeInstanceOf(StructuredOutputParseError);
    expect(notJson.kind).toBe('json');
    expect(notJson.message).toMatch(/^The arguments of tool "add" is not valid JSON/);
    const mismatch = (await rejectionOf(add.function.parse('{"a":"one"}'))) as StructuredOutputParseError;
    expect(mismatch.kind).toBe('schema');
    expect(mismatch.rawText).toBe('{"a":"one"}');
  });

  it('takes a plain JSON Schema with a validator', async () => {
    const schema = v.object({ city: v.string() });
    const weather = tool({ name: 'weather', parameters: toJsonSchema(schema), validator: schema });
    expect(weather.function.parameters).toEqual(toJsonSchema(schema));
    expect((await rejectionOf(weather.function.parse('{"city":3}'))) as Error).toBeInstanceOf(
      StructuredOutputParseError,
    );
  });

  it('refuses a bad name or a schema without a converter, at once', () => {
    expect(thrownBy(() => tool({ name: 'web search', parameters: type({ q: 'string' }) }))).toBeInstanceOf(
      OpenRouterError,
    );
    const error = thrownBy(() => tool({ name: 'x', parameters: v.object({ q: v.string() }) as never }));
    expect((error as Error).message).toMatch(/tool\(x\): the valibot schema has no JSON Schema converter/);
  });
});
