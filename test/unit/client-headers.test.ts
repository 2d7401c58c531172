// The headers the client sends: the key, User-Agent, app attribution, and how defaultHeaders and
// per-request headers merge (case-insensitively; `null` removes, `undefined` leaves as is).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenRouter, VERSION } from '../../src';
import { API_KEY, clearClientEnv, headersOf, onlyRequest, recordingClient } from './support/client';
import { json, scriptedFetch } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('headers the client adds', () => {
  it('sends Authorization: Bearer <key> and User-Agent: openrouter-ts/<VERSION>', async () => {
    const { client, requests } = recordingClient();
    await client.models.list();
    const request = onlyRequest(requests);
    expect(request.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request.headers.get('user-agent')).toBe(`openrouter-ts/${VERSION}`);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('sends appUrl as HTTP-Referer and appTitle as X-Title', async () => {
    const { client, requests } = recordingClient({ appUrl: 'https://myapp.example', appTitle: 'My App' });
    await client.chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    const request = onlyRequest(requests);
    expect(request.headers.get('http-referer')).toBe('https://myapp.example');
    expect(request.headers.get('x-title')).toBe('My App');
  });

  it('sends no attribution headers when appUrl and appTitle are not given', async () => {
    const { client, requests } = recordingClient();
    await client.models.list();
    const headers = headersOf(onlyRequest(requests));
    expect(headers).not.toHaveProperty('http-referer');
    expect(headers).not.toHaveProperty('x-title');
  });

  it('sends Content-Type: application/json with a body, and none without', async () => {
    const { client, requests } = recordingClient({}, 2);
    await client.keys.create({ name: 'ci' });
    await client.keys.list();
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(requests[1]?.headers.has('content-type')).toBe(false);
  });

  it('sends exactly the expected headers on a plain GET (nothing else leaks in)', async () => {
    const { client, requests } = recordingClient({ appTitle: 'T' });
    await client.providers.list();
    expect(Object.keys(headersOf(onlyRequest(requests))).sort()).toEqual([
      'authorization',
      'user-agent',
      'x-openrouter-title',
      'x-title',
    ]);
  });
});

describe('defaultHeaders', () => {
  it('are sent with every request', async () => {
    const { client, requests } = recordingClient({ defaultHeaders: { 'X-Team': 'search', 'X-Trace': 't-1' } }, 3);
    await client.models.list();
    await client.keys.current();
    await client.chat.completions.create({ messages: [{ role: 'user', content: 'Hi' }] });
    for (const request of requests) {
      expect(request.headers.get('x-team')).toBe('search');
      expect(request.headers.get('x-trace')).toBe('t-1');
    }
    expect(requests).toHaveLength(3);
  });

  it('override the headers the client adds, whatever their case', async () => {
    const { client, requests } = recordingClient({
      appTitle: 'From appTitle',
      defaultHeaders: { 'user-agent': 'my-app/2.0', 'x-title': 'From defaultHeaders' },
    });
    await client.models.list();
    const request = onlyRequest(requests);
    expect(request.headers.get('user-agent')).toBe('my-app/2.0');
    expect(request.headers.get('x-title')).toBe('From defaultHeaders');
  });

  it('remove a header with null, whatever its case', async () => {
    const { client, requests } = recordingClient({
      appUrl: 'https://myapp.example',
      defaultHeaders: { 'USER-AGENT': null, 'http-referer': null },
    });
    await client.models.list();
    const headers = headersOf(onlyRequest(requests));
    expect(headers).not.toHaveProperty('user-agent');
    expect(headers).not.toHaveProperty('http-referer');
    expect(headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('with Authorization: null, send no key at all (and need none)', async () => {
    const fake = scriptedFetch(json({ data: [] }));
    const client = new OpenRouter({ fetch: fake.fetch, defaultHeaders: { Authorization: null } });
    await client.models.list();
    expect(onlyRequest(fake.requests).headers.has('authorization')).toBe(false);
  });
});

describe('per-request headers', () => {
  it('are added to the client headers', async () => {
    const { client, requests } = recordingClient({ defaultHeaders: { 'X-Team': 'search' } });
    await client.models.list(undefined, { headers: { 'X-Request-Tag': 'nightly' } });
    const request = onlyRequest(requests);
    expect(request.headers.get('x-team')).toBe('search');
    expect(request.headers.get('x-request-tag')).toBe('nightly');
  });

  it('apply to that request only', async () => {
    const { client, requests } = recordingClient({}, 2);
    await client.models.list(undefined, { headers: { 'X-Once': '1' } });
    await client.models.list();
    expect(requests[0]?.headers.get('x-once')).toBe('1');
    expect(requests[1]?.headers.has('x-once')).toBe(false);
  });

  it.each([
    ['same case', 'X-Custom', 'X-Custom'],
    ['other case', 'X-Custom', 'x-custom'],
    ['upper case', 'x-custom', 'X-CUSTOM'],
  ])('override defaultHeaders (%s)', async (_, defaultName, requestName) => {
    const { client, requests } = recordingClient({ defaultHeaders: { [defaultName]: 'client' } });
    await client.providers.list({ headers: { [requestName]: 'request' } });
    expect(onlyRequest(requests).headers.get('x-custom')).toBe('request');
  });

  it('win over appTitle and a differently-cased defaultHeaders entry together', async () => {
    // appTitle gives "X-Title", defaultHeaders "x-title": the request's "X-Title" must still win.
    const { client, requests } = recordingClient({ appTitle: 'A', defaultHeaders: { 'x-title': 'B' } });
    await client.models.list(undefined, { headers: { 'X-Title': 'C' } });
    expect(onlyRequest(requests).headers.get('x-title')).toBe('C');
  });

  it('override User-Agent and the attribution headers', async () => {
    const { client, requests } = recordingClient({ appUrl: 'https://a.example', appTitle: 'A' });
    await client.models.list(undefined, {
      headers: { 'User-Agent': 'custom/1', 'HTTP-Referer': 'https://b.example', 'x-title': 'B' },
    });
    const request = onlyRequest(requests);
    expect(request.headers.get('user-agent')).toBe('custom/1');
    expect(request.headers.get('http-referer')).toBe('https://b.example');
    expect(request.headers.get('x-title')).toBe('B');
  });

  it('an Authorization value replaces the client key for that request', async () => {
    const apiKey = vi.fn(() => API_KEY);
    const { client, requests } = recordingClient({ apiKey }, 2);
    await client.keys.current({ headers: { authorization: 'Bearer sk-or-other-user' } });
    await client.keys.current();
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer sk-or-other-user');
    expect(requests[1]?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(apiKey).toHaveBeenCalledTimes(1);
  });

  it('an Authorization value works on a client without any key', async () => {
    const fake = scriptedFetch(json({ data: {} }));
    const client = new OpenRouter({ fetch: fake.fetch });
    await client.keys.current({ headers: { Authorization: 'Bearer sk-or-per-request' } });
    expect(onlyRequest(fake.requests).headers.get('authorization')).toBe('Bearer sk-or-per-request');
  });

  it.each(['User-Agent', 'user-agent', 'USER-AGENT'])('null removes User-Agent (%s)', async (name) => {
    const { client, requests } = recordingClient();
    await client.models.list(undefined, { headers: { [name]: null } });
    expect(onlyRequest(requests).headers.has('user-agent')).toBe(false);
  });

  it.each(['Authorization', 'authorization', 'AUTHORIZATION'])(
    'null removes Authorization (%s) without asking for the key',
    async (name) => {
      const apiKey = vi.fn(() => API_KEY);
      const { client, requests } = recordingClient({ apiKey });
      await client.models.list(undefined, { headers: { [name]: null } });
      expect(onlyRequest(requests).headers.has('authorization')).toBe(false);
      expect(apiKey).not.toHaveBeenCalled();
    },
  );

  it('null removes Authorization on a client without a key, instead of failing for the missing key', async () => {
    const fake = scriptedFetch(json({ data: [] }));
    const client = new OpenRouter({ fetch: fake.fetch });
    await expect(client.models.list(undefined, { headers: { authorization: null } })).resolves.toEqual({ data: [] });
    expect(onlyRequest(fake.requests).headers.has('authorization')).toBe(false);
  });

  it('null removes a defaultHeaders entry and an attribution header, whatever the case', async () => {
    const { client, requests } = recordingClient({ appTitle: 'A', defaultHeaders: { 'X-Team': 'search' } });
    await client.models.list(undefined, { headers: { 'x-team': null, 'X-TITLE': null } });
    const headers = headersOf(onlyRequest(requests));
    expect(headers).not.toHaveProperty('x-team');
    expect(headers).not.toHaveProperty('x-title');
  });

  it('undefined leaves the client header as it is', async () => {
    const { client, requests } = recordingClient({ appTitle: 'A', defaultHeaders: { 'X-Team': 'search' } });
    await client.models.list(undefined, { headers: { 'X-Title': undefined, 'x-team': undefined } });
    const request = onlyRequest(requests);
    expect(request.headers.get('x-title')).toBe('A');
    expect(request.headers.get('x-team')).toBe('search');
  });

  it('a per-request header can put back one that defaultHeaders removed', async () => {
    const { client, requests } = recordingClient({ defaultHeaders: { 'User-Agent': null } });
    await client.models.list(undefined, { headers: { 'user-agent': 'back/1' } });
    expect(onlyRequest(requests).headers.get('user-agent')).toBe('back/1');
  });
});
