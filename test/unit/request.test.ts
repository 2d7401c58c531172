// client.request('METHOD /path', { path, query, body }): any operation of the description through the
// same dispatcher, transport, retries and errors as the methods; bad input rejects before sending.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenRouterError, RateLimitError } from '../../src';
import { clearClientEnv, clientWith, onlyRequest, rejectionOf, retryNow } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const generation = { data: { id: 'gen-1', total_cost: 0.0012 } };

describe('client.request', () => {
  it('sends the route with its query and resolves to the JSON body', async () => {
    const { client, requests } = clientWith({}, json(generation));
    expect(await client.request('GET /generation', { query: { id: 'gen-1' } })).toEqual(generation);
    const request = onlyRequest(requests);
    expect(request.method).toBe('GET');
    expect(request.url).toBe('https://openrouter.ai/api/v1/generation?id=gen-1');
    expect(request.headers.get('authorization')).toMatch(/^Bearer /);
  });

  it('percent-encodes path parameters into their segment', async () => {
    const { client, requests } = clientWith({}, json({ data: {} }));
    await client.request('GET /keys/{hash}', { path: { hash: 'a/b c' } });
    expect(new URL(onlyRequest(requests).url).pathname).toBe('/api/v1/keys/a%2Fb%20c');
  });

  it('sends a JSON body, and sends no key where the description needs none', async () => {
    const { client, requests } = clientWith({}, json({ key: 'sk-or-new' }));
    const body = { code: 'code-1' };
    await client.request('POST /auth/keys', { body });
    const request = onlyRequest(requests);
    expect(await request.json()).toEqual(body);
    expect(request.headers.has('authorization')).toBe(false);
  });

  it('a FormData body is sent as multipart, with the boundary fetch chose', async () => {
    const { client, requests } = clientWith({}, json({ id: 'file-1' }));
    const form = new FormData();
    form.append('file', new File(['abc'], 'a.txt'));
    await client.request('POST /files', { body: form });
    const request = onlyRequest(requests);
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(await ((await request.formData()).get('file') as File).text()).toBe('abc');
  });

  it('a binary route resolves to the Response', async () => {
    const { client } = clientWith({}, new Response('bytes', { headers: { 'content-type': 'video/mp4' } }));
    const response = await client.request('GET /videos/{jobId}/content', { path: { jobId: 'job-1' } });
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get('content-type')).toBe('video/mp4');
  });

  it('retries and maps errors like every method', async () => {
    const { client, requests } = clientWith(
      { maxRetries: 1 },
      retryNow(429),
      json({ error: { code: 429, message: 'slow down' } }, 429),
    );
    const error = await rejectionOf(client.request('GET /credits'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(requests).toHaveLength(2);
  });

  it('an unknown route rejects before any request, saying what a route looks like', async () => {
    const { client, requests } = clientWith({});
    // @ts-expect-error not a route of the description
    const error = await rejectionOf(client.request('GET /nope'));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toContain('"GET /nope" is not an operation of the description');
    expect(requests).toHaveLength(0);
  });

  it('an empty path parameter rejects before any request', async () => {
    const { client, requests } = clientWith({});
    const error = await rejectionOf(client.request('GET /workspaces/{id}', { path: { id: '' } }));
    expect((error as Error).message).toBe('GET /workspaces/{id}: `id` must be a non-empty string, got "".');
    expect(requests).toHaveLength(0);
  });

  it('stream: true is refused with a pointer to the streaming method', async () => {
    const { client, requests } = clientWith({});
    const error = await rejectionOf(
      client.request('POST /chat/completions', { body: { messages: [{ role: 'user', content: 'Hi' }], stream: true } }),
    );
    expect((error as Error).message).toContain('client.chat.completions.create');
    expect(requests).toHaveLength(0);
  });
});
