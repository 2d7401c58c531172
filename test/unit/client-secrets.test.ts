// The API key never shows in anything an error exposes: message, stack, JSON, util.inspect (causes
// included), for every way a call can fail. Failures come from scripted fetches and from the real
// fetch against local sockets (refused, silent), so the errors undici makes are covered too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  OpenRouter,
  OpenRouterError,
} from '../../src';
import { API_KEY, clearClientEnv, clientWith, failureOf, rejectionOf, retryNow, thrownBy } from './support/client';
import { hangUntilAborted, json, scriptedFetch } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Distinctive pieces of a key: the whole of it, and parts that would survive a cut or a wrap. */
function piecesOf(key: string): string[] {
  return [key, key.slice(0, 24), key.slice(-20)];
}

/** Everything a user or a logger could see of an error. */
function everythingShownOf(error: unknown): string[] {
  const shown = [
    String(error),
    JSON.stringify(error) ?? '',
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 10; depth++) {
    shown.push(current.message, current.stack ?? '', JSON.stringify(current) ?? '');
    current = current.cause;
  }
  return shown;
}

function expectNoKeyIn(error: unknown, key: string = API_KEY): void {
  expect(error).toBeInstanceOf(OpenRouterError);
  for (const text of everythingShownOf(error)) {
    for (const piece of piecesOf(key)) expect(text).not.toContain(piece);
  }
}

describe('the key is never in an error', () => {
  it('401 Unauthorized', async () => {
    const { client, requests } = clientWith(
      {},
      json({ error: { code: 401, message: 'No auth credentials found' } }, 401, { 'www-authenticate': 'Bearer' }),
    );
    const error = await rejectionOf(client.keys.current());
    expect(error).toBeInstanceOf(AuthenticationError);
    // The key was sent, so it was there to leak.
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expectNoKeyIn(error);
  });

  it('500 after every retry', async () => {
    const { client, requests } = clientWith({ maxRetries: 2 }, retryNow(500), retryNow(500), retryNow(500));
    const error = await rejectionOf(client.chat.completions.create({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(3);
    expectNoKeyIn(error);
  });

  it('a connection error from the fetch', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    const { client } = clientWith(
      { maxRetries: 1 },
      new TypeError('fetch failed', { cause: refused }),
      new TypeError('fetch failed', { cause: refused }),
    );
    const error = await rejectionOf(client.models.list());
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoKeyIn(error);
  });

  it('a timeout', async () => {
    const { client } = clientWith({ maxRetries: 0, timeout: 20 }, hangUntilAborted);
    const error = await rejectionOf(client.models.list());
    expect(error).toBeInstanceOf(APITimeoutError);
    expectNoKeyIn(error);
  });

  it('an abort', async () => {
    const controller = new AbortController();
    const { client } = clientWith({}, (request) => {
      setTimeout(() => controller.abort(new Error('user navigated away')), 5);
      return hangUntilAborted(request);
    });
    const error = await rejectionOf(client.models.list(undefined, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expectNoKeyIn(error);
  });

  it('a 200 that is not JSON', async () => {
    const { client } = clientWith({}, new Response('<html>oops</html>', { status: 200 }));
    expectNoKeyIn(await rejectionOf(client.providers.list()));
  });

  it('a key function that returns a key with a newline', async () => {
    const key = `${API_KEY}\n`;
    const fake = scriptedFetch();
    const client = new OpenRouter({ apiKey: () => key, fetch: fake.fetch });
    const error = await rejectionOf(client.models.list());
    expect((error as Error).message).toMatch(/apiKey contains characters that cannot be sent in an HTTP header/);
    expect(fake.requests).toHaveLength(0);
    expectNoKeyIn(error);
  });
});

describe('a key that cannot be sent in a header', () => {
  it.each([
    ['a trailing newline', `${API_KEY}\n`],
    ['an inner newline', `${API_KEY.slice(0, 20)}\r\n${API_KEY.slice(20)}`],
    ['a space', `Bearer ${API_KEY}`],
    ['a non-ASCII character', `${API_KEY}é`],
  ])('with %s is a clear error at construction that does not contain it', (_, key) => {
    const error = thrownBy(() => new OpenRouter({ apiKey: key, fetch: scriptedFetch().fetch }));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(/apiKey contains characters that cannot be sent in an HTTP header/);
    expectNoKeyIn(error);
  });

  it('from OPENROUTER_API_KEY with an inner newline, the same', () => {
    vi.stubEnv('OPENROUTER_API_KEY', `${API_KEY.slice(0, 20)}\n${API_KEY.slice(20)}`);
    const error = thrownBy(() => new OpenRouter({ fetch: scriptedFetch().fetch }));
    expect((error as Error).message).toMatch(/apiKey contains characters/);
    expectNoKeyIn(error);
  });

  it('from OPENROUTER_API_KEY with only surrounding whitespace, is trimmed and works', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', `  ${API_KEY}\n`);
    const fake = scriptedFetch(json({ data: [] }));
    await new OpenRouter({ fetch: fake.fetch }).models.list();
    expect(fake.requests[0]?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });
});

describe('with the real fetch against local sockets', () => {
  let silent: Server;
  let silentURL: string;
  let closedURL: string;

  beforeAll(async () => {
    silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentURL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/v1`;
    const closing = createServer();
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    closedURL = `http://127.0.0.1:${(closing.address() as AddressInfo).port}/api/v1`;
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  });

  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('connection refused', async () => {
    const client = new OpenRouter({ apiKey: API_KEY, baseURL: closedURL, maxRetries: 0, fetch: globalThis.fetch });
    const error = await rejectionOf(client.keys.current());
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoKeyIn(error);
  });

  it('timeout', async () => {
    const client = new OpenRouter({
      apiKey: API_KEY,
      baseURL: silentURL,
      maxRetries: 0,
      timeout: 50,
      fetch: globalThis.fetch,
    });
    const error = await rejectionOf(client.chat.completions.create({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expectNoKeyIn(error);
  });

  it('abort', async () => {
    const client = new OpenRouter({ apiKey: API_KEY, baseURL: silentURL, maxRetries: 0, fetch: globalThis.fetch });
    const error = await failureOf(() => client.models.list(undefined, { signal: AbortSignal.timeout(50) }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expectNoKeyIn(error);
  });
});
