// The client facade: base URL, API key sources, per-request overrides, `.withResponse()` and what
// happens when a 2xx answer is not JSON or the body cannot be serialized. The fetch is always the
// `fetch` option; nothing global is patched.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIError,
  APITimeoutError,
  APIUserAbortError,
  InternalServerError,
  OpenRouter,
  OpenRouterError,
  VERSION,
} from '../../src';
import {
  API_KEY,
  clearClientEnv,
  clientWith,
  DEFAULT_BASE,
  failureOf,
  onlyRequest,
  recordingClient,
  rejectionOf,
  retryNow,
} from './support/client';
import { hangUntilAborted, json, scriptedFetch, signalOf } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const CHAT = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('base URL', () => {
  it('defaults to https://openrouter.ai/api/v1', async () => {
    const { client, requests } = recordingClient();
    expect(client.baseURL).toBe(DEFAULT_BASE);
    await client.models.list();
    expect(onlyRequest(requests).url).toBe(`${DEFAULT_BASE}/models`);
  });

  it('reads OPENROUTER_BASE_URL when no option is given', async () => {
    vi.stubEnv('OPENROUTER_BASE_URL', 'http://127.0.0.1:4010/api/v1');
    const { client, requests } = recordingClient();
    expect(client.baseURL).toBe('http://127.0.0.1:4010/api/v1');
    await client.providers.list();
    expect(onlyRequest(requests).url).toBe('http://127.0.0.1:4010/api/v1/providers');
  });

  it('prefers the baseURL option over OPENROUTER_BASE_URL', async () => {
    vi.stubEnv('OPENROUTER_BASE_URL', 'http://env.example/v1');
    const { client, requests } = recordingClient({ baseURL: 'https://option.example/proxy/v1' });
    await client.keys.current();
    expect(onlyRequest(requests).url).toBe('https://option.example/proxy/v1/key');
  });

  it.each([
    ['one trailing slash', 'https://proxy.example/api/v1/'],
    ['several trailing slashes', 'https://proxy.example/api/v1///'],
  ])('drops %s, so paths never get a double slash', async (_, baseURL) => {
    const { client, requests } = recordingClient({ baseURL });
    expect(client.baseURL).toBe('https://proxy.example/api/v1');
    await client.models.get('openai/gpt-4o');
    expect(onlyRequest(requests).url).toBe('https://proxy.example/api/v1/model/openai/gpt-4o');
  });

  it('drops a trailing slash of OPENROUTER_BASE_URL too', async () => {
    vi.stubEnv('OPENROUTER_BASE_URL', 'http://localhost:4010/');
    const { client, requests } = recordingClient();
    await client.endpoints.zdr();
    expect(onlyRequest(requests).url).toBe('http://localhost:4010/endpoints/zdr');
  });
});

