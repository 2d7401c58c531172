// toReadableStream / fromReadableStream (a stream forwarded from a server route and read again),
// and tee().
import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../../src/core/errors';
import { Stream } from '../../src/core/stream';
import { ChatCompletionStream } from '../../src/streams/chat';
import { MessagesStream } from '../../src/streams/messages';
import { ResponsesStream } from '../../src/streams/responses';
import { bytes, fixture, manualBody, responseOf } from './helpers/sse-streams';

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

async function readAll(readable: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(readable).text();
}

const fresh = <S>(Kind: new (r: Response, c: AbortController) => S, name: string) =>
  new Kind(responseOf([fixture(name)]), new AbortController());

describe('toReadableStream and fromReadableStream', () => {
  it('writes one JSON item per line, the same items the stream yields', async () => {
    const items = await collect(fresh(ResponsesStream, 'responses-reasoning-function-call.sse'));
    const text = await readAll(fresh(ResponsesStream, 'responses-reasoning-function-call.sse').toReadableStream());
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(items);
  });

  it('round trip: the rebuilt stream yields the same items and keeps its accumulator', async () => {
    const direct = await fresh(ResponsesStream, 'responses-reasoning-function-call.sse').finalResponse();
    const forwarded = fresh(ResponsesStream, 'responses-reasoning-function-call.sse').toReadableStream();
    const rebuilt = ResponsesStream.fromReadableStream(forwarded);
    expect(rebuilt).toBeInstanceOf(ResponsesStream);
    expect(await rebuilt.finalResponse()).toEqual(direct);

    const message = await fresh(MessagesStream, 'messages-thinking-tool-use.sse').finalMessage();
    const messages = MessagesStream.fromReadableStream(
      fresh(MessagesStream, 'messages-thinking-tool-use.sse').toReadableStream(),
    );
    expect(await messages.finalMessage()).toEqual(message);

    const completion = await fresh(ChatCompletionStream, 'chat-reasoning-tool-call.sse').finalCompletion();
    const chat = ChatCompletionStream.fromReadableStream(
      fresh(ChatCompletionStream, 'chat-reasoning-tool-call.sse').toReadableStream(),
    );
    expect(await chat.finalCompletion()).toEqual(completion);
  });

  it('round trip through the bytes cut one per read', async () => {
    const text = await readAll(fresh(MessagesStream, 'messages-thinking-tool-use.sse').toReadableStream());
    const data = bytes(text);
    const pieces = Array.from(data, (_, i) => data.subarray(i, i + 1));
    const rebuilt = MessagesStream.fromReadableStream(responseOf(pieces).body as ReadableStream<Uint8Array>);
    expect(await rebuilt.finalMessage()).toEqual(
      await fresh(MessagesStream, 'messages-thinking-tool-use.sse').finalMessage(),
    );
  });

  it('an error event is forwarded as its line, and the rebuilt stream throws the same typed error', async () => {
    const source = new Stream<unknown>(
      responseOf([bytes('data: {"choices":[]}\n\ndata: {"error":{"code":429,"message":"slow"}}\n\n')]),
      new AbortController(),
    );
    const rebuilt = Stream.fromReadableStream(source.toReadableStream());
    const items: unknown[] = [];
    let error: unknown;
    try {
      for await (const item of rebuilt) items.push(item);
    } catch (caught) {
      error = caught;
    }
    expect(items).toEqual([{ choices: [] }]);
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it('cancelling the readable stream cancels the request', async () => {
    const controller = new AbortController();
    const body = manualBody(controller.signal);
    const stream = new Stream<unknown>(new Response(body.stream), controller);
    const reader = stream.toReadableStream().getReader();
    body.push('data: {"n":1}\n\n');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"n":1}\n');
    await reader.cancel();
    expect(controller.signal.aborted).toBe(true);
  });
});

describe('tee', () => {
  it('gives two streams that both deliver every item and both accumulate', async () => {
    const [left, right] = fresh(ResponsesStream, 'responses-reasoning-function-call.sse').tee();
    expect(left).toBeInstanceOf(ResponsesStream);
    const [leftItems, rightItems] = await Promise.all([collect(left), collect(right)]);
    const expected = await collect(fresh(ResponsesStream, 'responses-reasoning-function-call.sse'));
    expect(leftItems).toEqual(expected);
    expect(rightItems).toEqual(expected);
    expect(await left.finalResponse()).toEqual(await right.finalResponse());
  });

  it('one branch read to the end before the other starts', async () => {
    const source = fresh(MessagesStream, 'messages-thinking-tool-use.sse');
    const [first, second] = source.tee();
    const message = await first.finalMessage();
    expect(await second.finalMessage()).toEqual(message);
    expect(source.controller.signal.aborted).toBe(false);
  });

  it('the request is aborted only when both branches have been abandoned', async () => {
    const controller = new AbortController();
    const body = manualBody(controller.signal);
    const [left, right] = new Stream<{ n: number }>(new Response(body.stream), controller).tee();
    body.push('data: {"n":1}\n\ndata: {"n":2}\n\n');
    for await (const _ of left) break;
    expect(controller.signal.aborted).toBe(false);
    const seen: number[] = [];
    for await (const item of right) {
      seen.push(item.n);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    expect(controller.signal.aborted).toBe(true);
  });

  it('an abandoned branch does not stop the other, which reads to the end without an abort', async () => {
    const source = fresh(ChatCompletionStream, 'chat-reasoning-tool-call.sse');
    const [left, right] = source.tee();
    for await (const _ of left) break;
    const completion = await right.finalCompletion();
    expect(completion.choices[0]?.message.content).toBe('Checking Paris now.');
    expect(source.controller.signal.aborted).toBe(false);
  });

  it('an error reaches both branches', async () => {
    const [left, right] = new Stream<unknown>(
      responseOf([bytes('data: {"ok":1}\n\ndata: {"error":{"code":"rate_limit_exceeded","message":"slow"}}\n\n')]),
      new AbortController(),
    ).tee();
    await expect(collect(left)).rejects.toBeInstanceOf(RateLimitError);
    await expect(collect(right)).rejects.toBeInstanceOf(RateLimitError);
  });

  it('the source cannot be iterated again after tee()', () => {
    const source = fresh(ResponsesStream, 'responses-reasoning-function-call.sse');
    source.tee();
    expect(() => source[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
