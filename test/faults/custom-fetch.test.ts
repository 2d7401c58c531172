// A user's own `fetch` against a real socket: node-fetch v2 (an `(url, init)` fetch that does not
// understand a WHATWG Request), wrappers around the global fetch, and fetches that throw for
// reasons of their own, which are not connection errors to retry.
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { APIConnectionError, OpenRouter, OpenRouterError } from '../../src/index';
import {
  CHAT_BODY,
  clientFor,
  completion,
  type FaultServer,
  resetAfterFlush,
  sendJson,
  TEST_KEY,
  useFaultServer,
  writeRaw,
} from './fault-server';

// node-fetch v2 is CommonJS without types; a devDependency, pinned.
const nodeFetch = createRequire(import.meta.url)('node-fetch') as typeof fetch;

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('node-fetch v2 as the fetch', () => {
  it('sends the request as given: method, path, headers, body; and resolves', async () => {
    server.handle((_req, res) => sendJson(res, 200, completion('gen-node-fetch')));
    const client = clientFor(server, { fetch: nodeFetch });
    const result = await client.chat.completions.create(CHAT_BODY);
    expect(result.id).toBe('gen-node-fetch');
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(`${request?.method} ${request?.url}`).toBe('POST /api/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual(CHAT_BODY);
  });

  it('streams through it', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n');
    });
    const stream = await clientFor(server, { fetch: nodeFetch }).chat.completions.create({
      ...CHAT_BODY,
      stream: true,
    });
    const contents: unknown[] = [];
    for await (const chunk of stream) contents.push(chunk.choices[0]?.delta?.content);
    expect(contents).toEqual(['hi']);
  });

  it("a refused connection (node-fetch's FetchError, code ECONNREFUSED): retried even for POST, nothing was sent", async () => {
    let calls = 0;
    const counting = ((url: string, init: RequestInit) => {
      calls += 1;
      return nodeFetch(url, init);
    }) as typeof fetch;
    const client = new OpenRouter({
      apiKey: TEST_KEY,
      baseURL: `http://127.0.0.1:${await closedPort()}/api/v1`,
      fetch: counting,
      maxRetries: 1,
    });
    const error = await client.chat.completions.create(CHAT_BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe('Connection error (ECONNREFUSED; 2 attempts).');
    expect(calls).toBe(2);
  });

  it('a reset before the headers (FetchError, code ECONNRESET): a POST is not sent twice', async () => {
    server.handle((_req, res) => resetAfterFlush(writeRaw(res, 'HTTP/1.1 200 OK\r\nContent-Ty')));
    const error = await clientFor(server, { fetch: nodeFetch, maxRetries: 2 })
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/not retried: the POST may have reached the server\)\.$/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('an exception of the provided fetch that is not a network failure', () => {
  const bugs: [string, () => unknown][] = [
    ['a TypeError from its own code', () => (undefined as unknown as { x: { y: number } }).x.y],
    [
      'a custom Error',
      () => {
        throw new Error('proxy configuration missing');
      },
    ],
    [
      'a thrown string',
      () => {
        throw 'nope';
      },
    ],
  ];

  it.each(bugs)(
    '%s: an OpenRouterError naming the provided fetch, the original as cause, no retry',
    async (_name, bug) => {
      let calls = 0;
      let thrown: unknown;
      const failing = (() => {
        calls += 1;
        try {
          return bug();
        } catch (error) {
          thrown = error;
          throw error;
        }
      }) as unknown as typeof fetch;
      const started = performance.now();
      const error = await clientFor(server, { fetch: failing, maxRetries: 2 })
        .models.list()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenRouterError);
      expect(error).not.toBeInstanceOf(APIConnectionError);
      expect((error as Error).message).toMatch(/^The provided fetch threw \(not a network failure, not retried\): /);
      expect((error as Error).cause).toBe(thrown);
      expect(calls).toBe(1);
      // Reported at once: before, it was retried with backoff and reported as "Connection error." after ~1.5 s.
      expect(performance.now() - started).toBeLessThan(400);
    },
  );

  it("a wrapper of the global fetch: undici's network failure still counts as one (retried for GET)", async () => {
    let calls = 0;
    const wrapper = ((url: string, init: RequestInit) => {
      calls += 1;
      return globalThis.fetch(url, init);
    }) as typeof fetch;
    server.handle((_req, res, received) =>
      received.n === 1 ? resetAfterFlush(writeRaw(res, 'HTTP/1.1 200 OK\r\n')) : sendJson(res, 200, { data: [] }),
    );
    await expect(clientFor(server, { fetch: wrapper }).models.list()).resolves.toEqual({ data: [] });
    expect(calls).toBe(2);
  });
});
