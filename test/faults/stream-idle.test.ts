// The idle timeout of streams against a real server: a stream that stalls ends with
// APITimeoutError; keep-alive comments, and a slow consumer, do not count as idle.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { APITimeoutError, OpenRouterError } from '../../src/index';
import {
  CHAT_BODY,
  chunk,
  clientFor,
  type FaultServer,
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

async function drain(stream: AsyncIterable<unknown>) {
  const contents: string[] = [];
  try {
    for await (const c of stream) contents.push((c as ReturnType<typeof chunk>).choices[0]?.delta.content ?? '');
  } catch (error) {
    return { contents, error };
  }
  return { contents, error: undefined as unknown };
}

/** Sends `events` chunks, then nothing, keeping the connection open until the client leaves. */
function stallAfter(events: string[]) {
  server.handle(async (_req, res, received) => {
    startSse(res);
    for (const content of events) res.write(sseEvent(chunk(content)));
    await received.closed;
  });
}

describe('idleTimeout', () => {
  it('a stream that stalls after a few events ends with APITimeoutError naming the idle time, and the request is closed', async () => {
    stallAfter(['a', 'b', 'c']);
    const started = performance.now();
    const stream = await clientFor(server, { idleTimeout: 300 }).chat.completions.create(STREAM_BODY);
    const { contents, error } = await drain(stream);
    const elapsed = performance.now() - started;
    expect(contents).toEqual(['a', 'b', 'c']);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toMatch(/idle for 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3_000);
    await server.requests[0]?.closed;
    expect(server.requests[0]?.closedEarly).toBe(true);
  });

  it('keep-alive comments sent only slightly faster than the idle timeout keep the stream alive', async () => {
    server.handle(async (_req, res) => {
      startSse(res);
      res.write(sseEvent(chunk('start')));
      for (let i = 0; i < 6; i++) {
        await sleep(200);
        res.write(': OPENROUTER PROCESSING\n\n');
      }
      res.end(`${sseEvent(chunk('end'))}data: [DONE]\n\n`);
    });
    // 6 x 200 ms of comments = 1.2 s, far longer than the 300 ms idle timeout, but never 300 ms of silence.
    const stream = await clientFor(server, { idleTimeout: 300 }).chat.completions.create(STREAM_BODY);
    const { contents, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(contents).toEqual(['start', 'end']);
  });

  it('the time a slow consumer spends between items does not count', async () => {
    server.handle((_req, res) => {
      startSse(res);
      res.end(`${['x', 'y', 'z'].map((c) => sseEvent(chunk(c))).join('')}data: [DONE]\n\n`);
    });
    const stream = await clientFor(server, { idleTimeout: 150 }).chat.completions.create(STREAM_BODY);
    const seen: string[] = [];
    for await (const c of stream) {
      seen.push(c.choices[0]?.delta.content ?? '');
      await sleep(250);
    }
    expect(seen).toEqual(['x', 'y', 'z']);
  });

  it('the per-request option overrides the client option (and finalCompletion() rethrows the timeout)', async () => {
    stallAfter(['only']);
    const client = clientFor(server, { idleTimeout: 60_000 });
    const started = performance.now();
    const stream = await client.chat.completions.create(STREAM_BODY, { idleTimeout: 200 });
    await expect(stream.finalCompletion()).rejects.toBeInstanceOf(APITimeoutError);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('Infinity means no idle limit', async () => {
    server.handle(async (_req, res) => {
      startSse(res);
      await sleep(400);
      res.end(`${sseEvent(chunk('late'))}data: [DONE]\n\n`);
    });
    const stream = await clientFor(server, { idleTimeout: 100 }).chat.completions.create(STREAM_BODY, {
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    expect((await drain(stream)).contents).toEqual(['late']);
  });

  it.each([0, -5, Number.NaN, '300'])('rejects idleTimeout %s before any request', async (value) => {
    expect(() => clientFor(server, { idleTimeout: value as number })).toThrow(/idleTimeout must be a positive number/);
    const call = clientFor(server).chat.completions.create(STREAM_BODY, { idleTimeout: value as number });
    await expect(call).rejects.toBeInstanceOf(OpenRouterError);
    await expect(call).rejects.toThrow(/request options: idleTimeout must be a positive number/);
    expect(server.requests).toHaveLength(0);
  });
});
