// Streaming (`stream: true`) against a real server: slow starts, odd framing, errors and drops
// mid-stream, missing [DONE], and a consumer that leaves early.
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { StreamChunkError } from '../../src/core/stream';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  BadGatewayError,
  BadRequestError,
  OpenRouterError,
} from '../../src/index';
import {
  apiError,
  CHAT_BODY,
  chunk,
  clientFor,
  type FaultServer,
  resetAfterFlush,
  sendJson,
  sleep,
  sseEvent,
  startSse,
  useFaultServer,
} from './fault-server';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const STREAM_BODY = { ...CHAT_BODY, stream: true as const };

/** Iterates the stream, returning the contents seen and the error that ended it, if any. */
async function drain(stream: AsyncIterable<unknown>): Promise<{ contents: string[]; error: unknown }> {
  const contents: string[] = [];
  try {
    for await (const c of stream) {
      contents.push((c as ReturnType<typeof chunk>).choices[0]?.delta.content ?? '');
    }
  } catch (error) {
    return { contents, error };
  }
  return { contents, error: undefined };
}

/** Serves `text` as one SSE response, written in one go. */
function serveSse(text: string) {
  server.handle((_req, res) => {
    startSse(res);
    res.end(text);
  });
}

const three = ['Hel', 'lo', '!'];
const threeEvents = three.map((c) => sseEvent(chunk(c))).join('');

describe('framing', () => {
  it('keep-alive comments only for a while (longer than `timeout`), then data: all chunks, no timeout', async () => {
    server.handle(async (_req, res) => {
      startSse(res);
      const until = performance.now() + 500;
      while (performance.now() < until) {
        res.write(': OPENROUTER PROCESSING\n\n');
        await sleep(40);
      }
      res.end(`${threeEvents}data: [DONE]\n\n`);
    });
    // `timeout` covers the wait for the headers only, so 500 ms of comments do not trip a 150 ms timeout.
    const stream = await clientFor(server, { timeout: 150 }).chat.completions.create(STREAM_BODY);
    const { contents, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(contents).toEqual(three);
  });

  it('CRLF line endings', async () => {
    serveSse(`${threeEvents}data: [DONE]\n\n`.replaceAll('\n', '\r\n'));
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    expect(await drain(stream)).toEqual({ contents: three, error: undefined });
  });

  it('multi-line `data:` fields are joined with newlines into one JSON document', async () => {
    const lines = JSON.stringify(chunk('multi'), null, 2).split('\n');
    serveSse(`${lines.map((l) => `data: ${l}`).join('\n')}\n\ndata: [DONE]\n\n`);
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    expect(await drain(stream)).toEqual({ contents: ['multi'], error: undefined });
  });

  it('a frame split across reads at every byte (written byte by byte, flushed): same chunks', async () => {
    const text = `: keep-alive\r\n\r\n${sseEvent(chunk('é€😀'))}${sseEvent(chunk('b'))}data: [DONE]\n\n`;
    const bytes = Buffer.from(text);
    server.handle(async (_req, res) => {
      startSse(res);
      (res.socket as Socket).setNoDelay(true);
      for (const byte of bytes) {
        res.write(Buffer.of(byte));
        await sleep(1); // let each byte leave as its own packet
      }
      res.end();
    });
    // Count the reads the client actually made, by wrapping its fetch.
    let reads = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(piece, controller) {
          reads += 1;
          controller.enqueue(piece);
        },
      });
      return new Response(response.body?.pipeThrough(counter) ?? null, response);
    };
    const stream = await clientFor(server, { fetch: countingFetch }).chat.completions.create(STREAM_BODY);
    expect(await drain(stream)).toEqual({ contents: ['é€😀', 'b'], error: undefined });
    // Most bytes arrived in reads of their own (multi-byte UTF-8 characters split included).
    expect(reads).toBeGreaterThan(bytes.length / 4);
  });

  it('a stream with no [DONE] that ends cleanly: all chunks, a normal end, finalCompletion works', async () => {
    serveSse(threeEvents);
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    const final = await stream.finalCompletion();
    expect(final.choices[0]?.message.content).toBe('Hello!');
  });

  it('a long stream (1000 chunks) merges into the exact text, part read by hand and the rest by finalCompletion', async () => {
    const chunks = Array.from({ length: 1_000 }, (_, i) => {
      const delta: Record<string, unknown> = { content: `c${i};` };
      if (i % 3 === 0) delta.reasoning = `r${i}|`;
      if (i < 600)
        delta.tool_calls = [
          {
            index: 0,
            ...(i === 0 ? { id: 'call_1', type: 'function' } : {}),
            function: { ...(i === 0 ? { name: 'f' } : {}), arguments: `${i},` },
          },
        ];
      return { ...chunk(''), choices: [{ index: 0, delta, finish_reason: i === 999 ? 'stop' : null }] };
    });
    serveSse(`${chunks.map(sseEvent).join('')}data: [DONE]\n\n`);
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    const iterator = stream[Symbol.asyncIterator]();
    for (let i = 0; i < 300; i++) await iterator.next();
    const final = await stream.finalCompletion();
    const message = final.choices[0]?.message as unknown as Record<string, unknown>;
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(message.content).toBe(
      range(1_000)
        .map((i) => `c${i};`)
        .join(''),
    );
    expect(message.reasoning).toBe(
      range(1_000)
        .filter((i) => i % 3 === 0)
        .map((i) => `r${i}|`)
        .join(''),
    );
    expect(message.tool_calls).toEqual([
      {
        index: 0,
        id: 'call_1',
        type: 'function',
        function: {
          name: 'f',
          arguments: range(600)
            .map((i) => `${i},`)
            .join(''),
        },
      },
    ]);
    expect(final.choices[0]?.finish_reason).toBe('stop');
  });

  it('events after [DONE] are ignored', async () => {
    serveSse(`${threeEvents}data: [DONE]\n\n${sseEvent(chunk('late'))}`);
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    expect(await drain(stream)).toEqual({ contents: three, error: undefined });
  });
});

