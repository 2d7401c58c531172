import { describe, expect, expectTypeOf, it } from 'vitest';
import { BadGatewayError, OpenRouterError } from '../../src/core/errors';
import { ChatCompletionAccumulator, type ChatCompletionChunkLike, ChatCompletionStream } from '../../src/streams/chat';
import { hasRealdata, readRealdata } from '../support/realdata';
import { bytes, fixture, onePiecePerByte, responseOf } from './helpers/sse-streams';
import { accumulateChunks } from './support/accumulate';

/** The chunks of an SSE text, as the API sent them (test-side parsing, independent of the decoder). */
function chunksOf(text: string): ChatCompletionChunkLike[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice(6)));
}

function fixtureText(name: string): string {
  return new TextDecoder().decode(fixture(name));
}

function chatStream(pieces: Uint8Array[]) {
  const controller = new AbortController();
  return { controller, stream: new ChatCompletionStream(responseOf(pieces), controller) };
}

function chunk(choices: unknown[], extra: Record<string, unknown> = {}): ChatCompletionChunkLike {
  return {
    id: 'gen-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices,
    ...extra,
  } as ChatCompletionChunkLike;
}

describe('accumulateChunks', () => {
  it('merges tool calls by index: ids and names from their first delta, arguments concatenated', () => {
    const completion = accumulateChunks(chunksOf(fixtureText('tool-calls.sse')));
    expect(completion).toEqual({
      id: 'gen-tools',
      object: 'chat.completion',
      created: 1700000000,
      model: 'example/model-1',
      provider: 'ExampleCloud',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                index: 0,
                id: 'call_weather_1', // a later `id: ""` did not erase it
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city": "Paris", "unit": "celsius"}' },
              },
              {
                index: 1,
                id: 'call_time_2',
                type: 'function',
                function: { name: 'get_local_time', arguments: '{"timezone": "Europe/Paris"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
          native_finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 120, completion_tokens: 38, total_tokens: 158, cost: 0.00042 },
    });
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual([
      { city: 'Paris', unit: 'celsius' },
      { timezone: 'Europe/Paris' },
    ]);
  });

  it('merges reasoning_details by index (text appended, the later signature kept), concatenates reasoning and content', () => {
    const [choice] = accumulateChunks(chunksOf(fixtureText('reasoning.sse'))).choices;
    expect(choice?.message).toEqual({
      role: 'assistant',
      content: '7 × 6 = 42',
      reasoning: 'Seven times six is forty-two.',
      reasoning_details: [
        {
          type: 'reasoning.text',
          text: 'Seven times six is forty-two.',
          format: 'example-v1',
          index: 0,
          signature: 'c2lnbmF0dXJl',
        },
      ],
    });
    expect(choice?.finish_reason).toBe('stop'); // the last chunk's null did not erase it
  });

  it('merges choices by index, in index order', () => {
    const completion = accumulateChunks([
      chunk([
        { index: 1, delta: { role: 'assistant', content: 'B' }, finish_reason: null },
        { index: 0, delta: { role: 'assistant', content: 'A' }, finish_reason: null },
      ]),
      chunk([{ index: 0, delta: { content: 'a' }, finish_reason: 'stop' }]),
      chunk([{ index: 1, delta: { content: 'b' }, finish_reason: 'length' }]),
    ]);
    expect(completion.choices.map((c) => [c.index, c.message.content, c.finish_reason])).toEqual([
      [0, 'Aa', 'stop'],
      [1, 'Bb', 'length'],
    ]);
  });

  it('keeps unknown fields: last non-null value at the top, arrays concatenated in deltas', () => {
    const completion = accumulateChunks([
      chunk([{ index: 0, delta: { content: 'x', annotations: [1] }, finish_reason: null, extra: 'a' }], {
        service_tier: null,
        system_fingerprint: 'fp_1',
      }),
      chunk([{ index: 0, delta: { annotations: [2, 3], audio: { id: 'au' } }, finish_reason: null, extra: null }], {
        service_tier: 'default',
      }),
      chunk([], { service_tier: null }),
    ]);
    expect(completion).toMatchObject({ service_tier: 'default', system_fingerprint: 'fp_1' });
    expect(completion.choices[0]).toMatchObject({
      extra: 'a',
      message: { content: 'x', annotations: [1, 2, 3], audio: { id: 'au' } },
    });
  });

  it('concatenates logprobs slices', () => {
    const completion = accumulateChunks([
      chunk([{ index: 0, delta: { content: 'a' }, logprobs: { content: [{ token: 'a' }], refusal: null } }]),
      chunk([{ index: 0, delta: { content: 'b' }, logprobs: null }]),
      chunk([{ index: 0, delta: { content: 'c' }, logprobs: { content: [{ token: 'c' }], refusal: null } }]),
    ]);
    expect(completion.choices[0]?.logprobs).toEqual({ content: [{ token: 'a' }, { token: 'c' }], refusal: null });
  });

  it('gives content null and role assistant when no delta had them, and keeps reasoning null when only null came', () => {
    const completion = accumulateChunks([chunk([{ index: 0, delta: { reasoning: null }, finish_reason: 'stop' }])]);
    expect(completion.choices[0]?.message).toEqual({ role: 'assistant', content: null, reasoning: null });
  });

  it('throws on no chunks and on a chunk that is not an object', () => {
    expect(() => accumulateChunks([])).toThrow(OpenRouterError);
    expect(() => accumulateChunks([null as unknown as ChatCompletionChunkLike])).toThrow(OpenRouterError);
  });

  it('is robust to choices and deltas of the wrong shape', () => {
    const completion = accumulateChunks([
      chunk([
        'nonsense',
        { index: 0, delta: 'nonsense' },
        { index: 0, delta: { tool_calls: 'nonsense', content: 'ok' } },
      ]),
    ]);
    expect(completion.choices[0]?.message).toEqual({ role: 'assistant', content: 'ok' });
  });
});

