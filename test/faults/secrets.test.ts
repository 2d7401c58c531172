// The API key never leaks: not through any error's message, stack, toJSON(), String() or util.inspect
// (causes included), not through the console, and not to another origin on a redirect.
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenRouter, OpenRouterError } from '../../src/index';
import {
  apiError,
  CHAT_BODY,
  chunk,
  completion,
  type FaultServer,
  resetAfterFlush,
  sendJson,
  sleep,
  sseEvent,
  startFaultServer,
  startSse,
  watchConsole,
  writeRaw,
} from './fault-server';

// A key shaped like a real one; its distinctive middle part is what the searches look for too, so a
// partially quoted or re-encoded key would be caught as well.
const KEY = 'sk-or-v1-9f8e7d6c5b4a39281706f5e4d3c2b1a0-LEAKCANARY';
const KEY_PARTS = [KEY, '9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'LEAKCANARY', Buffer.from(KEY).toString('base64')];

let server: FaultServer;
let other: FaultServer;
let console_: ReturnType<typeof watchConsole>;
beforeAll(async () => {
  [server, other] = await Promise.all([startFaultServer(), startFaultServer()]);
  console_ = watchConsole();
});
afterAll(async () => {
  console_.restore();
  await Promise.all([server.close(), other.close()]);
});
beforeEach(() => {
  server.reset();
  other.reset();
});
afterEach(() => expect(console_.calls()).toEqual([]));

/** Every rendering of an error a user or a logger might print or ship somewhere. */
function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown; cause?: unknown };
  const texts = [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    JSON.stringify(typeof e.toJSON === 'function' ? e.toJSON() : null),
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    JSON.stringify(
      Object.getOwnPropertyNames(e).map((name) => String((e as unknown as Record<string, unknown>)[name])),
    ),
  ];
  // The cause chain, rendered on its own as well.
  let cause = e.cause;
  for (let depth = 0; cause !== undefined && depth < 10; depth++) {
    texts.push(inspect(cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }), String(cause));
    cause = (cause as { cause?: unknown }).cause;
  }
  return texts;
}

function expectNoKey(error: unknown) {
  expect(error).toBeInstanceOf(OpenRouterError);
  for (const text of renderings(error)) for (const part of KEY_PARTS) expect(text).not.toContain(part);
}

async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

type Client = OpenRouter;
interface FailureKind {
  name: string;
  handler?: Parameters<FaultServer['handle']>[0];
  call: (client: Client) => unknown;
  options?: ConstructorParameters<typeof OpenRouter>[0];
  /** Whether the request reached the server (and so carried the key): proves the key was in play. */
  sent?: boolean;
}

