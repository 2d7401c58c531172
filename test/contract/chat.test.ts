// client.chat.completions against the Prism mock of openapi/openapi.yaml. For `stream: true` the
// SDK asks for text/event-stream and Prism answers with the SSE example of the spec (two chunks
// saying "Hello" and " there!", usage on the last one, then `data: [DONE]`).
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionStream,
} from '../../src/index';
import { Stream } from '../../src/index';
import { expectValidExchange, kindOf, onlyRequest, pathOf, recordingClient } from './client';

const MESSAGES = [{ role: 'user', content: 'Say hello.' }] satisfies ChatCompletionCreateParamsNonStreaming['messages'];

/** A request using most optional fields, with a conversation that has every message kind. */
const FULL_REQUEST = {
  model: 'openai/gpt-4o:free',
  models: ['openai/gpt-4o', 'anthropic/claude-3.5-sonnet'],
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
    { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }], name: 'alice' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":21}' },
  ],
  temperature: 0.2,
  top_p: 0.9,
  top_k: 40,
  frequency_penalty: 0.1,
  presence_penalty: 0.1,
  repetition_penalty: 1.05,
  min_p: 0.05,
  top_a: 0.1,
  max_tokens: 64,
  max_completion_tokens: 64,
  seed: 7,
  stop: ['\n\n'],
  logprobs: true,
  top_logprobs: 2,
  logit_bias: { '50256': -100 },
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather of a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        strict: true,
      },
    },
  ],
  tool_choice: { type: 'function', function: { name: 'get_weather' } },
  parallel_tool_calls: false,
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'weather',
      strict: true,
      schema: { type: 'object', properties: { summary: { type: 'string' } } },
    },
  },
  reasoning: { effort: 'low', exclude: false },
  provider: { order: ['OpenAI'], allow_fallbacks: true, require_parameters: true, data_collection: 'deny', zdr: true },
  transforms: ['middle-out'],
  usage: { include: true },
  user: 'user-1234',
  metadata: { run: 'contract' },
} satisfies ChatCompletionCreateParamsNonStreaming;

function expectChatCompletion(completion: ChatCompletion): void {
  expect(completion.object).toBe('chat.completion');
  expect(kindOf(completion.id)).toBe('string');
  expect(kindOf(completion.model)).toBe('string');
  expect(kindOf(completion.created)).toBe('number');
  expect(Array.isArray(completion.choices)).toBe(true);
  expect(completion.choices.length).toBeGreaterThan(0);
  for (const choice of completion.choices) {
    expect(kindOf(choice.index)).toBe('number');
    expect(kindOf(choice.finish_reason)).toBeOneOf(['string', 'null']);
    expect(choice.message.role).toBe('assistant');
    expect(kindOf(choice.message.content)).toBeOneOf(['string', 'array', 'null']);
  }
  if (completion.usage !== undefined) {
    expect(kindOf(completion.usage.prompt_tokens)).toBe('number');
    expect(kindOf(completion.usage.completion_tokens)).toBe('number');
    expect(kindOf(completion.usage.total_tokens)).toBe('number');
  }
}

/** Reads every chunk of the stream, checking each one's shape. */
async function collectChunks(stream: ChatCompletionStream): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) {
    expectTypeOf(chunk).toEqualTypeOf<ChatCompletionChunk>();
    expect(chunk.object).toBe('chat.completion.chunk');
    expect(kindOf(chunk.id)).toBe('string');
    expect(kindOf(chunk.created)).toBe('number');
    expect(kindOf(chunk.model)).toBe('string');
    expect(Array.isArray(chunk.choices)).toBe(true);
    chunks.push(chunk);
  }
  return chunks;
}

describe('chat.completions', () => {
  it('create: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.chat.completions.create({ messages: MESSAGES }).withResponse();
    expectTypeOf(data).toEqualTypeOf<ChatCompletion>();
    expectValidExchange(response);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expectChatCompletion(data);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('POST');
    expect(pathOf(request)).toBe('/chat/completions');
    expect(await request.json()).toEqual({ messages: MESSAGES });
  });

  it('create: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.chat.completions
      .create({ ...FULL_REQUEST, stream: false }, { headers: { 'X-Contract-Case': 'chat' }, timeout: 10_000 })
      .withResponse();
    expectValidExchange(response);
    expectChatCompletion(data);
    const request = onlyRequest(exchanges);
    expect(request.headers.get('x-contract-case')).toBe('chat');
    expect(await request.json()).toEqual({ ...FULL_REQUEST, stream: false });
  });

  it('create (stream): only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data: stream, response } = await client.chat.completions
      .create({ messages: MESSAGES, stream: true })
      .withResponse();
    expectTypeOf(stream).toEqualTypeOf<ChatCompletionStream>();
    expectValidExchange(response);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream).toBeInstanceOf(Stream);
    expect(typeof stream[Symbol.asyncIterator]).toBe('function');

    const chunks = await collectChunks(stream);
    // The `: OPENROUTER PROCESSING` comment is skipped, and iteration stops at `[DONE]`.
    expect(chunks).toHaveLength(2);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual(['Hello', ' there!']);
    expect(chunks[1]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks[1]?.usage).toEqual({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });

    const request = onlyRequest(exchanges);
    // SSE first; JSON too, since the spec documents this operation's error answers as JSON.
    const accepted = (request.headers.get('accept') ?? '').split(',').map((type) => type.split(';')[0]?.trim());
    expect(accepted[0]).toBe('text/event-stream');
    expect(accepted).toContain('application/json');
    expect(await request.json()).toEqual({ messages: MESSAGES, stream: true });
  });

  it('create (stream): required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const body = {
      ...FULL_REQUEST,
      stream: true,
      stream_options: { include_usage: true },
    } satisfies ChatCompletionCreateParamsStreaming;
    const { data: stream, response } = await client.chat.completions
      .create(body, { headers: { 'X-Contract-Case': 'chat-stream' }, timeout: 10_000 })
      .withResponse();
    expectValidExchange(response);

    // finalCompletion() merges the chunks into the completion a non-streaming call returns.
    const completion = await stream.finalCompletion();
    expectTypeOf(completion).toEqualTypeOf<ChatCompletion>();
    expectChatCompletion(completion);
    expect(completion).toMatchObject({
      id: 'gen-1',
      object: 'chat.completion',
      created: 1762179802,
      model: 'openai/gpt-4o',
      provider: 'OpenAI',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there!' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
    });
    expect(completion.choices).toHaveLength(1);

    const request = onlyRequest(exchanges);
    expect(request.headers.get('x-contract-case')).toBe('chat-stream');
    expect(await request.json()).toEqual(body);
  });

  it('create (stream): finalCompletion() counts the chunks already read', async () => {
    const { client } = recordingClient();
    const stream = await client.chat.completions.create({ messages: MESSAGES, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(first.value?.choices[0]?.delta.content).toBe('Hello');
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]?.message.content).toBe('Hello there!');
    expect(completion.usage).toEqual({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
    expect((await iterator.next()).done).toBe(true);
  });
});