describe('ChatCompletionAccumulator', () => {
  it('gives snapshots that later chunks do not change', () => {
    const accumulator = new ChatCompletionAccumulator();
    accumulator.add(chunk([{ index: 0, delta: { content: 'a', reasoning_details: [1] } }]));
    const early = accumulator.result();
    accumulator.add(chunk([{ index: 0, delta: { content: 'b', reasoning_details: [2] } }]));
    expect(early.choices[0]?.message).toMatchObject({ content: 'a', reasoning_details: [1] });
    expect(accumulator.result().choices[0]?.message).toMatchObject({ content: 'ab', reasoning_details: [1, 2] });
  });
});

describe.skipIf(!hasRealdata)('accumulation of the recorded transcripts', () => {
  it('streaming_reasoning: content, reasoning, reasoning_details, finish_reason and usage', async () => {
    const text = readRealdata('chat/streaming_reasoning.0.200.sse');
    const { stream } = chatStream([bytes(text)]);
    const completion = await stream.finalCompletion();
    expect(completion).toMatchObject({
      id: 'gen-1765226419-AGrwjunAftQIAgweibL8',
      object: 'chat.completion',
      model: 'anthropic/claude-sonnet-4.5',
      provider: 'Google',
    });
    const [choice] = completion.choices;
    expect(choice?.message.content).toBe('2 + 2 = 4');
    expect(choice?.message.reasoning).toBe('This is a simple arithmetic question. 2+2 equals 4.');
    // Six fragments of one Anthropic thinking block (index 0) merge into the one block the API
    // returns unstreamed: the text joined, the signature of the last fragment kept (the first
    // fragment's empty signature does not count).
    const signature = JSON.parse(
      text
        .split('\n')
        .find((line) => line.includes('"signature":"Et0B'))
        ?.slice(6) ?? 'null',
    ).choices[0].delta.reasoning_details[0].signature;
    expect(choice?.message.reasoning_details).toEqual([
      {
        type: 'reasoning.text',
        text: 'This is a simple arithmetic question. 2+2 equals 4.',
        signature,
        format: 'anthropic-claude-v1',
        index: 0,
      },
    ]);
    expect(signature).toMatch(/^Et0B/);
    expect(choice?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 43,
      completion_tokens: 36,
      total_tokens: 79,
      cost: 0.000669,
    });
    expect(completion).toEqual(accumulateChunks(chunksOf(text)));
  });

  it('web_search_annotations_stream: annotations concatenated, unknown fields kept', () => {
    const completion = accumulateChunks(chunksOf(readRealdata('chat/web_search_annotations_stream.0.200.sse')));
    const message = completion.choices[0]?.message as { content: string; annotations?: unknown[] };
    expect(message.content).toBe(
      "The URL for Pydantic AI's GitHub repository is:  \n\nhttps://github.com/pydantic/pydantic-ai",
    );
    expect(message.annotations).toHaveLength(5);
    expect(completion).toHaveProperty('service_tier', null);
    expect(completion.usage?.total_tokens).toBe(2370);
  });
});

