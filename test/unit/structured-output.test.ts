// chat.completions.parse and the functions behind it, with schemas of zod, valibot and arktype,
// against an injected fetch.

import { toJsonSchema, toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  OpenRouterError,
  parseResponse,
  type StandardSchemaV1,
  StructuredOutputParseError,
  tool,
  toResponseFormat,
  toResponsesTextFormat,
} from '../../src';
import { bodyOf, completion, contentAnswer, toolCall } from './support/chat-answers';
import { clearClientEnv, clientWith, failureOf, rejectionOf } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const messages = [{ role: 'user' as const, content: 'Weather in Paris?' }];
const WEATHER_JSON_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' }, celsius: { type: 'number' } },
  required: ['celsius', 'city'],
  additionalProperties: false,
};

/** The `response_format` a request sent, with `required` sorted (arktype lists it in its own order). */
async function sentFormat(request: Request | undefined): Promise<unknown> {
  const format = (await bodyOf(request)).response_format as { json_schema: { schema: { required?: string[] } } };
  const { schema } = format.json_schema;
  if (schema.required) schema.required = [...schema.required].sort();
  return format;
}

// The same schema in each library, written the way that gives closed objects (what strict mode needs).
const zodWeather = z.strictObject({ city: z.string(), celsius: z.number() });
const valibotWeather = toStandardJsonSchema(v.strictObject({ city: v.string(), celsius: v.number() }));
const arkWeather = type({ city: 'string', celsius: 'number', '+': 'reject' });

describe.each([
  ['zod', zodWeather],
  ['valibot', valibotWeather],
  ['arktype', arkWeather],
] as const)('chat.completions.parse with a %s schema', (_library, schema) => {
  it('sends response_format json_schema (name "response", strict) and returns the validated value', async () => {
    const { client, requests } = clientWith({}, contentAnswer('{"city":"Paris","celsius":21.5}'));
    const result = await client.chat.completions.parse({ model: 'openai/gpt-4o', messages, response_format: schema });
    expect(await sentFormat(requests[0])).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema: WEATHER_JSON_SCHEMA, strict: true },
    });
    expect(result.choices[0]?.message.parsed).toEqual({ city: 'Paris', celsius: 21.5 });
    expect(result.choices[0]?.message.content).toBe('{"city":"Paris","celsius":21.5}');
    expect(result.id).toBe('gen-1');
  });

  it('a schema mismatch rejects with StructuredOutputParseError carrying the raw text and the issues', async () => {
    const raw = '{"city":"Paris","celsius":"warm"}';
    const { client } = clientWith({}, contentAnswer(raw));
    const error = await rejectionOf(client.chat.completions.parse({ messages, response_format: schema }));
    expect(error).toBeInstanceOf(StructuredOutputParseError);
    expect(error).toBeInstanceOf(OpenRouterError);
    const parseError = error as StructuredOutputParseError;
    expect(parseError.kind).toBe('schema');
    expect(parseError.rawText).toBe(raw);
    expect(parseError.issues).toHaveLength(1);
    expect(parseError.issues[0]?.path).toBe('celsius');
    expect(parseError.message).toContain('celsius');
  });
});

