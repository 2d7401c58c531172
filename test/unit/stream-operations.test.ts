// The streams of every streaming operation (chat, Responses, Messages, images): their error and
// end events, unknown events, and accumulators that give what the non-streamed call returns.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  BadRequestError,
  InternalServerError,
  OpenRouterError,
  ProviderOverloadedError,
  RateLimitError,
} from '../../src/core/errors';
import type { Stream, StreamChunkError, StreamConstructor } from '../../src/core/stream';
import { ChatCompletionStream } from '../../src/streams/chat';
import { ImagesStream } from '../../src/streams/images';
import { MessagesStream } from '../../src/streams/messages';
import { ResponsesStream } from '../../src/streams/responses';
import { bytes, fixture, onePiecePerByte, responseOf, splitAt } from './helpers/sse-streams';

function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/sse/${name}`, import.meta.url), 'utf8'));
}

function open<S>(Kind: StreamConstructor<S>, pieces: Uint8Array[]): { stream: S; controller: AbortController } {
  const controller = new AbortController();
  return { stream: new Kind(responseOf(pieces), controller), controller };
}

async function drain<T>(stream: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of stream) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

const sse = (...events: unknown[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
const named = (...events: { type: string }[]) =>
  events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');

describe('synthetic fixtures: the accumulated result deep-equals the non-streamed body', () => {
  it('chat: Anthropic reasoning with a late signature, a Gemini encrypted detail and a tool call', async () => {
    const { stream } = open(ChatCompletionStream, [fixture('chat-reasoning-tool-call.sse')]);
    expect(await stream.finalCompletion()).toEqual(fixtureJson('chat-reasoning-tool-call.json'));
  });

  it('responses: reasoning summary, message text and a function call', async () => {
    const { stream } = open(ResponsesStream, [fixture('responses-reasoning-function-call.sse')]);
    expect(await stream.finalResponse()).toEqual(fixtureJson('responses-reasoning-function-call.json'));
  });

  it('responses: a response.completed without output is completed from the item events', async () => {
    const text = new TextDecoder().decode(fixture('responses-reasoning-function-call.sse'));
    const withoutOutput = text.replace(/data: (\{"type":"response\.completed".*)\n/, (_line, json: string) => {
      const event = JSON.parse(json);
      delete event.response.output;
      return `data: ${JSON.stringify(event)}\n`;
    });
    expect(withoutOutput).not.toBe(text);
    const { stream } = open(ResponsesStream, [bytes(withoutOutput)]);
    expect(await stream.finalResponse()).toEqual(fixtureJson('responses-reasoning-function-call.json'));
  });

  it('responses: with neither response.completed nor the .done events, the deltas build the texts and arguments', async () => {
    const text = new TextDecoder().decode(fixture('responses-reasoning-function-call.sse'));
    const deltasOnly = text
      .split('\n\n')
      .filter(
        (frame) => !/"type":"response\.(completed|output_item\.done|content_part\.done|[a-z_]+\.done)"/.test(frame),
      )
      .join('\n\n');
    const { stream } = open(ResponsesStream, [bytes(deltasOnly)]);
    const response = (await stream.finalResponse()) as { status: string; output: Record<string, unknown>[] };
    expect(response.status).toBe('in_progress'); // the last status the stream gave
    const [reasoning, message, call] = response.output;
    expect(reasoning?.summary).toEqual([
      { type: 'summary_text', text: 'The user wants the weather in Paris; call get_weather.' },
    ]);
    expect(message?.content).toEqual([
      { type: 'output_text', text: 'Let me check the weather in Paris — one moment.', annotations: [] },
    ]);
    expect(call).toMatchObject({ call_id: 'call_synth_01', name: 'get_weather', arguments: '{"city":"Paris"}' });
  });

  it('messages: thinking with its signature, text, and a tool_use whose JSON input is parsed', async () => {
    const { stream } = open(MessagesStream, [fixture('messages-thinking-tool-use.sse')]);
    expect(await stream.finalMessage()).toEqual(fixtureJson('messages-thinking-tool-use.json'));
  });

  const cases: [string, StreamConstructor<Stream<unknown>>, string, (s: never) => Promise<unknown>][] = [
    [
      'chat-reasoning-tool-call',
      ChatCompletionStream,
      'finalCompletion',
      (s: ChatCompletionStream) => s.finalCompletion(),
    ],
    ['responses-reasoning-function-call', ResponsesStream, 'finalResponse', (s: ResponsesStream) => s.finalResponse()],
    ['messages-thinking-tool-use', MessagesStream, 'finalMessage', (s: MessagesStream) => s.finalMessage()],
  ] as never;

  it.each(cases)(
    '%s: the same events and result however the bytes are cut (every cut in two, one byte per read)',
    async (name, Kind, _method, final) => {
      const data = fixture(`${name}.sse`);
      const expected = fixtureJson(`${name}.json`);
      const whole = await drain(open(Kind, [data]).stream);
      expect(whole.error).toBeUndefined();
      for (let cut = 0; cut <= data.length; cut++) {
        const { stream } = open(Kind, splitAt(data, [cut]));
        const result = await final(stream as never);
        if (JSON.stringify(result) !== JSON.stringify(expected)) expect(result, `cut at byte ${cut}`).toEqual(expected);
      }
      const bytewise = open(Kind, onePiecePerByte(data)).stream;
      expect(await drain(bytewise)).toEqual(whole);
    },
  );
});

describe('the end of each protocol', () => {
  it('responses: iteration ends after response.completed, even when more events follow and no [DONE] comes', async () => {
    const completed = { type: 'response.completed', response: { id: 'r', status: 'completed', output: [] } };
    const { stream, controller } = open(ResponsesStream, [
      bytes(sse({ type: 'response.created', response: { id: 'r' } }, completed, { type: 'response.later' })),
    ]);
    const { items, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(items.map((e) => String(e.type))).toEqual(['response.created', 'response.completed']);
    expect(controller.signal.aborted).toBe(false);
  });

  it.each(['response.failed', 'response.incomplete'])(
    'responses: %s ends the stream and finalResponse() is its response',
    async (type) => {
      const response = { id: 'r', status: type.slice(9), output: [], error: { code: 'server_error', message: 'x' } };
      const { stream } = open(ResponsesStream, [bytes(sse({ type, response }))]);
      expect(await stream.finalResponse()).toEqual(response);
    },
  );

  it('messages: iteration ends after message_stop; ping is delivered like any event', async () => {
    const { stream } = open(MessagesStream, [
      bytes(
        named(
          { type: 'message_start', message: { id: 'm', content: [] } } as never,
          { type: 'ping' },
          { type: 'message_stop' },
          { type: 'message_start' },
        ),
      ),
    ]);
    const { items } = await drain(stream);
    expect(items.map((e) => String(e.type))).toEqual(['message_start', 'ping', 'message_stop']);
  });

  it('images: several image_generation.completed events, then [DONE]', async () => {
    const done = { type: 'image_generation.completed', b64_json: 'AAAA', created: 1 };
    const { stream } = open(ImagesStream, [
      bytes(
        `${sse({ type: 'image_generation.partial_image', partial_image_index: 0, b64_json: 'AA' }, done, done)}data: [DONE]\n\n`,
      ),
    ]);
    const { items, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(items.map((e) => String(e.type))).toEqual([
      'image_generation.partial_image',
      'image_generation.completed',
      'image_generation.completed',
    ]);
  });

  it('images: finalImages() is the non-streamed answer, one entry per completed image, previews left out', async () => {
    const usage = { prompt_tokens: 0, completion_tokens: 10, total_tokens: 10, cost: 0.04 };
    const { stream } = open(ImagesStream, [
      bytes(
        `${sse(
          { type: 'image_generation.partial_image', partial_image_index: 0, b64_json: 'preview' },
          { type: 'image_generation.text_chunk', text: 'a cat', phase: 'planning' },
          { type: 'image_generation.completed', b64_json: 'AAAA', created: 1748372400, media_type: 'image/png' },
          { type: 'image_generation.completed', b64_json: 'BBBB', created: 1748372401, usage },
        )}data: [DONE]\n\n`,
      ),
    ]);
    expect(await (stream as ImagesStream).finalImages()).toEqual({
      created: 1748372401,
      data: [{ b64_json: 'AAAA', media_type: 'image/png' }, { b64_json: 'BBBB' }],
      usage,
    });
  });
});

describe('error events become typed errors, after the events before them', () => {
  it('responses: an error event with a string code (rate_limit_exceeded -> RateLimitError, 429)', async () => {
    const errorEvent = {
      type: 'error',
      code: 'rate_limit_exceeded',
      message: 'Slow down.',
      param: null,
      sequence_number: 2,
    };
    const { stream, controller } = open(ResponsesStream, [
      bytes(sse({ type: 'response.created', response: { id: 'r' } }, errorEvent, { type: 'response.completed' })),
    ]);
    const { items, error } = await drain(stream);
    expect(items).toHaveLength(1);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as APIError).status).toBe(429);
    expect((error as APIError).code).toBe('rate_limit_exceeded');
    expect((error as APIError).message).toBe('429 Slow down.');
    expect((error as StreamChunkError).chunk).toEqual(errorEvent);
    expect(controller.signal.aborted).toBe(true);
  });

  it('responses: a numeric code is the status; an unknown string code gives 500, never 200', async () => {
    const numeric = await drain(
      open(ResponsesStream, [bytes(sse({ type: 'error', code: 400, message: 'bad' }))]).stream,
    );
    expect(numeric.error).toBeInstanceOf(BadRequestError);
    const unknown = await drain(
      open(ResponsesStream, [bytes(sse({ type: 'error', code: 'brand_new', message: '?' }))]).stream,
    );
    expect(unknown.error).toBeInstanceOf(InternalServerError);
    expect((unknown.error as APIError).status).toBe(500);
  });

  it('responses: finalResponse() rethrows the error event', async () => {
    const { stream } = open(ResponsesStream, [bytes(sse({ type: 'error', code: 'server_error', message: 'down' }))]);
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(InternalServerError);
  });

  it('messages: an `event: error` with an Anthropic error type (overloaded_error -> 529)', async () => {
    const errorEvent = {
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded', error_type: 'provider_overloaded' },
    };
    const { stream } = open(MessagesStream, [
      bytes(named({ type: 'message_start', message: { id: 'm', content: [] } } as never, errorEvent)),
    ]);
    const { items, error } = await drain(stream);
    expect(items).toHaveLength(1);
    expect(error).toBeInstanceOf(ProviderOverloadedError);
    expect((error as APIError).code).toBe('overloaded_error');
    expect((error as APIError).message).toBe('529 Overloaded');
    await expect(stream.finalMessage()).rejects.toBe(error);
  });

  it('messages: an error named only by its `event:` line is still an error', async () => {
    const { stream } = open(MessagesStream, [
      bytes('event: error\ndata: {"error":{"type":"api_error","message":"boom"}}\n\n'),
    ]);
    const { error } = await drain(stream);
    expect(error).toBeInstanceOf(InternalServerError);
  });

  it('images: an error event', async () => {
    const { stream } = open(ImagesStream, [
      bytes(
        sse({
          type: 'error',
          error: { code: 'upstream_error', message: 'Provider failed', param: null, type: 'provider_error' },
        }),
      ),
    ]);
    const { error } = await drain(stream);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(502);
    expect((error as APIError).message).toBe('502 Provider failed');
  });

  it('chat: a chunk with a top-level error after two chunks', async () => {
    const chunk = (content: string) => ({
      id: 'g',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content } }],
    });
    const { stream } = open(ChatCompletionStream, [
      bytes(sse(chunk('a'), chunk('b'), { ...chunk(''), error: { code: 'rate_limit_exceeded', message: 'slow' } })),
    ]);
    const { items, error } = await drain(stream);
    expect(items).toHaveLength(2);
    expect(error).toBeInstanceOf(RateLimitError);
  });
});

describe('unknown event types', () => {
  it('are delivered unchanged and ignored by the Responses accumulator', async () => {
    const novel = { type: 'response.hologram.delta', output_index: 0, delta: { frames: [1, 2] }, sequence_number: 1 };
    const completed = { type: 'response.completed', response: { id: 'r', status: 'completed', output: [] } };
    const { stream } = open(ResponsesStream, [bytes(sse(novel, completed))]);
    const { items } = await drain(stream);
    expect(items[0]).toEqual(novel);
    expect(await stream.finalResponse()).toEqual(completed.response);
  });

  it('are delivered unchanged and ignored by the Messages accumulator, as are unknown delta types', async () => {
    const novel = { type: 'content_block_glimmer', index: 0 };
    const { stream } = open(MessagesStream, [
      bytes(
        named(
          { type: 'message_start', message: { id: 'm', type: 'message', content: [], stop_reason: null } } as never,
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } as never,
          novel,
          { type: 'content_block_delta', index: 0, delta: { type: 'sparkle_delta', sparkle: 1 } } as never,
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } } as never,
          { type: 'message_stop' },
        ),
      ),
    ]);
    const { items } = await drain(stream);
    expect(items[2]).toEqual(novel);
    expect(await stream.finalMessage()).toEqual({
      id: 'm',
      type: 'message',
      content: [{ type: 'text', text: 'hi' }],
      stop_reason: null,
    });
  });
});

describe('accumulator edge cases', () => {
  it('messages: a tool_use whose JSON input was cut throws a clear error naming the block', async () => {
    const { stream } = open(MessagesStream, [
      bytes(
        named(
          { type: 'message_start', message: { id: 'm', content: [] } } as never,
          {
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'tool_use', id: 't', name: 'f', input: {} },
          } as never,
          {
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json: '{"a": ' },
          } as never,
          { type: 'message_stop' },
        ),
      ),
    ]);
    await expect(stream.finalMessage()).rejects.toThrow(
      /tool_use block at index 0 has an input that is not valid JSON/,
    );
  });

  it('messages: a tool_use without input deltas keeps its start input; usage nulls do not erase counts', async () => {
    const { stream } = open(MessagesStream, [
      bytes(
        named(
          {
            type: 'message_start',
            message: { id: 'm', content: [], usage: { input_tokens: 5, output_tokens: 1 } },
          } as never,
          {
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'tool_use', id: 't', name: 'f', input: {} },
          } as never,
          {
            type: 'message_delta',
            delta: { stop_reason: 'tool_use' },
            usage: { input_tokens: null, output_tokens: 9 },
          } as never,
          { type: 'message_stop' },
        ),
      ),
    ]);
    expect(await stream.finalMessage()).toEqual({
      id: 'm',
      content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }],
      stop_reason: 'tool_use',
      usage: { input_tokens: 5, output_tokens: 9 },
    });
  });

  it('messages and responses: nothing received is a clear error', async () => {
    await expect(open(MessagesStream, [bytes('')]).stream.finalMessage()).rejects.toThrow(OpenRouterError);
    await expect(open(ResponsesStream, [bytes('')]).stream.finalResponse()).rejects.toThrow(/nothing to merge/);
  });

  it('leaving the loop early aborts the request, for every kind of stream', async () => {
    for (const [Kind, text] of [
      [ResponsesStream, fixture('responses-reasoning-function-call.sse')],
      [MessagesStream, fixture('messages-thinking-tool-use.sse')],
      [ChatCompletionStream, fixture('chat-reasoning-tool-call.sse')],
    ] as const) {
      const { stream, controller } = open(Kind as StreamConstructor<Stream<unknown>>, [text]);
      for await (const _ of stream) break;
      expect(controller.signal.aborted).toBe(true);
    }
  });
});
