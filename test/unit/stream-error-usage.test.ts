// Issue 19, item 6: an error inside a stream keeps what its chunk carried. The error's
// `generationId` is the chunk's `id` (`gen-...`), as for an error in a 200 JSON body, and the usage
// the server reports with the error or right after it (what was billed) is the error's `usage`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BadGatewayError, ChatCompletionStream } from '../../src';
import type { StreamChunkError } from '../../src/core/stream';
import { clearClientEnv, clientWith, rejectionOf } from './support/client';
import { bodyTiedTo } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const REQUEST = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }], stream: true as const };
const USAGE = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15, cost: 0.00042 };
const event = (item: unknown) => `data: ${JSON.stringify(item)}\n\n`;
const content = event({
  id: 'gen-77',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: { content: 'Hel' } }],
});
const errorChunk = (extra: Record<string, unknown> = {}) =>
  event({
    id: 'gen-77',
    object: 'chat.completion.chunk',
    error: { code: 502, message: 'Provider disconnected' },
    choices: [{ index: 0, delta: {}, finish_reason: 'error' }],
    ...extra,
  });
const usageChunk = event({ id: 'gen-77', object: 'chat.completion.chunk', choices: [], usage: USAGE });

const streamOf =
  (chunks: string[], close = true) =>
  (request: Request) =>
    new Response(bodyTiedTo(request, chunks, { close }), { headers: { 'content-type': 'text/event-stream' } });

async function iterate(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
  }
}

describe('an error chunk inside a chat stream', () => {
  it('keeps the generation id of its chunk', async () => {
    const { client } = clientWith({}, streamOf([content, errorChunk(), 'data: [DONE]\n\n']));
    const error = (await rejectionOf(iterate(await client.chat.completions.create(REQUEST)))) as StreamChunkError;
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.generationId).toBe('gen-77');
    expect(error.toJSON().generationId).toBe('gen-77');
  });

  it('carries the usage chunk that follows it (for await)', async () => {
    const { client } = clientWith({}, streamOf([content, errorChunk(), usageChunk, 'data: [DONE]\n\n']));
    const error = (await rejectionOf(iterate(await client.chat.completions.create(REQUEST)))) as StreamChunkError;
    expect(error.usage).toEqual(USAGE);
  });

  it('carries it through finalCompletion() too, when the usage comes in the same read as the error', async () => {
    const { client } = clientWith({}, streamOf([content, `${errorChunk() + usageChunk}data: [DONE]\n\n`]));
    const stream = await client.chat.completions.create(REQUEST);
    const error = (await rejectionOf(stream.finalCompletion())) as StreamChunkError;
    expect(error.usage).toEqual(USAGE);
    expect(error.generationId).toBe('gen-77');
  });

  it('carries the usage of the error chunk itself', async () => {
    const { client } = clientWith({}, streamOf([errorChunk({ usage: USAGE }), 'data: [DONE]\n\n']));
    const error = (await rejectionOf(iterate(await client.chat.completions.create(REQUEST)))) as StreamChunkError;
    expect(error.usage).toEqual(USAGE);
  });

  it('has no usage when none comes, and is not held up by a server that stays open after the error', async () => {
    const { client } = clientWith({}, streamOf([errorChunk()], false));
    const started = Date.now();
    const error = (await rejectionOf(iterate(await client.chat.completions.create(REQUEST)))) as StreamChunkError;
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.usage).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('keeps both through toReadableStream() and fromReadableStream()', async () => {
    const { client } = clientWith({}, streamOf([content, errorChunk(), usageChunk, 'data: [DONE]\n\n']));
    const forwarded = (await client.chat.completions.create(REQUEST)).toReadableStream();
    const error = (await rejectionOf(
      ChatCompletionStream.fromReadableStream(forwarded).finalCompletion(),
    )) as StreamChunkError;
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.generationId).toBe('gen-77');
    expect(error.usage).toEqual(USAGE);
  });
});

describe('an error event of the other protocols', () => {
  it('Messages: takes the generation id of message_start, and the usage of a message_delta after it', async () => {
    const messages = [
      `event: message_start\n${event({ type: 'message_start', message: { id: 'gen-m1', type: 'message', role: 'assistant', content: [], model: 'm' } })}`,
      `event: error\n${event({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } })}`,
      `event: message_delta\n${event({ type: 'message_delta', delta: {}, usage: { output_tokens: 4 } })}`,
    ];
    const { client } = clientWith({}, streamOf(messages));
    const stream = await client.messages.create({ ...REQUEST, max_tokens: 8 });
    const error = (await rejectionOf(stream.finalMessage())) as StreamChunkError;
    expect(error.generationId).toBe('gen-m1');
    expect(error.usage).toEqual({ output_tokens: 4 });
  });
});
