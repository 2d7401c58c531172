// Connection faults and timeouts against a real socket: refused, reset before/after the headers,
// bodies cut short, servers that never answer or stall, and the caller's AbortSignal.
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  OpenRouter,
  OpenRouterError,
  RateLimitError,
} from '../../src/index';
import {
  apiError,
  CHAT_BODY,
  clientFor,
  completion,
  type FaultServer,
  resetAfterFlush,
  sendJson,
  sleep,
  TEST_KEY,
  useFaultServer,
  writeRaw,
} from './fault-server';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

/** globalThis.fetch, counting the attempts the SDK makes (for failures the server never sees). */
function countingFetch() {
  const counter = {
    calls: 0,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      counter.calls += 1;
      return globalThis.fetch(input, init);
    }) as typeof fetch,
  };
  return counter;
}

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const ok = (res: import('node:http').ServerResponse, n: number) => sendJson(res, 200, completion(`gen-${n}`));

describe('connection refused', () => {
  it('is an APIConnectionError after maxRetries + 1 attempts', async () => {
    const port = await closedPort();
    const counter = countingFetch();
    const client = new OpenRouter({
      apiKey: TEST_KEY,
      baseURL: `http://127.0.0.1:${port}/api/v1`,
      fetch: counter.fetch,
      maxRetries: 1,
    });
    const error = await client.chat.completions.create(CHAT_BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toBe('Connection error (ECONNREFUSED; 2 attempts).');
    expect((error as APIConnectionError).attempts).toBe(2);
    // Retried even though POST: a refused connection proves nothing reached a server.
    expect(counter.calls).toBe(2);
  });
});

describe('a host name that does not resolve', () => {
  it('is retried even for POST (nothing was sent), then APIConnectionError naming the DNS failure', async () => {
    const counter = countingFetch();
    // `.invalid` never resolves (RFC 2606); without a DNS server at all the failure is EAI_AGAIN.
    const client = new OpenRouter({
      apiKey: TEST_KEY,
      baseURL: 'http://openrouter-fault-test.invalid/api/v1',
      fetch: counter.fetch,
      maxRetries: 1,
      timeout: 10_000,
    });
    const error = await client.chat.completions.create(CHAT_BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/^Connection error \((ENOTFOUND|EAI_AGAIN); 2 attempts\)\.$/);
    expect(counter.calls).toBe(2);
  });
});

describe('connection reset before the headers are complete', () => {
  const resetMidHeaders = (res: import('node:http').ServerResponse) =>
    resetAfterFlush(writeRaw(res, 'HTTP/1.1 200 OK\r\nContent-Type: applic'));

  it('POST is not retried (the request may have reached the server): APIConnectionError after one request', async () => {
    server.handle((_req, res, received) => (received.n === 1 ? resetMidHeaders(res) : ok(res, received.n)));
    const error = await clientFor(server, { maxRetries: 2 })
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(
      /^Connection error \((ECONNRESET|UND_ERR_SOCKET); 1 attempt; not retried: the POST may have reached the server\)\.$/,
    );
    expect((error as APIConnectionError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('GET is retried, and the retry resends the same request', async () => {
    server.handle((_req, res, received) => (received.n === 1 ? resetMidHeaders(res) : ok(res, received.n)));
    const result = await clientFor(server, { maxRetries: 2 }).models.list({ category: 'programming' });
    expect(result).toEqual(completion('gen-2'));
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/models?category=programming',
      'GET /api/v1/models?category=programming',
    ]);
    expect(server.requests[1]?.headers.authorization).toBe(server.requests[0]?.headers.authorization);
  });

  it('surfaces APIConnectionError with the attempt count when every attempt is reset', async () => {
    server.handle((_req, res) => resetMidHeaders(res));
    const error = await clientFor(server, { maxRetries: 1 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).attempts).toBe(2);
    expect((error as Error).message).toMatch(/; 2 attempts\)\.$/);
    expect(server.requests).toHaveLength(2);
  });
});

describe('connection reset in the middle of the body', () => {
  const resetMidBody = (res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"id":"gen-1","choices":[{"message":');
    return resetAfterFlush(res.socket as import('node:net').Socket);
  };

  it('GET (idempotent) is retried and succeeds', async () => {
    server.handle((_req, res, received) => (received.n === 1 ? resetMidBody(res) : ok(res, received.n)));
    const result = await clientFor(server, { maxRetries: 2 }).models.list();
    expect(result).toEqual(completion('gen-2'));
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/models', 'GET /api/v1/models']);
  });

  it('DELETE (idempotent) is retried and succeeds', async () => {
    server.handle((_req, res, received) =>
      received.n === 1 ? resetMidBody(res) : sendJson(res, 200, { deleted: true }),
    );
    await expect(clientFor(server).keys.delete('abc123')).resolves.toEqual({ deleted: true });
    expect(server.requests).toHaveLength(2);
  });

  it('POST is not retried (the server already handled it): APIConnectionError after one request', async () => {
    server.handle((_req, res, received) => (received.n === 1 ? resetMidBody(res) : ok(res, received.n)));
    const error = await clientFor(server, { maxRetries: 2 })
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(
      'Connection lost while reading the response body (1 attempt; not retried: the POST may have reached the server).',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('PATCH is not retried either', async () => {
    server.handle((_req, res, received) => (received.n === 1 ? resetMidBody(res) : ok(res, received.n)));
    await expect(clientFor(server).keys.update('abc123', { name: 'x' })).rejects.toBeInstanceOf(APIConnectionError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('a body cut off mid-JSON', () => {
  it('closed before Content-Length was reached: APIConnectionError, not a JSON exception', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"data":[{"id":"openai/gpt-4o","name":');
      setTimeout(() => res.socket?.end(), 20); // a clean FIN, 470 bytes short
    });
    const error = await clientFor(server, { maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(SyntaxError);
  });

  it('chunked, ended after half a JSON document: an OpenRouterError that names the problem', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked: the end looks clean
      res.end('{"data":[{"id":"openai/gpt-4o","name":');
    });
    const error = await clientFor(server)
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect((error as Error).name).toBe('OpenRouterError');
    expect((error as Error).message).toBe(
      'GET /api/v1/models answered 200 with a body that is not JSON (application/json): {"data":[{"id":"openai/gpt-4o","name":',
    );
    expect(server.requests).toHaveLength(1); // a complete (if bad) answer is not retried
  });
});

describe('timeouts', () => {
  it('a server that never answers: APITimeoutError within the timeout (plus a margin)', async () => {
    server.handle(() => {}); // never answers
    const started = performance.now();
    const error = await clientFor(server, { timeout: 300, maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe('Request timed out after 300 ms (1 attempt).');
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(300 + 2_000);
    // The client gave up on the connection: the server sees it close.
    await server.requests[0]?.closed;
    expect(server.requests[0]?.closedEarly).toBe(true);
  });

  it('a per-request timeout overrides the client one', async () => {
    server.handle(() => {});
    const started = performance.now();
    const client = clientFor(server, { timeout: 60_000, maxRetries: 0 });
    await expect(client.models.list(undefined, { timeout: 200 })).rejects.toBeInstanceOf(APITimeoutError);
    expect(performance.now() - started).toBeLessThan(200 + 2_000);
  });

  it('timeouts of a GET are retried: each attempt gets the full timeout', async () => {
    server.handle(() => {});
    const started = performance.now();
    const error = await clientFor(server, { timeout: 150, maxRetries: 1 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as APITimeoutError).attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('a timed-out POST is not sent again (it may be running on the server)', async () => {
    server.handle(() => {});
    const error = await clientFor(server, { timeout: 150, maxRetries: 2 })
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toBe(
      'Request timed out after 150 ms (1 attempt; not retried: the POST may have reached the server).',
    );
    await sleep(100);
    expect(server.requests).toHaveLength(1);
  });

  it('headers then a stalled body (non-streaming): APITimeoutError, the timeout covers the body', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":['); // ...and nothing more
    });
    const started = performance.now();
    const error = await clientFor(server, { timeout: 300, maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APITimeoutError);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(300 + 2_000);
  });

  it('a stream whose headers never come: APITimeoutError', async () => {
    server.handle(() => {});
    await expect(
      clientFor(server, { timeout: 200, maxRetries: 0 }).chat.completions.create({ ...CHAT_BODY, stream: true }),
    ).rejects.toBeInstanceOf(APITimeoutError);
  });

  it('a stream that sends headers then stalls is NOT cut by `timeout` (it covers the headers only); a signal ends it', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': OPENROUTER PROCESSING\n\n');
    });
    const stream = await clientFor(server, { timeout: 100, maxRetries: 0 }).chat.completions.create(
      { ...CHAT_BODY, stream: true },
      { signal: AbortSignal.timeout(400) },
    );
    const started = performance.now();
    const error = await (async () => {
      for await (const _ of stream) {
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    // Well past the 100 ms `timeout`: only the caller's signal stopped it.
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    await server.requests[0]?.closed;
    expect(server.requests[0]?.closedEarly).toBe(true);
  });
});

describe('the caller’s AbortSignal', () => {
  it('aborting while waiting for headers: APIUserAbortError, and the server sees the connection close', async () => {
    server.handle(() => {});
    const controller = new AbortController();
    const pending = clientFor(server).models.list(undefined, { signal: controller.signal });
    await sleep(100);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    await server.requests[0]?.closed;
    expect(server.requests[0]?.closedEarly).toBe(true);
    expect(server.requests).toHaveLength(1); // an abort is never retried
  });

  it('aborting during the wait before a retry: APIUserAbortError at once, no second request', async () => {
    server.handle((_req, res) => sendJson(res, 429, apiError(429, 'wait'), { 'retry-after': '30' }));
    const controller = new AbortController();
    const started = performance.now();
    const pending = clientFor(server).models.list(undefined, { signal: controller.signal });
    await sleep(150);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(server.requests).toHaveLength(1);
  });

  it('an already-aborted signal: APIUserAbortError and no request at all', async () => {
    server.handle((_req, res, received) => ok(res, received.n));
    await expect(clientFor(server).models.list(undefined, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    await sleep(50);
    expect(server.requests).toHaveLength(0);
  });

  it('aborting mid-body: APIUserAbortError, not a connection error', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
    });
    const controller = new AbortController();
    const pending = clientFor(server).models.list(undefined, { signal: controller.signal });
    await sleep(150);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });
});
