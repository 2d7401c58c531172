// Bad input is refused before any request (the server must see nothing), and path parameters can
// never change the request path: the server's raw request target (`req.url`) is asserted exactly.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenRouter, OpenRouterError } from '../../src/index';
import {
  CHAT_BODY,
  clientFor,
  type FaultServer,
  sendJson,
  sleep,
  startFaultServer,
  TEST_KEY,
  watchConsole,
} from './fault-server';

let server: FaultServer;
let console_: ReturnType<typeof watchConsole>;
beforeAll(async () => {
  server = await startFaultServer();
  console_ = watchConsole();
});
afterAll(async () => {
  console_.restore();
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.handle((_req, res) => sendJson(res, 200, { data: [] }));
});
afterEach(() => expect(console_.calls()).toEqual([]));

/**
 * Runs `call` and returns its error, whether it throws synchronously or rejects (the SDK checks
 * path parameters synchronously, options and bodies asynchronously: both count as "before any request").
 */
async function refusal(call: () => unknown): Promise<OpenRouterError> {
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(OpenRouterError);
  // Give a request that slipped through the time to arrive before asserting that none did.
  await sleep(5);
  expect(server.requests).toHaveLength(0);
  return error as OpenRouterError;
}

describe('malformed model ids: a clear error, zero requests', () => {
  const cases: [string, string][] = [
    ['', 'it is empty'],
    ['gpt-4', 'it has no "/" between author and slug'],
    ['a/b/c', 'it has more than one "/"'],
    ['open ai/gpt-4', 'it contains whitespace'],
    [' openai/gpt-4', 'it contains whitespace'],
    ['openai/gpt-4 ', 'it contains whitespace'],
    ['openai/..', 'the slug is ".."'],
    ['../keys', 'the author is ".."'],
    ['./gpt-4', 'the author is "."'],
    ['openai/gpt-4?x=1', 'the slug contains "?"'],
    ['openai/gpt#4', 'the slug contains "#"'],
    ['openai/%2e%2e', 'the slug contains "%"'],
    ['openai/', 'the slug (after "/") is empty'],
    ['/gpt-4', 'the author (before "/") is empty'],
    ['openai/gpt-4:', 'the variant after ":" is empty'],
    ['openai/gpt-4:free:extra', 'it has more than one ":"'],
    ['openai/gpt\u00e9', 'the slug contains "é"'],
  ];
  it.each(cases)('%j (%s)', async (id, reason) => {
    const client = clientFor(server);
    for (const call of [
      () => client.models.get(id),
      () => client.models.endpoints(id),
      () => client.models.parameters(id),
    ]) {
      const error = await refusal(call);
      expect(error.message).toContain(`Invalid model id ${JSON.stringify(id)}: ${reason}`);
      expect(error.message).toContain('expected "author/slug"');
    }
  });

  it('a non-string model id', async () => {
    const error = await refusal(() => clientFor(server).models.get(42 as unknown as string));
    expect(error.message).toContain('must be a string');
  });
});

describe('bad key hashes: a clear error, zero requests', () => {
  it.each(['', '   ', '.', '..'])('%j', async (hash) => {
    const client = clientFor(server);
    for (const call of [
      () => client.keys.get(hash),
      () => client.keys.delete(hash),
      () => client.keys.update(hash, { name: 'x' }),
    ]) {
      const error = await refusal(call);
      expect(error.message).toBe(
        `A key hash must be a non-empty string (the \`hash\` of a key from keys.list()), got ${JSON.stringify(hash)}.`,
      );
    }
  });
});

describe('bodies that cannot be sent: a clear error, zero requests', () => {
  it('a circular body (not JSON-serializable)', async () => {
    const body: Record<string, unknown> = { ...CHAT_BODY };
    body.self = body;
    const error = await refusal(() => clientFor(server).chat.completions.create(body as typeof CHAT_BODY));
    expect(error.message).toMatch(/circular/i);
  });

  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['{"model":"a/b"}', 'string'],
    [undefined, 'undefined'],
  ])('a body that is not an object (%j)', async (body, described) => {
    const error = await refusal(() => clientFor(server).chat.completions.create(body as unknown as typeof CHAT_BODY));
    expect(error.message).toBe(`chat.completions.create takes a request body object, got ${described}.`);
  });
});

