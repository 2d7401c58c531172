// Bad arguments reject the returned promise (so `.catch()`, `.withResponse()` and `await` all see
// them) instead of throwing from the call, and no request is sent. A stream request answered with
// something that is not an event stream fails instead of iterating as zero chunks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, type OpenRouter, OpenRouterError } from '../../src';
import { clearClientEnv, clientWith, recordingClient } from './support/client';

afterEach(() => vi.unstubAllEnvs());

describe('bad arguments reject, never throw', () => {
  const cases: [string, (client: OpenRouter) => PromiseLike<unknown>][] = [
    ['models.get("gpt-4")', (c) => c.models.get('gpt-4')],
    ['models.endpoints("a/b/c")', (c) => c.models.endpoints('a/b/c')],
    ['models.parameters("")', (c) => c.models.parameters('')],
    ['keys.get("")', (c) => c.keys.get('')],
    ['keys.delete("..")', (c) => c.keys.delete('..')],
    // biome-ignore lint/suspicious/noExplicitAny: a wrong type is the point
    ['keys.create(null)', (c) => c.keys.create(null as any)],
    // biome-ignore lint/suspicious/noExplicitAny: a wrong type is the point
    ['keys.update("h", [])', (c) => c.keys.update('h', [] as any)],
    // biome-ignore lint/suspicious/noExplicitAny: a wrong type is the point
    ['oauth.exchangeAuthCode("code")', (c) => c.oauth.exchangeAuthCode('code' as any)],
    // biome-ignore lint/suspicious/noExplicitAny: a wrong type is the point
    ['chat.completions.create(undefined)', (c) => c.chat.completions.create(undefined as any)],
    ['a negative timeout', (c) => c.providers.list({ timeout: -1 })],
  ];

  it.each(cases)('%s', async (_name, call) => {
    const { client, requests } = recordingClient();
    let promise: PromiseLike<unknown> | undefined;
    expect(() => {
      promise = call(client);
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(OpenRouterError);
    expect(requests).toHaveLength(0);
  });

  it('.withResponse() rejects the same way', async () => {
    const { client, requests } = recordingClient();
    await expect(client.models.get('no-slash').withResponse()).rejects.toThrow(/Invalid model id "no-slash"/);
    expect(requests).toHaveLength(0);
  });

  it('a missing key rejects too', async () => {
    clearClientEnv();
    const { client } = recordingClient({ apiKey: undefined });
    await expect(client.keys.current()).rejects.toThrow(/OPENROUTER_API_KEY/);
  });
});

describe('a stream request must get an event stream', () => {
  const body = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }], stream: true as const };

  it('a 200 JSON completion instead of a stream is an error naming what came', async () => {
    const { client } = clientWith({}, () => Response.json({ id: 'gen-1', object: 'chat.completion', choices: [] }));
    await expect(client.chat.completions.create(body)).rejects.toThrow(
      /application\/json where an event stream was asked for/,
    );
  });

  it('a 200 JSON error body instead of a stream is its typed error', async () => {
    const { client } = clientWith({}, () => Response.json({ error: { code: 404, message: 'No endpoints found' } }));
    const error = await client.chat.completions.create(body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('No endpoints found');
  });

  it('an answer without a content type is read as a stream (some proxies drop it)', async () => {
    const sse =
      'data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}\n\ndata: [DONE]\n\n';
    const { client } = clientWith({}, () => {
      const response = new Response(sse);
      response.headers.delete('content-type');
      return response;
    });
    const chunks = [];
    for await (const chunk of await client.chat.completions.create(body)) chunks.push(chunk);
    expect(chunks.map((c) => c.id)).toEqual(['g']);
  });
});
