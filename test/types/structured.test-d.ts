// Structured outputs and the tool loop: `parsed` and tool arguments are typed by the user's own
// schema library, with no cast; a wrong field does not compile.
import { toJsonSchema, toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import {
  type APIPromise,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRunner,
  type ChatCompletionStreamingRunner,
  type ChatMessage,
  type OpenRouter,
  type ParsedChatCompletion,
  parseResponse,
  type RunnableTool,
  tool,
} from '../../src';

declare const client: OpenRouter;
const messages = [{ role: 'user' as const, content: 'Hi' }];
/** The type of `choices[i].message.parsed`. */
declare function parsedOf<Parsed>(completion: { choices: Array<{ message: { parsed: Parsed } }> }): Parsed;
interface Weather {
  city: string;
  celsius: number;
}

describe('chat.completions.parse: parsed is typed from the schema', () => {
  test('zod', async () => {
    const schema = z.strictObject({ city: z.string(), celsius: z.number() });
    const result = await client.chat.completions.parse({ messages, response_format: schema });
    expectTypeOf(parsedOf(result)).toEqualTypeOf<Weather | null>();
    // @ts-expect-error a field the schema does not have
    result.choices[0]?.message.parsed?.temperature;
  });

  test('zod transforms: the output type, not the input', async () => {
    const schema = z.object({ at: z.string().transform((text) => text.length) });
    const result = await client.chat.completions.parse({ messages, response_format: schema });
    expectTypeOf(parsedOf(result)).toEqualTypeOf<{ at: number } | null>();
  });

  test('valibot through toStandardJsonSchema', async () => {
    const schema = toStandardJsonSchema(v.strictObject({ city: v.string(), celsius: v.number() }));
    const result = await client.chat.completions.parse({ messages, response_format: schema });
    expectTypeOf(parsedOf(result)).toEqualTypeOf<Weather | null>();
  });

  test('valibot as plain JSON Schema plus the schema as validator', async () => {
    const schema = v.strictObject({ city: v.string(), celsius: v.number() });
    const result = await client.chat.completions.parse({
      messages,
      response_format: { name: 'weather', schema: toJsonSchema(schema), validator: schema },
    });
    expectTypeOf(parsedOf(result)).toEqualTypeOf<Weather | null>();
  });

  test('arktype', async () => {
    const schema = type({ city: 'string', celsius: 'number' });
    const result = await client.chat.completions.parse({ messages, response_format: { name: 'w', schema } });
    expectTypeOf(parsedOf(result)).toEqualTypeOf<Weather | null>();
  });

  test('a bare JSON Schema gives unknown; no response_format gives null', async () => {
    const loose = await client.chat.completions.parse({
      messages,
      response_format: { name: 'loose', schema: { type: 'object' } },
    });
    expectTypeOf(parsedOf(loose)).toEqualTypeOf<unknown>();
    const none = await client.chat.completions.parse({ messages });
    expectTypeOf(parsedOf(none)).toEqualTypeOf<null>();
  });

  test('parse returns an APIPromise of ParsedChatCompletion<Output>, with the completion fields', () => {
    const promise = client.chat.completions.parse({ messages, response_format: type({ a: 'string' }) });
    expectTypeOf(promise).toEqualTypeOf<APIPromise<ParsedChatCompletion<{ a: string }>>>();
    expectTypeOf<Awaited<typeof promise>['id']>().toEqualTypeOf<string>();
  });

  test('a format that is not a schema does not compile', () => {
    // @ts-expect-error response_format must be a schema or { name, schema }
    client.chat.completions.parse({ messages, response_format: { type: 'json_object' } });
    // @ts-expect-error parse does not stream
    client.chat.completions.parse({ messages, response_format: type({ a: 'string' }), stream: true });
  });

  test('the other request fields keep their types (the request type has an index signature)', () => {
    // @ts-expect-error temperature is a number
    client.chat.completions.parse({ messages, temperature: 'hot' });
    // @ts-expect-error messages are required
    client.chat.completions.parse({ response_format: type({ a: 'string' }) });
  });

  test('parseResponse types output_parsed', async () => {
    const response = { output: [{ type: 'message', content: [{ type: 'output_text', text: '{}' }] }], id: 'x' };
    const parsed = await parseResponse(response, z.object({ ok: z.boolean() }));
    expectTypeOf(parsed.output_parsed).toEqualTypeOf<{ ok: boolean } | null>();
    expectTypeOf(parsed.id).toEqualTypeOf<string>();
  });
});

describe('tool(): arguments typed from the schema', () => {
  test('zod parameters type the function arguments', () => {
    tool({
      name: 'get_weather',
      parameters: z.object({ city: z.string(), days: z.number().optional() }),
      function: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ city: string; days?: number | undefined }>();
        // @ts-expect-error a misspelt argument
        args.cty;
        return 'ok';
      },
    });
  });

  test('arktype and valibot parameters', () => {
    tool({
      name: 'a',
      parameters: type({ n: 'number' }),
      function: (args) => expectTypeOf(args).toEqualTypeOf<{ n: number }>(),
    });
    tool({
      name: 'b',
      parameters: toStandardJsonSchema(v.object({ n: v.number() })),
      function: (args) => expectTypeOf(args).toEqualTypeOf<{ n: number }>(),
    });
  });

  test('a tool without function is a plain tools[] entry for create()', () => {
    const definition = tool({ name: 'a', parameters: z.object({ n: z.number() }) });
    client.chat.completions.create({ messages, tools: [definition] });
    expectTypeOf(definition.function.parse).returns.resolves.toEqualTypeOf<{ n: number }>();
  });
});

