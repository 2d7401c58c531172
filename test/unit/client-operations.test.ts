// Every method of every resource builds the right HTTP method, path, query and JSON body, resolves
// to the body exactly as sent, and encodes path parameters into their own segment.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenRouter, RequestOptions } from '../../src';
import { OpenRouterError } from '../../src';
import { clearClientEnv, clientWith, DEFAULT_BASE, failureOf, onlyRequest, recordingClient } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

interface Operation {
  /** `resource.method`, as a user calls it. */
  name: string;
  /** Calls the method with every argument it takes, `options` last. */
  call: (client: OpenRouter, options: RequestOptions) => PromiseLike<unknown>;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path after the base URL, exactly as it must appear in the request URL. */
  path: string;
  /** The query string, without `?`; '' for none. */
  query: string;
  /** The JSON body; `undefined` for a request without one. */
  body: unknown;
  /** Whether the request carries the API key. */
  auth: boolean;
}

const chatBody = {
  model: 'openai/gpt-4o',
  messages: [{ role: 'user' as const, content: 'Hello' }],
  temperature: 0.2,
  max_tokens: 64,
  provider: { order: ['OpenAI'], allow_fallbacks: false },
};

// All 17 operations of the design. Each is called with every argument it takes.
const operations: Operation[] = [
  {
    name: 'models.list',
    call: (c, o) => c.models.list({ category: 'programming', supported_parameters: 'tools' }, o),
    method: 'GET',
    path: '/models',
    query: 'category=programming&supported_parameters=tools',
    body: undefined,
    auth: true,
  },
  {
    name: 'models.listEmbeddings',
    call: (c, o) => c.models.listEmbeddings(o),
    method: 'GET',
    path: '/models/embeddings',
    query: '',
    body: undefined,
    auth: true,
  },
  {
    name: 'models.listForUser',
    call: (c, o) => c.models.listForUser({ offset: 0, limit: 50 }, o),
    method: 'GET',
    path: '/models/user',
    query: 'offset=0&limit=50',
    body: undefined,
    auth: true,
  },
  {
    name: 'models.get',
    call: (c, o) => c.models.get('openai/gpt-4', o),
    method: 'GET',
    path: '/model/openai/gpt-4',
    query: '',
    body: undefined,
    auth: true,
  },
  {
    name: 'models.endpoints',
    call: (c, o) => c.models.endpoints('anthropic/claude-3.5-sonnet', o),
    method: 'GET',
    path: '/models/anthropic/claude-3.5-sonnet/endpoints',
    query: '',
    body: undefined,
    auth: true,
  },
  {
    name: 'models.parameters',
    call: (c, o) => c.models.parameters('openai/gpt-4', { provider: 'Google AI Studio' }, o),
    method: 'GET',
    path: '/parameters/openai/gpt-4',
    query: 'provider=Google%20AI%20Studio',
    body: undefined,
    auth: true,
  },
  {
    name: 'endpoints.zdr',
    call: (c, o) => c.endpoints.zdr(o),
    method: 'GET',
    path: '/endpoints/zdr',
    query: '',
    body: undefined,
    auth: true,
  },
  {
    name: 'providers.list',
    call: (c, o) => c.providers.list(o),
    method: 'GET',
    path: '/providers',
    query: '',
    body: undefined,
    auth: true,
  },
  {
    name: 'keys.list',
    call: (c, o) => c.keys.list({ include_disabled: true, offset: 10 }, o),
    method: 'GET',
    path: '/keys',
    query: 'include_disabled=true&offset=10',
    body: undefined,
    auth: true,
  },
  {
    name: 'keys.create',
    call: (c, o) => c.keys.create({ name: 'CI key', limit: 25.5, include_byok_in_limit: false }, o),
    method: 'POST',
    path: '/keys',
    query: '',
    body: { name: 'CI key', limit: 25.5, include_byok_in_limit: false },
    auth: true,
  },
  {
    name: 'keys.get',
    call: (c, o) => c.keys.get('f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943', o),
    method: 'GET',
    path: '/keys/f01d52606dc8f0a8303a7b5cc3fa07109c2e346cec7c0a16b40de462992ce943',
    query: '',
    body: undefined,
    auth: true,
  },
  {
    name: 'keys.update',
    call: (c, o) => c.keys.update('abc123', { name: 'renamed', disabled: true, limit: null }, o),
    method: 'PATCH',
    path: '/keys/abc123',
    query: '',
    body: { name: 'renamed', disabled: true, limit: null },
    auth: true,
  },
  {
    name: 'keys.delete',
    call: (c, o) => c.keys.delete('abc123', o),
    method: 'DELETE',
    path: '/keys/abc123',
    query: '',
    body: undefined,
    auth: true,
  },
  {
    name: 'keys.current',
    call: (c, o) => c.keys.current(o),
    method: 'GET',
    path: '/key',
    query: '',
    body: undefined,
    auth: true,
  },
  {
    name: 'oauth.createAuthCode',
    call: (c, o) =>
      c.oauth.createAuthCode(
        {
          callback_url: 'https://myapp.example/callback',
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        },
        o,
      ),
    method: 'POST',
    path: '/auth/keys/code',
    query: '',
    body: {
      callback_url: 'https://myapp.example/callback',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    },
    auth: true,
  },
  {
    name: 'oauth.exchangeAuthCode',
    call: (c, o) =>
      c.oauth.exchangeAuthCode(
        {
          code: 'auth-code-1',
          code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
          code_challenge_method: 'S256',
        },
        o,
      ),
    method: 'POST',
    path: '/auth/keys',
    query: '',
    body: {
      code: 'auth-code-1',
      code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      code_challenge_method: 'S256',
    },
    auth: false,
  },
  {
    name: 'chat.completions.create',
    call: (c, o) => c.chat.completions.create(chatBody, o),
    method: 'POST',
    path: '/chat/completions',
    query: '',
    body: chatBody,
    auth: true,
  },
];