const FAILURES: FailureKind[] = [
  {
    name: '401 invalid key',
    handler: (_q, r) => sendJson(r, 401, apiError(401, 'No auth credentials found')),
    call: (c) => c.keys.current(),
  },
  {
    name: '429 without retries',
    handler: (_q, r) => sendJson(r, 429, apiError(429, 'slow'), { 'retry-after': '1' }),
    call: (c) => c.models.list(),
    options: { maxRetries: 0 },
  },
  {
    name: '500 after retries',
    handler: (_q, r) => sendJson(r, 500, apiError(500, 'boom'), { 'retry-after-ms': '1' }),
    call: (c) => c.chat.completions.create(CHAT_BODY),
  },
  {
    name: '403 moderation',
    handler: (_q, r) => sendJson(r, 403, apiError(403, 'flagged', { reasons: ['x'] })),
    call: (c) => c.chat.completions.create(CHAT_BODY),
  },
  {
    name: 'HTML error page',
    handler: (_q, r) => r.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>'),
    call: (c) => c.models.list(),
    options: { maxRetries: 0 },
  },
  {
    name: '200 not JSON',
    handler: (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('nope'),
    call: (c) => c.models.list(),
  },
  { name: '200 empty', handler: (_q, r) => r.writeHead(200).end(), call: (c) => c.keys.current() },
  {
    name: 'reset before headers',
    handler: (_q, r) => resetAfterFlush(writeRaw(r, 'HTTP/1.1 200 OK\r\n')),
    call: (c) => c.models.list(),
    options: { maxRetries: 0 },
  },
  {
    name: 'reset mid-body',
    handler: (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      r.write('{"id":');
      return resetAfterFlush(r.socket as import('node:net').Socket);
    },
    call: (c) => c.chat.completions.create(CHAT_BODY),
  },
  { name: 'timeout', handler: () => {}, call: (c) => c.models.list(), options: { timeout: 100, maxRetries: 0 } },
  {
    name: 'user abort',
    handler: () => {},
    call: (c) => c.models.list(undefined, { signal: AbortSignal.timeout(100) }),
  },
  {
    name: 'error chunk in a stream',
    handler: (_q, r) => {
      startSse(r);
      r.end(sseEvent(chunk('a')) + sseEvent({ error: { code: 502, message: 'provider died' } }));
    },
    call: async (c) => {
      for await (const _ of await c.chat.completions.create({ ...CHAT_BODY, stream: true })) {
      }
    },
  },
  {
    name: 'stream dropped',
    handler: async (_q, r) => {
      startSse(r);
      r.write(sseEvent(chunk('a')));
      await sleep(20);
      r.socket?.destroy();
    },
    call: async (c) => {
      for await (const _ of await c.chat.completions.create({ ...CHAT_BODY, stream: true })) {
      }
    },
  },
  {
    name: 'bad JSON in a stream',
    handler: (_q, r) => {
      startSse(r);
      r.end('data: {not json\n\n');
    },
    call: async (c) => {
      for await (const _ of await c.chat.completions.create({ ...CHAT_BODY, stream: true })) {
      }
    },
  },
  {
    name: 'stream read twice',
    handler: (_q, r) => {
      startSse(r);
      r.end('data: [DONE]\n\n');
    },
    call: async (c) => {
      const stream = await c.chat.completions.create({ ...CHAT_BODY, stream: true });
      for await (const _ of stream) {
      }
      for await (const _ of stream) {
      }
    },
  },
  // A server (or a proxy) that echoes the Authorization header back: into the error body, the
  // message, a response header, a 200 error body, a stream's error chunk.
  {
    name: '400 echoing the Authorization header in its body and a header',
    handler: (q, r) =>
      sendJson(r, 400, apiError(400, `bad request, you sent ${q.headers.authorization}`, { echo: q.headers }), {
        'x-echo': String(q.headers.authorization),
      }),
    call: (c) => c.chat.completions.create(CHAT_BODY),
  },
  {
    name: '500 echoing the Authorization header as plain text',
    handler: (q, r) =>
      r.writeHead(500, { 'content-type': 'text/plain' }).end(`upstream failed for ${q.headers.authorization}`),
    call: (c) => c.models.list(),
    options: { maxRetries: 0 },
  },
  {
    name: '200 error body echoing the Authorization header',
    handler: (q, r) => sendJson(r, 200, apiError(502, `provider failed for ${q.headers.authorization}`)),
    call: (c) => c.chat.completions.create(CHAT_BODY),
  },
  {
    name: '200 JSON error body to a stream request, echoing the Authorization header',
    handler: (q, r) => sendJson(r, 200, apiError(429, `slow down ${q.headers.authorization}`)),
    call: (c) => c.chat.completions.create({ ...CHAT_BODY, stream: true }),
  },
  {
    name: 'stream error chunk echoing the Authorization header',
    handler: (q, r) => {
      startSse(r, { 'x-echo': String(q.headers.authorization) });
      r.end(sseEvent({ error: { code: 'server_error', message: `died: ${q.headers.authorization}` } }));
    },
    call: async (c) => {
      for await (const _ of await c.chat.completions.create({ ...CHAT_BODY, stream: true })) {
      }
    },
  },
  { name: 'bad model id', call: (c) => c.models.get('not a model'), sent: false },
  { name: 'empty key hash', call: (c) => c.keys.get(''), sent: false },
  {
    name: 'circular body',
    call: (c) => {
      const body: Record<string, unknown> = { ...CHAT_BODY };
      body.self = body;
      return c.chat.completions.create(body as typeof CHAT_BODY);
    },
    sent: false,
  },
  { name: 'negative timeout', call: (c) => c.models.list(undefined, { timeout: -1 }), sent: false },
];

describe('the key never appears in an error (message, stack, toJSON, String, inspect, causes)', () => {
  it.each(FAILURES.map((f) => [f.name, f] as const))('%s', async (_name, failure) => {
    server.handle(failure.handler ?? ((_q, r) => sendJson(r, 200, completion())));
    for (const apiKey of [KEY, () => KEY, async () => KEY]) {
      server.requests.length = 0;
      const client = new OpenRouter({ apiKey, baseURL: server.baseURL, ...failure.options });
      expectNoKey(await errorOf(() => failure.call(client)));
      if (failure.sent !== false) {
        expect(server.requests.length).toBeGreaterThan(0);
        expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
      } else {
        expect(server.requests).toHaveLength(0);
      }
    }
  });

  it.each(FAILURES.map((f) => [f.name, f] as const))(
    '%s: nor in any log line at logLevel debug',
    async (_name, failure) => {
      server.handle(failure.handler ?? ((_q, r) => sendJson(r, 200, completion())));
      const lines: string[] = [];
      const record = (message: string, details?: unknown) => lines.push(inspect([message, details], { depth: 20 }));
      const logger = { debug: record, info: record, warn: record, error: record };
      const client = new OpenRouter({
        apiKey: KEY,
        baseURL: server.baseURL,
        logLevel: 'debug',
        logger,
        ...failure.options,
      });
      await errorOf(() => failure.call(client));
      if (failure.sent !== false) expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) for (const part of KEY_PARTS) expect(line).not.toContain(part);
    },
  );

  it('connection refused', async () => {
    const client = new OpenRouter({
      apiKey: KEY,
      baseURL: `http://127.0.0.1:${await closedPort()}/api/v1`,
      maxRetries: 0,
    });
    expectNoKey(await errorOf(() => client.models.list()));
  });

  it('a key that cannot be a header value (trailing newline), given directly or by a function', async () => {
    expectNoKey(await errorOf(() => new OpenRouter({ apiKey: `${KEY}\n`, baseURL: server.baseURL })));
    const lazy = new OpenRouter({ apiKey: () => `${KEY}\u00e9`, baseURL: server.baseURL });
    expectNoKey(await errorOf(() => lazy.models.list()));
    expect(server.requests).toHaveLength(0);
  });

  it('an apiKey function that throws: its error is wrapped in an OpenRouterError', async () => {
    const client = new OpenRouter({
      apiKey: () => {
        throw new Error('vault unavailable');
      },
      baseURL: server.baseURL,
    });
    const error = await errorOf(() => client.models.list());
    expectNoKey(error);
    expect((error as Error).message).toBe('Could not send the request: vault unavailable');
  });

  it('the client itself does not expose the key when inspected or serialized', () => {
    const client = new OpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    const texts = [inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true }), JSON.stringify(client)];
    for (const text of texts) for (const part of KEY_PARTS) expect(text).not.toContain(part);
  });
});