describe('chat.completions.runTools', () => {
  const weather = tool({
    name: 'get_weather',
    parameters: z.object({ city: z.string() }),
    function: ({ city }) => city,
  });

  test('returns a runner; with stream: true a streaming runner that yields chunks', () => {
    const runner = client.chat.completions.runTools({ messages, tools: [weather] });
    expectTypeOf(runner).toEqualTypeOf<ChatCompletionRunner<ChatMessage, ChatCompletion, ChatCompletionChunk>>();
    expectTypeOf(runner.messages).toEqualTypeOf<ChatMessage[]>();
    expectTypeOf(runner.finalMessage()).resolves.toEqualTypeOf<ChatCompletion['choices'][number]['message']>();
    expectTypeOf(runner.finalContent()).toEqualTypeOf<Promise<string | null>>();
    expectTypeOf(runner).not.toExtend<AsyncIterable<unknown>>();
    const streaming = client.chat.completions.runTools({ messages, tools: [weather], stream: true });
    expectTypeOf(streaming).toEqualTypeOf<
      ChatCompletionStreamingRunner<ChatMessage, ChatCompletion, ChatCompletionChunk>
    >();
    expectTypeOf(streaming).toExtend<AsyncIterable<ChatCompletionChunk>>();
  });

  test("an inline tool's arguments are typed by its own parse", () => {
    client.chat.completions.runTools({
      messages,
      tools: [
        {
          type: 'function',
          function: {
            name: 'add',
            parse: (raw: string) => JSON.parse(raw) as { a: number; b: number },
            function: (args) => {
              expectTypeOf(args).toEqualTypeOf<{ a: number; b: number }>();
              return args.a + args.b;
            },
          },
        },
        weather,
      ],
    });
  });

  test('the other request fields keep their types', () => {
    // @ts-expect-error max_tokens is a number
    client.chat.completions.runTools({ messages, tools: [weather], max_tokens: 'many' });
  });

  test('a tool without a function to run does not compile', () => {
    const definitionOnly = tool({ name: 'a', parameters: z.object({ n: z.number() }) });
    // @ts-expect-error runTools needs function.function on every tool
    client.chat.completions.runTools({ messages, tools: [definitionOnly] });
  });

  test('RunnableTool<Args> checks the function against Args', () => {
    const typed: RunnableTool<{ n: number }> = {
      type: 'function',
      function: { name: 'n', parse: JSON.parse, function: ({ n }) => n * 2 },
    };
    expectTypeOf(typed.function.function).parameter(0).toEqualTypeOf<{ n: number }>();
  });
});
