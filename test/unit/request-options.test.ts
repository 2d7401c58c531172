// extraBody, extraQuery and fetchOptions (per request and per client), and withOptions(): what
// reaches fetch, what wins over what, and the clear errors for what cannot be honoured.
import { describe, expect, it } from 'vitest';
import { OpenRouter, OpenRouterError } from '../../src';
import { API_KEY, clientWith, failureOf, onlyRequest, rejectionOf } from './support/client';
import { json } from './support/scripted-fetch';

const CHAT = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

/** A fetch that records the (url, init) it gets, answering `{}`. */
function initRecorder() {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return json({ ok: true });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('extraBody', () => {
  it('is merged over the body, and every attempt sends it', async () => {
    const { client, requests } = clientWith({}, json({ id: 'gen-1', choices: [] }));
    await client.chat.completions.create(CHAT, { extraBody: { future_field: { a: 1 }, model: 'other/model' } });
    expect(JSON.parse(await onlyRequest(requests).text())).toEqual({
      ...CHAT,
      model: 'other/model',
      future_field: { a: 1 },
    });
  });

  it('for a request without a body, or a value that is not an object: an error before sending', async () => {
    const { client, requests } = clientWith({});
    expect(await failureOf(() => client.models.list(undefined, { extraBody: { x: 1 } }))).toEqual(
      new OpenRouterError('request options: extraBody is given, but this request sends no body.'),
    );
    expect(await failureOf(() => client.chat.completions.create(CHAT, { extraBody: [1] as never }))).toEqual(
      new OpenRouterError('request options: extraBody must be a plain object, got an array.'),
    );
    expect(requests).toHaveLength(0);
  });
});

describe('extraQuery', () => {
  it('is merged over the query; undefined and null are left out', async () => {
    const { client, requests } = clientWith({}, json({ data: [] }));
    await client.models.list(
      { category: 'programming' },
      { extraQuery: { category: 'roleplay', new_filter: true, limit: 3, gone: null, absent: undefined } },
    );
    expect(onlyRequest(requests).url).toBe(
      'https://openrouter.ai/api/v1/models?category=roleplay&new_filter=true&limit=3',
    );
  });

  it('works on a request that has no query of its own', async () => {
    const { client, requests } = clientWith({}, json({ data: {} }));
    await client.keys.current({ extraQuery: { a: 'b c' } });
    expect(onlyRequest(requests).url).toBe('https://openrouter.ai/api/v1/key?a=b%20c');
  });
});

describe('fetchOptions', () => {
  it('client and request fields reach fetch, the request’s over the client’s; method, headers, body and signal are the SDK’s', async () => {
    const { calls, fetch } = initRecorder();
    const dispatcher = { name: 'my-agent' };
    const client = new OpenRouter({
      apiKey: API_KEY,
      fetch,
      fetchOptions: { dispatcher, keepalive: true, cache: 'no-store' },
    });
    await client.chat.completions.create(CHAT, { fetchOptions: { keepalive: false, redirect: 'error' } });
    const init = calls[0]?.init as RequestInit & { dispatcher?: unknown };
    expect(init.dispatcher).toBe(dispatcher);
    expect(init.keepalive).toBe(false);
    expect(init.cache).toBe('no-store');
    expect(init.redirect).toBe('error');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(JSON.stringify(CHAT));
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(new Headers(init.headers).get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('calls fetch with (url, init), never a Request', async () => {
    const { calls, fetch } = initRecorder();
    await new OpenRouter({ apiKey: API_KEY, fetch }).models.list();
    expect(typeof calls[0]?.url).toBe('string');
    expect(calls[0]?.url).toBe('https://openrouter.ai/api/v1/models');
  });

  it.each(['method', 'headers', 'body', 'signal'])('rejects %s, which the SDK sets itself', async (field) => {
    expect(() => new OpenRouter({ apiKey: API_KEY, fetchOptions: { [field]: 'x' } as never })).toThrow(
      new RegExp(`^OpenRouter options: fetchOptions\\.${field} is not allowed: the SDK sets ${field} itself`),
    );
    const { client, requests } = clientWith({});
    const error = await rejectionOf(client.models.list(undefined, { fetchOptions: { [field]: 'x' } as never }));
    expect((error as Error).message).toMatch(new RegExp(`^request options: fetchOptions\\.${field} is not allowed`));
    expect(requests).toHaveLength(0);
  });
});

describe('withOptions', () => {
  it('derives a client with some options replaced and default headers merged; the original is unchanged', async () => {
    const { calls, fetch } = initRecorder();
    const base = new OpenRouter({
      apiKey: API_KEY,
      fetch,
      baseURL: 'https://proxy.example/api/v1',
      defaultHeaders: { 'x-a': '1', 'x-b': '2' },
      timeout: 1_000,
    });
    const derived = base.withOptions({ defaultHeaders: { 'x-b': null, 'x-c': '3' }, timeout: 50_000 });
    expect(derived).toBeInstanceOf(OpenRouter);
    expect(derived).not.toBe(base);
    expect(derived.baseURL).toBe('https://proxy.example/api/v1');
    await derived.models.list();
    await base.models.list();
    const [fromDerived, fromBase] = calls.map((c) => new Headers(c.init.headers));
    expect([fromDerived?.get('x-a'), fromDerived?.get('x-b'), fromDerived?.get('x-c')]).toEqual(['1', null, '3']);
    expect([fromBase?.get('x-a'), fromBase?.get('x-b'), fromBase?.get('x-c')]).toEqual(['1', '2', null]);
    expect(calls[0]?.url).toBe('https://proxy.example/api/v1/models');
  });

  it('checks the new options like the constructor does', () => {
    const base = new OpenRouter({ apiKey: API_KEY });
    expect(() => base.withOptions({ timeout: -1 })).toThrow('timeout must be a positive number');
  });
});