describe('redirects', () => {
  it('a redirect to another origin (another port) does not carry the Authorization header', async () => {
    server.handle((_req, res) => res.writeHead(307, { location: `${other.baseURL}/key` }).end());
    other.handle((_req, res) => sendJson(res, 200, { data: { label: 'from B' } }));
    const client = new OpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    await expect(client.keys.current()).resolves.toEqual({ data: { label: 'from B' } });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.url).toBe('/api/v1/key');
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(other.requests[0]?.headers)).not.toContain('LEAKCANARY');
  });

  it('a cross-origin 307 of a POST resends the body, still without Authorization', async () => {
    server.handle((_req, res) => res.writeHead(307, { location: `${other.baseURL}/chat/completions` }).end());
    other.handle((_req, res) => sendJson(res, 200, completion('gen-b')));
    const client = new OpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    await expect(client.chat.completions.create(CHAT_BODY)).resolves.toMatchObject({ id: 'gen-b' });
    expect(other.requests.map((r) => [r.method, r.body, r.headers.authorization])).toEqual([
      ['POST', JSON.stringify(CHAT_BODY), undefined],
    ]);
  });

  it('a 308 to "localhost" instead of "127.0.0.1" (same port, another origin) drops it too', async () => {
    server.handle((req, res) => {
      if (req.headers.host?.startsWith('127.0.0.1')) {
        res.writeHead(308, { location: `http://localhost:${server.port}/api/v1/key` }).end();
      } else {
        sendJson(res, 200, { data: { host: req.headers.host } });
      }
    });
    const client = new OpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    const result = await client.keys.current().catch((e: unknown) => e);
    // `localhost` may resolve to ::1 only, where nothing listens: then the call fails, keyless anyway.
    if (result instanceof Error) return expectNoKey(result);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, undefined]);
  });

  it('a same-origin redirect keeps the Authorization header', async () => {
    server.handle((req, res) => {
      if (req.url === '/api/v1/key') res.writeHead(307, { location: '/api/v1/key-v2' }).end();
      else sendJson(res, 200, { data: { label: 'moved' } });
    });
    const client = new OpenRouter({ apiKey: KEY, baseURL: server.baseURL });
    await expect(client.keys.current()).resolves.toEqual({ data: { label: 'moved' } });
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/api/v1/key', `Bearer ${KEY}`],
      ['/api/v1/key-v2', `Bearer ${KEY}`],
    ]);
  });
});
