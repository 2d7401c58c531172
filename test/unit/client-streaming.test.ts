// Streaming through the client: `chat.completions.create({ ..., stream: true })` end to end, with the
// injected fetch standing in for the server.
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type APIError,
  APIUserAbortError,
  BadGatewayError,
  OpenRouterError,
  PaymentRequiredError,
  Stream,
} from '../../src';
import { fixture } from './helpers/sse-streams';
import { API_KEY, clearClientEnv, clientWith, onlyRequest, rejectionOf } from './support/client';
import { bodyTiedTo, json, signalOf } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const REQUEST = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] };

function sse(body: BodyInit | Uint8Array, headers: Record<string, string> = {}): Response {
  // A copy typed over a plain ArrayBuffer, which is what BodyInit accepts.
  const init = body instanceof Uint8Array ? new Uint8Array(body) : body;
  return new Response(init, { status: 200, headers: { 'content-type': 'text/event-stream', ...headers } });
}

function chunk(content: string, extra: Record<string, unknown> = {}): string {
  const value = {
    id: 'gen-1',
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'openai/gpt-4o',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
    ...extra,
  };
  return `data: ${JSON.stringify(value)}\n\n`;
}

describe('chat.completions.create({ stream: true })', () => {
  it('sends stream: true and Accept: text/event-stream, and returns a Stream', async () => {
    const { client, requests } = clientWith({}, sse(fixture('keepalive.sse')));
    const stream = await client.chat.completions.create({ ...REQUEST, stream: true });
    const request = onlyRequest(requests);
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/api/v1/chat/completions');
    expect(request.headers.get('accept')).toMatch(/^text\/event-stream\b/);
    expect(request.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(await request.json()).toEqual({ ...REQUEST, stream: true });
    expect(stream).toBeInstanceOf(Stream);
    expect(typeof stream[Symbol.asyncIterator]).toBe('function');
    expect(typeof stream.finalCompletion).toBe('function');
  });

  it('without stream: true asks for JSON and resolves to the completion', async () => {
    const completion = {
      id: 'gen-2',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hey' } }],
    };
    const { client, requests } = clientWith({}, json(completion), json(completion));
    expect(await client.chat.completions.create({ ...REQUEST, stream: false })).toEqual(completion);
    expect(await client.chat.completions.create(REQUEST)).toEqual(completion);
    expect(requests[0]?.headers.get('accept') ?? '').not.toContain('text/event-stream');
    expect(await requests[0]?.json()).toEqual({ ...REQUEST, stream: false });
    expect(await requests[1]?.json()).not.toHaveProperty('stream');
  });

  it('iterating yields the parsed chunks (comments skipped, ends at [DONE])', async () => {
    const { client } = clientWith({}, sse(fixture('keepalive.sse')));
    const stream = await client.chat.completions.create({ ...REQUEST, stream: true });
    const contents: unknown[] = [];
    const ids = new Set<string>();
    for await (const c of stream) {
      contents.push(c.choices[0]?.delta.content);
      ids.add(c.id);
    }
    expect(contents).toEqual(['Hello', ', world']);
    expect([...ids]).toEqual(['gen-ka']);
  });

  it('finalCompletion() merges the chunks into one completion', async () => {
    const { client } = clientWith({}, sse(fixture('tool-calls.sse')));
    const stream = await client.chat.completions.create({ ...REQUEST, stream: true });
    const completion = await stream.finalCompletion();
    expect(completion).toMatchObject({
      id: 'gen-tools',
      object: 'chat.completion',
      model: 'example/model-1',
      provider: 'ExampleCloud',
      usage: { prompt_tokens: 120, completion_tokens: 38, total_tokens: 158, cost: 0.00042 },
    });
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      {
        index: 0,
        id: 'call_weather_1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city": "Paris", "unit": "celsius"}' },
      },
      {
        index: 1,
        id: 'call_time_2',
        type: 'function',
        function: { name: 'get_local_time', arguments: '{"timezone": "Europe/Paris"}' },
      },
    ]);
  });

  it('finalCompletion() after a full loop gives the same text the loop saw', async () => {
    const { client } = clientWith({}, sse(fixture('keepalive.sse')));
    const stream = await client.chat.completions.create({ ...REQUEST, stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]?.message.content).toBe(text);
    expect(text).toBe('Hello, world');
  });

  it('leaving the loop early aborts the request the fetch received', async () => {
    let sent: Request | undefined;
    const { client } = clientWith({}, (request) => {
      sent = request;
      // An open stream: two chunks, then nothing until the request is aborted.
      return sse(bodyTiedTo(request, [chunk('one'), chunk('two')]));
    });
    const stream = await client.chat.completions.create({ ...REQUEST, stream: true });
    expect(signalOf(sent as Request).aborted).toBe(false);
    const seen: unknown[] = [];
    for await (const c of stream) {
      seen.push(c.choices[0]?.delta.content);
      break;
    }
    expect(seen).toEqual(['one']);
    expect(signalOf(sent as Request).aborted).toBe(true);
  });

  it("aborting the user's signal mid-stream throws APIUserAbortError and aborts the request", async () => {
    const controller = new AbortController();
    let sent: Request | undefined;
    const { client } = clientWith({}, (request) => {
      sent = request;
      return sse(bodyTiedTo(request, [chunk('one'), chunk('two')]));
    });
    const stream = await client.chat.completions.create({ ...REQUEST, stream: true }, { signal: controller.signal });
    const seen: unknown[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const c of stream) {
          seen.push(c.choices[0]?.delta.content);
          if (seen.length === 2) setTimeout(() => controller.abort(), 5); // the body is now waiting
        }
      })(),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(seen).toEqual(['one', 'two']);
    expect(signalOf(sent as Request).aborted).toBe(true);
  });

  it('an error status rejects the create() call itself, with the API error', async () => {
    const { client } = clientWith({}, json({ error: { code: 402, message: 'Insufficient credits' } }, 402));
    const error = await rejectionOf(client.chat.completions.create({ ...REQUEST, stream: true }));
    expect(error).toBeInstanceOf(PaymentRequiredError);
    expect((error as APIError).message).toBe('402 Insufficient credits');
  });

  it('an error chunk mid-stream throws the typed API error after the chunks before it, without the key', async () => {
    const { client } = clientWith({}, sse(fixture('error-mid-stream.sse')));
    const stream = await client.chat.completions.create({ ...REQUEST, stream: true });
    const seen: unknown[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const c of stream) seen.push(c.choices[0]?.delta.content);
      })(),
    );
    expect(seen).toEqual(['The answer', ' is']);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect((error as APIError).metadata).toEqual({ provider_name: 'ExampleCloud' });
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain(API_KEY);
    }
  });

  it('.withResponse() gives the stream and the response headers', async () => {
    const { client } = clientWith({}, sse(fixture('keepalive.sse'), { 'x-generation-id': 'gen-ka' }));
    const { data, response } = await client.chat.completions.create({ ...REQUEST, stream: true }).withResponse();
    expect(response.headers.get('x-generation-id')).toBe('gen-ka');
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect((await data.finalCompletion()).choices[0]?.message.content).toBe('Hello, world');
  });

  it('a stream can be read only once', async () => {
    const { client } = clientWith({}, sse(fixture('keepalive.sse')));
    const stream = await client.chat.completions.create({ ...REQUEST, stream: true });
    for await (const _ of stream) {
      // drain
    }
    expect(() => stream[Symbol.asyncIterator]()).toThrow(OpenRouterError);
  });
});