describe('API key sources', () => {
  it('sends a string key as Authorization: Bearer <key>', async () => {
    const { client, requests } = recordingClient();
    await client.models.list();
    expect(onlyRequest(requests).headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('calls a sync key function on every request, so keys can rotate', async () => {
    let n = 0;
    const apiKey = vi.fn(() => `sk-or-rotating-${++n}`);
    const { client, requests } = recordingClient({ apiKey }, 2);
    await client.models.list();
    await client.models.list();
    expect(apiKey).toHaveBeenCalledTimes(2);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer sk-or-rotating-1',
      'Bearer sk-or-rotating-2',
    ]);
  });

  it('awaits an async key function', async () => {
    const apiKey = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return 'sk-or-from-vault';
    };
    const { client, requests } = recordingClient({ apiKey });
    await client.keys.current();
    expect(onlyRequest(requests).headers.get('authorization')).toBe('Bearer sk-or-from-vault');
  });

  it('reads OPENROUTER_API_KEY when no apiKey option is given', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', 'sk-or-from-env');
    const fake = scriptedFetch(json({ data: [] }));
    const client = new OpenRouter({ fetch: fake.fetch });
    await client.models.list();
    expect(onlyRequest(fake.requests).headers.get('authorization')).toBe('Bearer sk-or-from-env');
  });

  it('prefers the apiKey option over OPENROUTER_API_KEY', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', 'sk-or-from-env');
    const { client, requests } = recordingClient({ apiKey: 'sk-or-from-option' });
    await client.models.list();
    expect(onlyRequest(requests).headers.get('authorization')).toBe('Bearer sk-or-from-option');
  });

  it('without any key, constructs fine and fails at the first call, naming apiKey and OPENROUTER_API_KEY, sending nothing', async () => {
    const fake = scriptedFetch(json({ data: [] }));
    const client = new OpenRouter({ fetch: fake.fetch });
    const error = await rejectionOf(client.models.list());
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toContain('apiKey');
    expect((error as Error).message).toContain('OPENROUTER_API_KEY');
    expect(fake.requests).toHaveLength(0);
  });

  it('treats an empty or blank OPENROUTER_API_KEY as missing', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', '   ');
    const fake = scriptedFetch();
    const client = new OpenRouter({ fetch: fake.fetch });
    const error = await rejectionOf(client.keys.current());
    expect((error as Error).message).toContain('OPENROUTER_API_KEY');
    expect(fake.requests).toHaveLength(0);
  });

  it('treats apiKey: "" as a missing key (not as a key with bad characters)', async () => {
    const fake = scriptedFetch();
    const client = new OpenRouter({ apiKey: '', fetch: fake.fetch });
    const error = await rejectionOf(client.models.list());
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(/missing api key/i);
    expect((error as Error).message).toContain('OPENROUTER_API_KEY');
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects a key function that returns nothing, before any request', async () => {
    const fake = scriptedFetch();
    const client = new OpenRouter({ apiKey: () => '', fetch: fake.fetch });
    const error = await rejectionOf(client.models.list());
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(/apiKey function returned no key/);
    expect(fake.requests).toHaveLength(0);
  });

  it('turns a throwing key function into an OpenRouterError, before any request', async () => {
    const fake = scriptedFetch();
    const client = new OpenRouter({
      apiKey: async () => {
        throw new Error('vault unavailable');
      },
      fetch: fake.fetch,
    });
    const error = await rejectionOf(client.models.list());
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toContain('vault unavailable');
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects an apiKey that is neither a string nor a function at construction', () => {
    expect(() => new OpenRouter({ apiKey: 42 as unknown as string, fetch: scriptedFetch().fetch })).toThrow(
      /apiKey must be a string or a function/,
    );
  });

  it('oauth.exchangeAuthCode needs no key and sends no Authorization', async () => {
    const fake = scriptedFetch(json({ key: 'sk-or-v1-new', user_id: 'user_1' }));
    const client = new OpenRouter({ fetch: fake.fetch });
    const data = await client.oauth.exchangeAuthCode({ code: 'auth-code', code_verifier: 'v'.repeat(43) });
    expect(data).toEqual({ key: 'sk-or-v1-new', user_id: 'user_1' });
    expect(onlyRequest(fake.requests).headers.has('authorization')).toBe(false);
  });

  it('oauth.exchangeAuthCode sends no Authorization even when the client has a key', async () => {
    const { client, requests } = recordingClient();
    await client.oauth.exchangeAuthCode({ code: 'auth-code' });
    expect(onlyRequest(requests).headers.has('authorization')).toBe(false);
  });
});

