import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  BadGatewayError,
  BadRequestError,
  InternalServerError,
  OpenRouterError,
  RateLimitError,
} from '../../src/core/errors';
import { Stream, type StreamChunkError } from '../../src/core/stream';
import { hasRealdata, readRealdata } from '../support/realdata';
import { bytes, fixture, manualBody, onePiecePerByte, responseOf, splitAt } from './helpers/sse-streams';

type Chunk = { id?: string; choices: { delta: { content?: string | null } }[]; error?: unknown };

function streamOf(pieces: Uint8Array[], init?: ResponseInit) {
  const controller = new AbortController();
  return { controller, stream: new Stream<Chunk>(responseOf(pieces, init), controller) };
}

function textStream(text: string) {
  return streamOf([bytes(text)]);
}

/** Reads everything: the chunks seen, and what was thrown (if anything). */
async function drain<T>(stream: AsyncIterable<T>): Promise<{ chunks: T[]; error: unknown }> {
  const chunks: T[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks, error: undefined };
  } catch (error) {
    return { chunks, error };
  }
}

function contents(chunks: Chunk[]): (string | null | undefined)[] {
  return chunks.map((c) => c.choices[0]?.delta.content);
}

describe('Stream: ordinary streams', () => {
  it('yields the parsed chunks, skips keep-alives, ends at [DONE] without aborting', async () => {
    const { stream, controller } = streamOf([fixture('keepalive.sse')]);
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(contents(chunks)).toEqual(['Hello', ', world']);
    expect(controller.signal.aborted).toBe(false);
  });

  it('stops reading at [DONE]: what follows is ignored', async () => {
    const { stream } = textStream('data: {"choices":[]}\n\ndata: [DONE]\n\ndata: not json\n\n');
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(chunks).toEqual([{ choices: [] }]);
  });

  it('ends normally when the body ends cleanly without [DONE]', async () => {
    const { stream, controller } = streamOf([fixture('no-done.sse')]);
    const { chunks, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(contents(chunks)).toEqual(['Partial', ' answer']);
    expect(controller.signal.aborted).toBe(false);
  });

  it('skips events whose data is empty', async () => {
    const { stream } = textStream('data:\n\ndata: {"choices":[]}\n\n');
    expect((await drain(stream)).chunks).toEqual([{ choices: [] }]);
  });

  it('exposes the response', () => {
    const { stream } = streamOf([], { headers: { 'x-generation-id': 'gen-1' } });
    expect(stream.response.headers.get('x-generation-id')).toBe('gen-1');
  });
});

describe('Stream: errors inside the stream', () => {
  it('delivers the chunks before an error chunk, then throws the typed error', async () => {
    const { stream, controller } = streamOf(onePiecePerByte(fixture('error-mid-stream.sse')));
    const { chunks, error } = await drain(stream);
    expect(contents(chunks)).toEqual(['The answer', ' is']);
    expect(error).toBeInstanceOf(BadGatewayError);
    const apiError = error as StreamChunkError;
    expect(apiError.message).toBe('502 Upstream provider closed the connection');
    expect(apiError.status).toBe(502);
    expect(apiError.code).toBe(502);
    expect(apiError.metadata).toEqual({ provider_name: 'ExampleCloud' });
    expect((apiError.chunk as Chunk).id).toBe('gen-err');
    expect(controller.signal.aborted).toBe(true);
  });

  it('reads a numeric string code as a status', async () => {
    const { stream } = textStream('data: {"error":{"code":"429","message":"slow down"}}\n\n');
    const { error } = await drain(stream);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as APIError).status).toBe(429);
  });

  it("maps a known string code to its status, and an unknown one to 500, never the stream's 200", async () => {
    const known = await drain(textStream('data: {"error":{"code":"server_error","message":"oops"}}\n\n').stream);
    expect(known.error).toBeInstanceOf(InternalServerError);
    expect((known.error as APIError).status).toBe(500);
    expect((known.error as APIError).code).toBe('server_error');
    expect((known.error as APIError).message).toBe('500 oops');
    const limited = await drain(
      textStream('data: {"error":{"code":"rate_limit_exceeded","message":"slow"}}\n\n').stream,
    );
    expect(limited.error).toBeInstanceOf(RateLimitError);
    const unknown = await drain(textStream('data: {"error":{"code":"something_new","message":"?"}}\n\n').stream);
    expect((unknown.error as Error).constructor).toBe(InternalServerError);
    expect((unknown.error as APIError).status).toBe(500);
  });

  it('ignores an `error` field that is not an object', async () => {
    const { stream } = textStream('data: {"error":null,"choices":[]}\n\n');
    expect(await drain(stream)).toEqual({ chunks: [{ error: null, choices: [] }], error: undefined });
  });

  it('throws an OpenRouterError naming the first 200 characters of data that is not JSON', async () => {
    const data = `<html>${'x'.repeat(300)}`;
    const { stream, controller } = textStream(`data: {"choices":[]}\n\ndata: ${data}\n\n`);
    const { chunks, error } = await drain(stream);
    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect(error).not.toBeInstanceOf(APIError);
    const { message } = error as Error;
    expect(message).toContain('not valid JSON');
    expect(message).toContain(data.slice(0, 200));
    expect(message).not.toContain(data.slice(0, 201));
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect(controller.signal.aborted).toBe(true);
  });

  it('throws when the response has no body', async () => {
    const stream = new Stream(new Response(null), new AbortController());
    await expect(drain(stream).then((r) => r.error)).resolves.toBeInstanceOf(OpenRouterError);
  });
});