describe('bad options: a clear error, zero requests', () => {
  it.each([-1, 0, Number.NaN, '1000'])('client timeout %s', async (timeout) => {
    const error = await refusal(() => clientFor(server, { timeout: timeout as number }));
    expect(error.message).toBe(
      `OpenRouter options: timeout must be a positive number of milliseconds, got ${String(timeout)}.`,
    );
  });

  it.each([-1, 0, Number.NaN])('request timeout %s', async (timeout) => {
    const error = await refusal(() => clientFor(server).models.list(undefined, { timeout }));
    expect(error.message).toBe(
      `request options: timeout must be a positive number of milliseconds, got ${String(timeout)}.`,
    );
  });

  it.each([-1, 1.5])('maxRetries %j', async (maxRetries) => {
    await refusal(() => clientFor(server, { maxRetries }));
    await refusal(() => clientFor(server).models.list(undefined, { maxRetries }));
  });

  it('a signal that is not an AbortSignal', async () => {
    const error = await refusal(() =>
      clientFor(server).models.list(undefined, { signal: 'stop' as unknown as AbortSignal }),
    );
    expect(error.message).toBe('signal must be an AbortSignal.');
  });

  it('an API key that cannot be a header value (a pasted newline): refused, key not quoted', async () => {
    const key = `${TEST_KEY}\n`;
    const error = await refusal(() => new OpenRouter({ apiKey: key, baseURL: server.baseURL }));
    expect(error.message).not.toContain(TEST_KEY);
    const lazy = new OpenRouter({ apiKey: () => key, baseURL: server.baseURL });
    const lazyError = await refusal(() => lazy.models.list());
    expect(lazyError.message).not.toContain(TEST_KEY);
  });

  it('no API key at all', async () => {
    const client = new OpenRouter({ apiKey: () => '', baseURL: server.baseURL });
    const error = await refusal(() => client.keys.current());
    expect(error.message).toMatch(/apiKey|API key/);
  });
});

describe('path parameters stay inside their own segment (raw request target as received)', () => {
  const cases: [string, string][] = [
    ['../keys', '..%2Fkeys'],
    ['..%2F..', '..%252F..'],
    ['%2e%2e', '%252e%252e'],
    ['.%2e', '.%252e'],
    ['a/b?x=1', 'a%2Fb%3Fx%3D1'],
    ['#', '%23'],
    ['a#frag', 'a%23frag'],
    ['a\\b', 'a%5Cb'],
    [' lead', '%20lead'],
    ['tab\there', 'tab%09here'],
    ['new\nline', 'new%0Aline'],
    ['$&', '%24%26'],
    ['$`', '%24%60'],
    ['{hash}', '%7Bhash%7D'],
    ['clé-ключ-🔑', 'cl%C3%A9-%D0%BA%D0%BB%D1%8E%D1%87-%F0%9F%94%91'],
    ['...', '...'],
    ['~user', '~user'],
  ];

  it.each(cases)('%j -> /keys/%s (GET, PATCH, DELETE)', async (hash, segment) => {
    const client = clientFor(server);
    await client.keys.get(hash);
    await client.keys.update(hash, { name: 'renamed' });
    await client.keys.delete(hash);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /api/v1/keys/${segment}`,
      `PATCH /api/v1/keys/${segment}`,
      `DELETE /api/v1/keys/${segment}`,
    ]);
  });

  it('a model variant keeps its ":" inside the slug segment', async () => {
    const client = clientFor(server);
    await client.models.get('openai/gpt-4o:free');
    await client.models.endpoints('~anthropic/claude-3.5_sonnet:thinking');
    await client.models.parameters('meta-llama/llama-3.1-8b-instruct', { provider: 'a/b?c' });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/model/openai/gpt-4o%3Afree',
      '/api/v1/models/~anthropic/claude-3.5_sonnet%3Athinking/endpoints',
      '/api/v1/parameters/meta-llama/llama-3.1-8b-instruct?provider=a%2Fb%3Fc',
    ]);
  });
});