describe('option validation: clear errors before any request', () => {
  it.each([
    ['a negative timeout', { timeout: -1 }, /timeout must be a positive number/],
    ['a zero timeout', { timeout: 0 }, /timeout must be a positive number/],
    ['a NaN timeout', { timeout: Number.NaN }, /timeout must be a positive number/],
    ['a string timeout', { timeout: '1000' }, /timeout must be a positive number/],
    ['a non-integer maxRetries', { maxRetries: 1.5 }, /maxRetries must be a whole number/],
    ['a negative maxRetries', { maxRetries: -1 }, /maxRetries must be a whole number/],
    ['a string maxRetries', { maxRetries: '2' }, /maxRetries must be a whole number/],
    ['a baseURL that is not a URL', { baseURL: 'openrouter.ai/api/v1' }, /baseURL must be an absolute http\(s\) URL/],
    ['an empty baseURL', { baseURL: '' }, /baseURL must be an absolute http\(s\) URL/],
    ['a non-http baseURL', { baseURL: 'ftp://openrouter.ai/api/v1' }, /baseURL must be an http\(s\) URL/],
    ['a fetch that is a string', { fetch: 'https://openrouter.ai' }, /fetch must be a function/],
    ['a fetch that is an object', { fetch: {} }, /fetch must be a function/],
  ])('throws at construction for %s', (_, options, message) => {
    const error = (() => {
      try {
        new OpenRouter({ apiKey: API_KEY, ...(options as object) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(message);
  });

  it('throws at construction when the options are not an object', () => {
    expect(() => new OpenRouter(null as never)).toThrow(OpenRouterError);
    expect(() => new OpenRouter('sk-or-key' as never)).toThrow(/options must be an object/);
  });

  it('names the bad value in the message', () => {
    expect(() => new OpenRouter({ apiKey: API_KEY, timeout: -5 })).toThrow(/got -5/);
    expect(() => new OpenRouter({ apiKey: API_KEY, baseURL: 'nope' })).toThrow(/"nope"/);
  });

  it.each([
    ['a negative timeout', { timeout: -1 }, /request options: timeout must be a positive number/],
    ['a non-integer maxRetries', { maxRetries: 0.5 }, /request options: maxRetries must be a whole number/],
    ['a signal that is not an AbortSignal', { signal: 'stop' }, /signal must be an AbortSignal/],
  ])('rejects a call with %s, sending nothing', async (_, options, message) => {
    const { client, requests } = recordingClient();
    const error = await failureOf(() => client.models.list(undefined, options as never));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(0);
  });
});

describe('per-request options override the client ones', () => {
  it('a per-request timeout replaces the client timeout', async () => {
    const { client, requests } = clientWith({ timeout: 60_000, maxRetries: 0 }, hangUntilAborted);
    const started = Date.now();
    const error = await rejectionOf(client.models.list(undefined, { timeout: 30 }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toContain('30 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(signalOf(onlyRequest(requests)).aborted).toBe(true);
  });

  it('the client timeout applies when the request gives none', async () => {
    const { client } = clientWith({ timeout: 25, maxRetries: 0 }, hangUntilAborted);
    const error = await rejectionOf(client.providers.list());
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toContain('25 ms');
  });

  it('maxRetries defaults to 2 (three attempts)', async () => {
    const { client, requests } = clientWith({}, retryNow(500), retryNow(500), retryNow(500));
    const error = await rejectionOf(client.models.list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).attempts).toBe(3);
    expect(requests).toHaveLength(3);
  });

  it('a per-request maxRetries raises the client one', async () => {
    const { client, requests } = clientWith({ maxRetries: 0 }, retryNow(503), retryNow(502), json({ data: [] }));
    await expect(client.models.list(undefined, { maxRetries: 2 })).resolves.toEqual({ data: [] });
    expect(requests).toHaveLength(3);
  });

  it('a per-request maxRetries: 0 disables the client retries', async () => {
    const { client, requests } = clientWith({ maxRetries: 5 }, retryNow(500), json({ data: [] }));
    const error = await rejectionOf(client.keys.current({ maxRetries: 0 }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(1);
  });

  it('an already aborted signal rejects with APIUserAbortError and sends nothing', async () => {
    const { client, requests } = recordingClient();
    const error = await rejectionOf(client.models.list(undefined, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(0);
  });

  it('aborting the signal mid-request cancels the fetch and rejects with APIUserAbortError', async () => {
    const controller = new AbortController();
    const { client, requests } = clientWith({}, (request) => {
      setTimeout(() => controller.abort(), 5);
      return hangUntilAborted(request);
    });
    const error = await rejectionOf(client.keys.list(undefined, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(signalOf(onlyRequest(requests)).aborted).toBe(true);
  });
});

describe('timeouts and aborts survive garbage collection', () => {
  // A Request built from the transport's signal follows it only through a WeakRef (undici): if the
  // SDK handed fetch such a Request and nothing kept it alive, a collection cut the link and a call
  // to a server that never answers hung. The SDK hands fetch its own signal in `init` instead.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;

  /**
   * A call whose only link to the outside is the pending fetch, as in an application. The fetch
   * hears of an abort only through the signal it was given, as real fetches (undici, node-fetch) do.
   */
  function detachedCall(options: { timeout?: number; signal?: AbortSignal }): Promise<unknown> {
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      })) as unknown as typeof globalThis.fetch;
    const client = new OpenRouter({ apiKey: API_KEY, maxRetries: 0, fetch });
    return rejectionOf(client.models.list(undefined, options));
  }

  async function settleWithGc(call: Promise<unknown>): Promise<unknown> {
    const guard = new Promise((resolve) => setTimeout(() => resolve('still pending after 3 s'), 3_000));
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return Promise.race([call, guard]);
  }

  it('the timeout still cancels the fetch after a collection', async () => {
    const outcome = await settleWithGc(detachedCall({ timeout: 150 }));
    expect(outcome).toBeInstanceOf(APITimeoutError);
  });

  it("the caller's abort still cancels the fetch after a collection", async () => {
    const controller = new AbortController();
    const call = detachedCall({ signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    expect(await settleWithGc(call)).toBeInstanceOf(APIUserAbortError);
  });
});

describe('.withResponse()', () => {
  it('gives the parsed data and the raw Response, headers and status included', async () => {
    const body = { data: [{ id: 'openai/gpt-4o', unknown_future_field: 1 }] };
    const { client } = clientWith({}, json(body, 200, { 'x-ratelimit-remaining': '99', 'x-generation-id': 'gen-123' }));
    const { data, response } = await client.models.list().withResponse();
    expect(data).toEqual(body);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(response.headers.get('x-generation-id')).toBe('gen-123');
  });

  it('is available on every method, and awaiting the same promise gives the same data', async () => {
    const { client } = clientWith({}, json({ id: 'gen-1', choices: [] }, 200, { 'x-request-id': 'r1' }));
    const promise = client.chat.completions.create(CHAT);
    const { data, response } = await promise.withResponse();
    expect(response.headers.get('x-request-id')).toBe('r1');
    expect(await promise).toBe(data);
  });

  it('rejects like the plain promise does', async () => {
    const { client } = clientWith({ maxRetries: 0 }, json({ error: { code: 404, message: 'no' } }, 404));
    const error = await rejectionOf(client.models.get('openai/nope').withResponse());
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(404);
  });
});

describe('2xx answers that are not JSON', () => {
  it.each([
    ['an empty body', () => new Response('', { status: 200 }), /GET \/api\/v1\/models answered 200 with an empty body/],
    [
      'an empty body with Content-Length: 0',
      () => new Response(null, { status: 200, headers: { 'content-length': '0' } }),
      /GET \/api\/v1\/models answered 200 with an empty body/,
    ],
    [
      'an HTML page',
      () =>
        new Response('<!DOCTYPE html><html><body>Bad gateway</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
      /GET \/api\/v1\/models answered 200 with a body that is not JSON \(text\/html\): <!DOCTYPE html>/,
    ],
    [
      'truncated JSON',
      () => new Response('{"data": [', { status: 200, headers: { 'content-type': 'application/json' } }),
      /GET \/api\/v1\/models answered 200 with a body that is not JSON \(application\/json\): \{"data": \[/,
    ],
  ])('%s -> OpenRouterError naming the status and path, no retry', async (_, answer, message) => {
    const { client, requests } = clientWith({}, answer(), json({ data: [] }));
    const error = await rejectionOf(client.models.list());
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(1);
  });

  it('a long non-JSON body is cut in the message', async () => {
    const { client } = clientWith({}, new Response(`<html>${'x'.repeat(5000)}</html>`, { status: 200 }));
    const error = await rejectionOf(client.providers.list());
    expect((error as Error).message.length).toBeLessThan(400);
    expect((error as Error).message).toContain('…');
  });

  it('names the POST path for a chat completion', async () => {
    const { client } = clientWith(
      {},
      new Response('not json', { status: 200, headers: { 'content-type': 'text/plain' } }),
    );
    const error = await rejectionOf(client.chat.completions.create(CHAT));
    expect((error as Error).message).toMatch(
      /^POST \/api\/v1\/chat\/completions answered 200 with a body that is not JSON/,
    );
  });
});

describe('request bodies that cannot be JSON', () => {
  it('a BigInt in the body is a clear OpenRouterError before any request', async () => {
    const { client, requests } = recordingClient();
    const error = await failureOf(() => client.chat.completions.create({ ...CHAT, seed: 42n as unknown as number }));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(/request body .*JSON/i);
    expect((error as Error).message).toMatch(/BigInt/);
    expect(requests).toHaveLength(0);
  });

  it('a circular body is a clear OpenRouterError before any request', async () => {
    const { client, requests } = recordingClient();
    const metadata: Record<string, unknown> = { a: '1' };
    metadata.self = metadata;
    const error = await failureOf(() => client.keys.create({ name: 'k', metadata } as never));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(/request body .*JSON/i);
    expect((error as Error).message).toMatch(/circular/i);
    expect(requests).toHaveLength(0);
  });

  it('a body that is not an object is refused, naming the method', async () => {
    const { client, requests } = recordingClient();
    for (const [call, text] of [
      [() => client.keys.create(null as never), /keys\.create takes a request body object, got null/],
      [
        () => client.chat.completions.create([] as never),
        /chat\.completions\.create takes a request body object, got an array/,
      ],
      [
        () => client.oauth.createAuthCode('x' as never),
        /oauth\.createAuthCode takes a request body object, got string/,
      ],
      [() => client.keys.update('abc', undefined as never), /keys\.update takes a request body object, got undefined/],
    ] as const) {
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(OpenRouterError);
      expect((error as Error).message).toMatch(text);
    }
    expect(requests).toHaveLength(0);
  });
});

describe('exports', () => {
  it('exports OpenRouter as named and default export, and VERSION', async () => {
    const module = await import('../../src');
    expect(module.default).toBe(OpenRouter);
    expect(typeof VERSION).toBe('string');
  });
});