describe('ChatCompletionStream.finalCompletion', () => {
  it('consumes the whole stream when it was not iterated', async () => {
    const { stream } = chatStream(onePiecePerByte(fixture('reasoning.sse')));
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]?.message.content).toBe('7 × 6 = 42');
    expect(completion.usage?.total_tokens).toBe(39);
  });

  it('counts the chunks already iterated, then reads the rest', async () => {
    const { stream } = chatStream([fixture('tool-calls.sse')]);
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.choices[0]?.delta.tool_calls?.[0]?.id).toBe('call_weather_1');
    const completion = await stream.finalCompletion();
    expect(completion).toEqual(accumulateChunks(chunksOf(fixtureText('tool-calls.sse'))));
    expect((await iterator.next()).done).toBe(true);
  });

  it('returns the merged completion after a complete for-await loop', async () => {
    const { stream } = chatStream([fixture('keepalive.sse')]);
    let seen = 0;
    for await (const _ of stream) seen++;
    expect(seen).toBe(2);
    expect((await stream.finalCompletion()).choices[0]?.message.content).toBe('Hello, world');
  });

  it('throws after a loop that exited early (the request was cancelled)', async () => {
    const { stream, controller } = chatStream([fixture('keepalive.sse')]);
    for await (const _ of stream) break;
    expect(controller.signal.aborted).toBe(true);
    await expect(stream.finalCompletion()).rejects.toThrow(/abandoned before its end/);
  });

  it("rethrows the stream's error", async () => {
    const { stream } = chatStream([fixture('error-mid-stream.sse')]);
    const failure = stream.finalCompletion();
    await expect(failure).rejects.toBeInstanceOf(BadGatewayError);
    const again = await stream.finalCompletion().catch((e: unknown) => e);
    expect(again).toBe(await failure.catch((e: unknown) => e));
  });

  it('makes the stream unavailable for a later loop', async () => {
    const { stream } = chatStream([fixture('keepalive.sse')]);
    await stream.finalCompletion();
    expect(() => stream[Symbol.asyncIterator]()).toThrow(OpenRouterError);
  });
});

// Checked at compile time: a type shaped like generated code (interfaces, literal unions, extra and
// required-nullable fields) must be assignable to the structural stand-in.
interface GeneratedStyleToolCall {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}
interface GeneratedStyleChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  provider?: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  choices: Array<{
    index: number;
    delta: {
      role?: 'assistant';
      content?: string | null;
      reasoning?: string | null;
      reasoning_details?: Array<{ type: 'reasoning.text'; text?: string }>;
      refusal?: string | null;
      tool_calls?: GeneratedStyleToolCall[];
      annotations?: unknown[];
    };
    finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | null;
    native_finish_reason?: string | null;
    logprobs?: { content: unknown[] | null } | null;
  }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost?: number };
  error?: { code: number; message: string };
}
describe('ChatCompletionChunkLike', () => {
  it('accepts a generated-style chunk type (checked by tsc)', () => {
    expectTypeOf<GeneratedStyleChunk>().toExtend<ChatCompletionChunkLike>();
    expectTypeOf<ChatCompletionStream<GeneratedStyleChunk>['finalCompletion']>().returns.resolves.toEqualTypeOf<
      ReturnType<typeof accumulateChunks>
    >();
  });
});