describe.skipIf(!hasRealdata)('Stream on the recorded stream_error transcript', () => {
  it('delivers the chunks before the error, then throws BadRequestError (code 400)', async () => {
    const text = readRealdata('chat/stream_error.0.200.sse');
    const { stream } = streamOf([bytes(text)]);
    const { chunks, error } = await drain(stream);
    const dataLines = text.split('\n').filter((line) => line.startsWith('data: {'));
    const erroring = dataLines.findIndex((line) => line.includes('"error":'));
    expect(erroring).toBeGreaterThan(0);
    expect(chunks).toEqual(dataLines.slice(0, erroring).map((line) => JSON.parse(line.slice(6))));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as APIError).message).toBe('400 Token limit reached');
    expect((error as StreamChunkError).chunk).toMatchObject({ usage: { total_tokens: 53 } });
  });
});

describe('Stream: leaving early and aborting', () => {
  it('aborts the controller and cancels the body when the consumer breaks', async () => {
    const controller = new AbortController();
    const body = manualBody();
    body.push('data: {"choices":[]}\n\ndata: {"choices":[]}\n\n');
    const stream = new Stream<Chunk>(new Response(body.stream), controller);
    let seen = 0;
    for await (const _ of stream) {
      seen++;
      break;
    }
    expect(seen).toBe(1);
    expect(controller.signal.aborted).toBe(true);
    expect(body.state.cancelled).toBe(true);
  });

  it('aborts the controller when the consumer throws', async () => {
    const { stream, controller } = streamOf([fixture('keepalive.sse')]);
    const consume = async () => {
      for await (const _ of stream) throw new Error('consumer failed');
    };
    await expect(consume()).rejects.toThrow('consumer failed');
    expect(controller.signal.aborted).toBe(true);
  });

  it('can be iterated only once', async () => {
    const { stream } = streamOf([fixture('keepalive.sse')]);
    await drain(stream);
    const second = await drain(stream);
    expect(second.error).toBeInstanceOf(OpenRouterError);
    expect((second.error as Error).message).toContain('can be read only once');
  });

  it('turns a body read error into APIConnectionError with the cause', async () => {
    const controller = new AbortController();
    const body = manualBody(controller.signal);
    body.push('data: {"choices":[]}\n\n');
    const stream = new Stream<Chunk>(new Response(body.stream), controller);
    const cause = new TypeError('terminated');
    const seen: Chunk[] = [];
    const reading = (async () => {
      for await (const chunk of stream) {
        seen.push(chunk);
        body.fail(cause);
      }
    })();
    const error = await reading.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect((error as Error).cause).toBe(cause);
    expect((error as Error).message).toContain('terminated');
  });

  it("turns the read error after the user's abort into APIUserAbortError", async () => {
    const user = new AbortController();
    const controller = new AbortController();
    user.signal.addEventListener('abort', () => controller.abort(user.signal.reason)); // as the HTTP layer links them
    const body = manualBody(controller.signal);
    body.push('data: {"choices":[{"delta":{"content":"a"}}]}\n\n');
    const stream = new Stream<Chunk>(new Response(body.stream), controller, user.signal);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const pending = iterator.next(); // waits for bytes that will not come
    user.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it('delivers nothing more after the user aborts, even chunks already buffered', async () => {
    const user = new AbortController();
    const stream = new Stream<Chunk>(responseOf([fixture('keepalive.sse')]), new AbortController(), user.signal);
    const seen: Chunk[] = [];
    const { error } = await drain({
      async *[Symbol.asyncIterator]() {
        for await (const chunk of stream) {
          seen.push(chunk);
          user.abort();
          yield chunk;
        }
      },
    });
    expect(seen).toHaveLength(1);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('reports a read error after a timeout abort as APITimeoutError', async () => {
    const controller = new AbortController();
    const body = manualBody(controller.signal);
    const stream = new Stream<Chunk>(new Response(body.stream), controller);
    const reading = drain(stream);
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    expect((await reading).error).toBeInstanceOf(APITimeoutError);
  });
});

describe('Stream properties', () => {
  it('gives the same chunks, then the same error, however the body is cut', async () => {
    const data = fixture('error-mid-stream.sse');
    const expected = await drain(streamOf([data]).stream);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: data.length }), { maxLength: 10 }), async (cuts) => {
        const { chunks, error } = await drain(
          streamOf(
            splitAt(
              data,
              [...cuts].sort((a, b) => a - b),
            ),
          ).stream,
        );
        expect(chunks).toEqual(expected.chunks);
        expect(error).toBeInstanceOf(BadGatewayError);
        expect((error as Error).message).toBe((expected.error as Error).message);
      }),
      { numRuns: 100 },
    );
  });

  it('throws nothing but OpenRouterError subclasses on random bytes', async () => {
    const prefix = fc.constantFrom('', 'data: ', 'data: {"error":', 'data: {"choices":[]}\n\ndata: ');
    await fc.assert(
      fc.asyncProperty(prefix, fc.uint8Array({ maxLength: 200 }), async (start, random) => {
        const data = new Uint8Array([...bytes(start), ...random]);
        const { error } = await drain(streamOf(splitAt(data, [data.length >> 1])).stream);
        if (error !== undefined) expect(error).toBeInstanceOf(OpenRouterError);
      }),
      { numRuns: 300 },
    );
  });
});