describe('every operation', () => {
  it('is in the table once: 17 operations', () => {
    expect(new Set(operations.map((o) => o.name)).size).toBe(17);
  });

  it.each(operations)('$name -> $method $path (query, body, options, data as sent)', async (operation) => {
    const answer = { data: { echoed: operation.name }, unknown_top_level: [1, 2] };
    const { client, requests } = clientWith({}, json(answer));
    const data = await operation.call(client, { headers: { 'X-Per-Request': operation.name }, maxRetries: 0 });

    const request = onlyRequest(requests);
    const url = new URL(request.url);
    expect(request.method).toBe(operation.method);
    expect(`${url.origin}${url.pathname}`).toBe(`${DEFAULT_BASE}${operation.path}`);
    expect(url.search).toBe(operation.query === '' ? '' : `?${operation.query}`);
    if (operation.body === undefined) {
      expect(await request.text()).toBe('');
      expect(request.headers.has('content-type')).toBe(false);
    } else {
      expect(request.headers.get('content-type')).toBe('application/json');
      expect(await request.json()).toEqual(operation.body);
    }
    expect(request.headers.has('authorization')).toBe(operation.auth);
    // The options argument reached the request.
    expect(request.headers.get('x-per-request')).toBe(operation.name);
    // The body exactly as the API sent it: nothing unwrapped, renamed or dropped.
    expect(data).toEqual(answer);
  });
});

describe('query parameters', () => {
  it('serializes booleans and integers as their literal text', async () => {
    const { client, requests } = recordingClient({}, 2);
    await client.keys.list({ include_disabled: false, offset: 0 });
    await client.keys.list({ offset: 250 });
    expect(new URL(requests[0]?.url as string).search).toBe('?include_disabled=false&offset=0');
    expect(new URL(requests[1]?.url as string).search).toBe('?offset=250');
  });

  it('leaves out parameters that are undefined, and sends no "?" without any', async () => {
    const { client, requests } = recordingClient({}, 2);
    await client.models.list({ category: undefined, supported_parameters: 'tools' });
    await client.keys.list({});
    expect(requests[0]?.url).toBe(`${DEFAULT_BASE}/models?supported_parameters=tools`);
    expect(requests[1]?.url).toBe(`${DEFAULT_BASE}/keys`);
  });

  it('percent-encodes query values', async () => {
    const { client, requests } = recordingClient();
    await client.models.list({ supported_parameters: 'tools,structured_outputs', q: 'a&b=c #d' });
    const url = new URL(onlyRequest(requests).url);
    expect(url.searchParams.get('q')).toBe('a&b=c #d');
    expect(url.searchParams.get('supported_parameters')).toBe('tools,structured_outputs');
    expect([...url.searchParams.keys()]).toEqual(['supported_parameters', 'q']);
  });

  it('accepts a provider the enum does not know yet', async () => {
    const { client, requests } = recordingClient();
    await client.models.parameters('openai/gpt-4', { provider: 'Brand New Cloud' });
    expect(new URL(onlyRequest(requests).url).searchParams.get('provider')).toBe('Brand New Cloud');
  });
});