describe('chat.completions.parse', () => {
  it('invalid JSON rejects with StructuredOutputParseError kind "json" and the raw text', async () => {
    const { client } = clientWith({}, contentAnswer('Sure! {"city": "Paris"'));
    const error = (await rejectionOf(
      client.chat.completions.parse({ messages, response_format: zodWeather }),
    )) as StructuredOutputParseError;
    expect(error).toBeInstanceOf(StructuredOutputParseError);
    expect(error.kind).toBe('json');
    expect(error.rawText).toBe('Sure! {"city": "Paris"');
    expect(error.issues).toEqual([]);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('a refusal gives parsed: null and keeps the refusal (as openai-node does)', async () => {
    const { client } = clientWith({}, json(completion({ content: null, refusal: 'I cannot help with that.' })));
    const result = await client.chat.completions.parse({ messages, response_format: zodWeather });
    expect(result.choices[0]?.message.parsed).toBeNull();
    expect(result.choices[0]?.message.refusal).toBe('I cannot help with that.');
  });

  it('finish_reason "length" rejects with LengthFinishReasonError holding the completion', async () => {
    const { client } = clientWith({}, contentAnswer('{"city":"Par', { finishReason: 'length' }));
    const error = (await rejectionOf(
      client.chat.completions.parse({ messages, response_format: zodWeather }),
    )) as LengthFinishReasonError;
    expect(error).toBeInstanceOf(LengthFinishReasonError);
    expect((error.result as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe(
      '{"city":"Par',
    );
  });

  it('finish_reason "content_filter" rejects with ContentFilterFinishReasonError', async () => {
    const { client } = clientWith({}, contentAnswer(null, { finishReason: 'content_filter' }));
    const error = await rejectionOf(client.chat.completions.parse({ messages, response_format: zodWeather }));
    expect(error).toBeInstanceOf(ContentFilterFinishReasonError);
  });

  it('the JSON Schema is the input side: the model writes what the transform reads', async () => {
    const schema = z.strictObject({ city: z.string().transform((city) => city.toUpperCase()) });
    const { client, requests } = clientWith({}, contentAnswer('{"city":"paris"}'));
    const result = await client.chat.completions.parse({ messages, response_format: schema });
    expect(result.choices[0]?.message.parsed).toEqual({ city: 'PARIS' });
    const sent = (await bodyOf(requests[0])).response_format as { json_schema: { schema: unknown } };
    expect(sent.json_schema.schema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    });
  });

  it('a named format sends its name, description and strict', async () => {
    const { client, requests } = clientWith({}, contentAnswer('{"city":"Paris","celsius":3}'));
    const result = await client.chat.completions.parse({
      messages,
      response_format: { name: 'weather', description: 'Current weather', strict: false, schema: arkWeather },
    });
    expect(await sentFormat(requests[0])).toEqual({
      type: 'json_schema',
      json_schema: { name: 'weather', description: 'Current weather', schema: WEATHER_JSON_SCHEMA, strict: false },
    });
    expect(result.choices[0]?.message.parsed).toEqual({ city: 'Paris', celsius: 3 });
  });

  it('a plain JSON Schema with a Standard Schema validator (valibot without the wrapper)', async () => {
    const valibotSchema = v.strictObject({ city: v.string(), celsius: v.number() });
    const { client, requests } = clientWith({}, contentAnswer('{"city":"Paris","celsius":"x"}'));
    const error = (await rejectionOf(
      client.chat.completions.parse({
        messages,
        response_format: { name: 'weather', schema: toJsonSchema(valibotSchema), validator: valibotSchema },
      }),
    )) as StructuredOutputParseError;
    expect(error.kind).toBe('schema');
    expect(error.issues[0]?.path).toBe('celsius');
    const sent = (await bodyOf(requests[0])).response_format as { json_schema: { schema: Record<string, unknown> } };
    expect(sent.json_schema.schema.$schema).toBe('http://json-schema.org/draft-07/schema#'); // sent as given
  });

  it('a plain JSON Schema without a validator is only JSON-parsed', async () => {
    const { client } = clientWith({}, contentAnswer('{"anything":[1,2]}'));
    const result = await client.chat.completions.parse({
      messages,
      response_format: { name: 'loose', schema: { type: 'object' } },
    });
    expect(result.choices[0]?.message.parsed).toEqual({ anything: [1, 2] });
  });

  it('an async Standard Schema from no library at all is awaited', async () => {
    const evenNumber: StandardSchemaV1<unknown, number> & {
      '~standard': { jsonSchema: { input: () => Record<string, unknown>; output: () => Record<string, unknown> } };
    } = {
      '~standard': {
        version: 1,
        vendor: 'hand-made',
        validate: async (value) =>
          typeof value === 'number' && value % 2 === 0 ? { value } : { issues: [{ message: 'not an even number' }] },
        jsonSchema: { input: () => ({ type: 'integer' }), output: () => ({ type: 'integer' }) },
      },
    };
    const { client } = clientWith({}, contentAnswer('42'), contentAnswer('7'));
    const ok = await client.chat.completions.parse({ messages, response_format: evenNumber });
    expect(ok.choices[0]?.message.parsed).toBe(42);
    const error = (await rejectionOf(
      client.chat.completions.parse({ messages, response_format: evenNumber }),
    )) as StructuredOutputParseError;
    expect(error.issues).toEqual([{ message: 'not an even number', path: '' }]);
  });

  it('parses every choice', async () => {
    const answer = completion({ content: '{"city":"A","celsius":1}' });
    const choices = answer.choices as Array<Record<string, unknown>>;
    choices.push({
      index: 1,
      finish_reason: 'stop',
      message: { role: 'assistant', content: '{"city":"B","celsius":2}' },
    });
    const { client } = clientWith({}, json(answer));
    const result = await client.chat.completions.parse({ messages, response_format: zodWeather });
    expect(result.choices.map((choice) => choice.message.parsed)).toEqual([
      { city: 'A', celsius: 1 },
      { city: 'B', celsius: 2 },
    ]);
  });

  it('tools made by tool() get parsed_arguments; their parse function is not sent', async () => {
    const getWeather = tool({ name: 'get_weather', parameters: z.strictObject({ city: z.string() }) });
    const call = toolCall({ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' });
    const { client, requests } = clientWith({}, json(completion({ content: null, tool_calls: [call] })));
    const result = await client.chat.completions.parse({ messages, tools: [getWeather] });
    expect(result.choices[0]?.message.tool_calls?.[0]?.parsed_arguments).toEqual({ city: 'Paris' });
    expect(result.choices[0]?.message.parsed).toBeNull();
    expect((await bodyOf(requests[0])).tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
          },
          strict: true,
        },
      },
    ]);
  });

  it('.withResponse() gives the parsed completion and the HTTP response', async () => {
    const { client } = clientWith({}, json(completion({ content: '{"city":"P","celsius":0}' }), 200, { 'x-id': '7' }));
    const { data, response } = await client.chat.completions
      .parse({ messages, response_format: zodWeather })
      .withResponse();
    expect(data.choices[0]?.message.parsed).toEqual({ city: 'P', celsius: 0 });
    expect(response.headers.get('x-id')).toBe('7');
  });

  describe('bad formats are refused before any request', () => {
    it('a Standard Schema without a JSON Schema converter names the way out for its library', async () => {
      const { client, requests } = clientWith({});
      const error = await failureOf(() =>
        client.chat.completions.parse({
          messages,
          // A bare valibot schema implements Standard Schema but not Standard JSON Schema.
          response_format: v.object({ city: v.string() }) as never,
        }),
      );
      expect(error).toBeInstanceOf(OpenRouterError);
      expect((error as Error).message).toContain('toStandardJsonSchema');
      expect(requests).toHaveLength(0);
    });

    it('a format name the API refuses', async () => {
      const { client, requests } = clientWith({});
      const error = await failureOf(() =>
        client.chat.completions.parse({ messages, response_format: { name: 'my format!', schema: zodWeather } }),
      );
      expect((error as Error).message).toMatch(/name must be 1 to 64 letters/);
      expect(requests).toHaveLength(0);
    });

    it('a schema the library cannot convert', async () => {
      const { client, requests } = clientWith({});
      const error = await failureOf(() =>
        client.chat.completions.parse({ messages, response_format: z.object({ when: z.date() }) }),
      );
      expect((error as Error).message).toMatch(/the zod schema cannot be converted to JSON Schema/);
      expect(requests).toHaveLength(0);
    });

    it('a ready-made { type } format, which belongs to create()', async () => {
      const { client, requests } = clientWith({});
      const error = await failureOf(() =>
        client.chat.completions.parse({ messages, response_format: { type: 'json_object' } as never }),
      );
      expect((error as Error).message).toMatch(/a ready-made \{ type: \.\.\. \} format goes to create\(\)/);
      expect(requests).toHaveLength(0);
    });

    it('stream: true', async () => {
      const { client, requests } = clientWith({});
      const error = await failureOf(() =>
        client.chat.completions.parse({ messages, response_format: zodWeather, stream: true } as never),
      );
      expect((error as Error).message).toMatch(/does not stream/);
      expect(requests).toHaveLength(0);
    });
  });
});

describe('toResponseFormat / toResponsesTextFormat', () => {
  it('build the Chat Completions response_format and the Responses API text.format', () => {
    const WEATHER_JSON_SCHEMA_IN_ORDER = { ...WEATHER_JSON_SCHEMA, required: ['city', 'celsius'] };
    expect(toResponseFormat({ name: 'weather', schema: zodWeather })).toEqual({
      type: 'json_schema',
      json_schema: { name: 'weather', schema: WEATHER_JSON_SCHEMA_IN_ORDER, strict: true },
    });
    expect(toResponsesTextFormat({ name: 'weather', schema: valibotWeather })).toEqual({
      type: 'json_schema',
      name: 'weather',
      schema: WEATHER_JSON_SCHEMA_IN_ORDER,
      strict: true,
    });
  });
});

describe('parseResponse (Responses API)', () => {
  // The shape of a recorded answer (realdata/responses/responses.orenhanced.4.200.json), content changed.
  const response = (
    content: Array<{ type: string; text?: string; refusal?: string; annotations?: unknown[] }>,
    extra: Record<string, unknown> = {},
  ) => ({
    object: 'response',
    id: 'gen-1766949666-abc',
    status: 'completed',
    incomplete_details: null,
    output: [{ role: 'assistant', type: 'message', status: 'completed', content, id: 'msg_tmp_1' }],
    ...extra,
  });

  it('parses the output_text into output_parsed and the content item', async () => {
    const parsed = await parseResponse(
      response([{ type: 'output_text', text: '{"city":"Paris","celsius":4}', annotations: [] }]),
      arkWeather,
    );
    expect(parsed.output_parsed).toEqual({ city: 'Paris', celsius: 4 });
    expect(parsed.output[0]?.content?.[0]).toMatchObject({
      type: 'output_text',
      parsed: { city: 'Paris', celsius: 4 },
    });
    expect(parsed.id).toBe('gen-1766949666-abc');
  });

  it('a refusal gives output_parsed: null', async () => {
    const parsed = await parseResponse(response([{ type: 'refusal', refusal: 'No.' }]), zodWeather);
    expect(parsed.output_parsed).toBeNull();
  });

  it('a mismatch throws StructuredOutputParseError; an answer cut at max_output_tokens throws LengthFinishReasonError', async () => {
    const mismatch = await rejectionOf(
      parseResponse(response([{ type: 'output_text', text: '{"city":1,"celsius":4}' }]), valibotWeather),
    );
    expect(mismatch).toBeInstanceOf(StructuredOutputParseError);
    const cut = await rejectionOf(
      parseResponse(
        response([{ type: 'output_text', text: '{"city":' }], {
          status: 'incomplete',
          incomplete_details: { reason: 'max_output_tokens' },
        }),
        zodWeather,
      ),
    );
    expect(cut).toBeInstanceOf(LengthFinishReasonError);
  });
});