describe('failures inside the stream', () => {
  it('an `error` chunk mid-stream: the chunks before it, then a typed error carrying the chunk', async () => {
    const errorChunk = {
      id: 'gen-stream',
      object: 'chat.completion.chunk',
      error: { code: 502, message: 'Provider disconnected', metadata: { provider_name: 'Fault' } },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    };
    serveSse(`${sseEvent(chunk('a'))}${sseEvent(chunk('b'))}${sseEvent(errorChunk)}${sseEvent(chunk('never'))}`);
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    const { contents, error } = await drain(stream);
    expect(contents).toEqual(['a', 'b']);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({
      status: 502,
      code: 502,
      message: '502 Provider disconnected',
      metadata: { provider_name: 'Fault' },
    });
    expect((error as StreamChunkError).chunk).toEqual(errorChunk);
  });

  it('a connection dropped mid-stream: APIConnectionError after the chunks received, not a silent end', async () => {
    server.handle(async (_req, res) => {
      startSse(res);
      res.write(sseEvent(chunk('a')) + sseEvent(chunk('b')));
      await sleep(30);
      res.socket?.destroy();
    });
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    const { contents, error } = await drain(stream);
    expect(contents).toEqual(['a', 'b']);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    // One message, from the transport, not wrapped again by the stream ("lost ...: lost ...").
    expect((error as Error).message).toMatch(/^connection (was )?lost while reading/i);
    expect((error as Error).message.match(/lost/gi)).toHaveLength(1);
  });

  it('a connection reset (RST) mid-event: APIConnectionError', async () => {
    server.handle((_req, res) => {
      startSse(res);
      res.write(`${sseEvent(chunk('a'))}data: {"id":"gen-stream","choi`);
      return resetAfterFlush(res.socket as Socket);
    });
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    const { contents, error } = await drain(stream);
    expect(contents).toEqual(['a']);
    expect(error).toBeInstanceOf(APIConnectionError);
  });

  it('a body that ends cleanly mid-event: the half event is a clear OpenRouterError, not a SyntaxError', async () => {
    serveSse(`${sseEvent(chunk('a'))}data: {"id":"gen-stream","choi`);
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    const { contents, error } = await drain(stream);
    expect(contents).toEqual(['a']);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toBe('A stream event\'s data is not valid JSON: {"id":"gen-stream","choi');
  });

  it('an error status before the stream starts: the typed error from create(), 4xx not retried', async () => {
    server.handle((_req, res) => sendJson(res, 400, apiError(400, 'stream not supported')));
    await expect(clientFor(server).chat.completions.create(STREAM_BODY)).rejects.toBeInstanceOf(BadRequestError);
    expect(server.requests).toHaveLength(1);
  });

  it('429 before the stream starts is retried, then the stream is read', async () => {
    server.handle((_req, res, received) => {
      if (received.n === 1) return sendJson(res, 429, apiError(429, 'busy'), { 'retry-after-ms': '10' });
      startSse(res);
      res.end(`${threeEvents}data: [DONE]\n\n`);
    });
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    expect(await drain(stream)).toEqual({ contents: three, error: undefined });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
    expect(server.requests[0]?.headers.accept).toContain('text/event-stream');
  });
});

describe('the consumer leaving early', () => {
  it('`break` aborts the request: the server sees its request and socket close', async () => {
    let socketClosed: Promise<void> | undefined;
    let written = 0;
    server.handle((req, res) => {
      socketClosed = new Promise((resolve) => req.socket.once('close', () => resolve()));
      startSse(res);
      // Endless (until the client leaves), bounded by the test timeout.
      const timer = setInterval(() => {
        written += 1;
        res.write(sseEvent(chunk(`c${written}`)));
      }, 10);
      res.once('close', () => clearInterval(timer));
    });
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    const seen: string[] = [];
    for await (const c of stream) {
      seen.push(c.choices[0]?.delta?.content ?? '');
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['c1', 'c2', 'c3']);
    await server.requests[0]?.closed;
    expect(server.requests[0]?.closedEarly).toBe(true);
    await socketClosed;
    const writtenAtClose = written;
    await sleep(50);
    expect(written).toBe(writtenAtClose); // nothing more is produced for nobody
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('an exception thrown in the loop aborts the request too', async () => {
    server.handle((_req, res) => {
      startSse(res);
      const timer = setInterval(() => res.write(sseEvent(chunk('x'))), 10);
      res.once('close', () => clearInterval(timer));
    });
    const stream = await clientFor(server).chat.completions.create(STREAM_BODY);
    await expect(
      (async () => {
        for await (const _ of stream) throw new Error('consumer failed');
      })(),
    ).rejects.toThrow('consumer failed');
    await server.requests[0]?.closed;
    expect(server.requests[0]?.closedEarly).toBe(true);
  });
});