describe('model ids in paths', () => {
  it.each([
    ['models.get', (c: OpenRouter) => c.models.get('openai/gpt-4:free'), '/model/openai/gpt-4%3Afree'],
    [
      'models.endpoints',
      (c: OpenRouter) => c.models.endpoints('openai/gpt-4:free'),
      '/models/openai/gpt-4%3Afree/endpoints',
    ],
    [
      'models.parameters',
      (c: OpenRouter) => c.models.parameters('meta-llama/llama-3.1-8b-instruct:nitro'),
      '/parameters/meta-llama/llama-3.1-8b-instruct%3Anitro',
    ],
    [
      'models.get',
      (c: OpenRouter) => c.models.get('~anthropic/claude-sonnet-latest'),
      '/model/~anthropic/claude-sonnet-latest',
    ],
  ])('%s percent-encodes the variant in its own segment', async (_, call, path) => {
    const { client, requests } = recordingClient();
    await call(client);
    expect(onlyRequest(requests).url).toBe(`${DEFAULT_BASE}${path}`);
  });

  it.each([
    ['no slash', 'gpt-4'],
    ['two slashes', 'openai/gpt-4/extra'],
    ['an empty id', ''],
    ['an empty author', '/gpt-4'],
    ['an empty slug', 'openai/'],
    ['a dot-dot author', '../gpt-4'],
    ['a dot-dot slug', 'openai/..'],
    ['whitespace', 'openai/gpt 4'],
    ['a query character', 'openai/gpt-4?x=1'],
    ['a fragment character', 'openai/gpt-4#x'],
    ['a percent sign', 'openai/gpt%2F4'],
    ['a newline', 'openai/gpt-4\n'],
    ['two variants', 'openai/gpt-4:free:nitro'],
    ['an empty variant', 'openai/gpt-4:'],
  ])('a model id with %s throws a clear OpenRouterError before any request', async (_, id) => {
    const { client, requests } = recordingClient({}, 3);
    for (const call of [
      () => client.models.get(id),
      () => client.models.endpoints(id),
      () => client.models.parameters(id),
    ]) {
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(OpenRouterError);
      expect((error as Error).message).toMatch(/^Invalid model id /);
      expect((error as Error).message).toContain('author/slug');
    }
    expect(requests).toHaveLength(0);
  });

  it('a model id that is not a string throws before any request', async () => {
    const { client, requests } = recordingClient();
    for (const id of [42, null, undefined, { author: 'openai', slug: 'gpt-4' }]) {
      const error = await failureOf(() => client.models.get(id as never));
      expect(error).toBeInstanceOf(OpenRouterError);
      expect((error as Error).message).toMatch(/model id must be a string|expected a string/);
    }
    expect(requests).toHaveLength(0);
  });

  it('every valid model id lands in exactly the author and slug segments (property)', async () => {
    const part = fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,20}$/).filter((p) => p !== '.' && p !== '..');
    await fc.assert(
      fc.asyncProperty(part, part, fc.option(part, { nil: undefined }), async (author, slug, variant) => {
        const id = `${author}/${slug}${variant === undefined ? '' : `:${variant}`}`;
        const { client, requests } = recordingClient();
        await client.models.endpoints(id);
        const url = new URL(onlyRequest(requests).url);
        const segments = url.pathname.split('/');
        expect(segments.slice(-4)).toEqual([
          'models',
          author,
          encodeURIComponent(variant === undefined ? slug : `${slug}:${variant}`),
          'endpoints',
        ]);
        expect(url.search).toBe('');
      }),
      { numRuns: 100 },
    );
  });
});

describe('key hashes in paths', () => {
  it.each([
    ['a parent-directory path', '../keys', '..%2Fkeys'],
    ['a slash and a query', 'a/b?x=1', 'a%2Fb%3Fx%3D1'],
    ['a fragment', '#', '%23'],
    ['an encoded dot-dot', '%2e%2e', '%252e%252e'],
    ['a backslash', '..\\admin', '..%5Cadmin'],
    ['unicode', 'ключ-🔑', encodeURIComponent('ключ-🔑')],
    ['spaces', 'my key', 'my%20key'],
    ['a dot prefix', '.hidden', '.hidden'],
  ])('%s stays inside one encoded segment', async (_, hash, segment) => {
    const { client, requests } = recordingClient({}, 3);
    await client.keys.get(hash);
    await client.keys.update(hash, { name: 'n' });
    await client.keys.delete(hash);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'PATCH', 'DELETE']);
    for (const request of requests) {
      const url = new URL(request.url);
      expect(url.pathname).toBe(`/api/v1/keys/${segment}`);
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
      expect(decodeURIComponent(url.pathname.slice('/api/v1/keys/'.length))).toBe(hash);
    }
  });

  it('any string stays inside one segment under /keys/ (property)', async () => {
    const hash = fc
      .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
      .filter((h) => h.trim() !== '' && h !== '.' && h !== '..');
    await fc.assert(
      fc.asyncProperty(hash, async (h) => {
        const { client, requests } = recordingClient();
        await client.keys.get(h);
        const url = new URL(onlyRequest(requests).url);
        expect(url.pathname.startsWith('/api/v1/keys/')).toBe(true);
        const segment = url.pathname.slice('/api/v1/keys/'.length);
        expect(segment).not.toContain('/');
        expect(decodeURIComponent(segment)).toBe(h);
        expect(url.search).toBe('');
        expect(url.hash).toBe('');
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['"."', '.'],
    ['".."', '..'],
    ['an empty string', ''],
    ['only spaces', '   '],
    ['a number', 42],
    ['undefined', undefined],
  ])('%s is rejected before any request', async (_, hash) => {
    const { client, requests } = recordingClient({}, 3);
    for (const call of [
      () => client.keys.get(hash as never),
      () => client.keys.update(hash as never, { name: 'n' }),
      () => client.keys.delete(hash as never),
    ]) {
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(OpenRouterError);
      expect((error as Error).message).toMatch(/key hash must be a non-empty string/);
    }
    expect(requests).toHaveLength(0);
  });
});
