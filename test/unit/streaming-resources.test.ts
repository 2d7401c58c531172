// The hand-written streaming methods beyond chat: `stream: true` gives a Stream of the operation's
// events (as its x-sse-data types them); without it, one JSON body. The request says so on the wire.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Stream } from '../../src';
import { clearClientEnv, clientWith, onlyRequest } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

function sse(events: unknown[], done = true): Response {
  const text = events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('') + (done ? 'data: [DONE]\n\n' : '');
  return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const events: T[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('responses.create', () => {
  const events = [
    { type: 'response.created', sequence_number: 0, response: { id: 'resp-1' } },
    { type: 'response.output_text.delta', sequence_number: 1, delta: 'Hel' },
    { type: 'response.output_text.delta', sequence_number: 2, delta: 'lo' },
  ];

  it('stream: true resolves to a Stream of the events, in order, and asks for an event stream', async () => {
    const { client, requests } = clientWith({}, sse(events));
    const stream = await client.responses.create({ model: 'openai/gpt-4o', input: 'Hi', stream: true });
    expect(stream).toBeInstanceOf(Stream);
    expect(await collect(stream)).toEqual(events);
    const request = onlyRequest(requests);
    expect(new URL(request.url).pathname).toBe('/api/v1/responses');
    expect(request.headers.get('accept')).toContain('text/event-stream');
    expect(await request.json()).toEqual({ model: 'openai/gpt-4o', input: 'Hi', stream: true });
  });

  it('without stream it resolves to the JSON body', async () => {
    const body = { id: 'resp-1', object: 'response', status: 'completed', output: [] };
    const { client, requests } = clientWith({}, json(body));
    expect(await client.responses.create({ model: 'openai/gpt-4o', input: 'Hi' })).toEqual(body);
    expect(onlyRequest(requests).headers.get('accept') ?? '').not.toContain('text/event-stream');
  });
});

describe('messages.create', () => {
  it('stream: true gives the Anthropic events; the stream ends with the body (no [DONE] needed)', async () => {
    const events = [
      { type: 'message_start', message: { id: 'msg-1' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'message_stop' },
    ];
    const { client, requests } = clientWith({}, sse(events, false));
    const stream = await client.messages.create({
      model: 'anthropic/claude-sonnet-4',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    expect(await collect(stream)).toEqual(events);
    expect(new URL(onlyRequest(requests).url).pathname).toBe('/api/v1/messages');
  });
});

describe('images.generate', () => {
  it('stream: true gives the image events; images.models stays generated beside it', async () => {
    const events = [{ type: 'image_generation.partial_image', partial_image_index: 0, b64_json: 'AAAA' }];
    const { client, requests } = clientWith({}, sse(events), json({ data: [] }));
    const stream = await client.images.generate({
      model: 'google/gemini-2.5-flash-image',
      prompt: 'a cat',
      stream: true,
    });
    expect(await collect(stream)).toEqual(events);
    await client.images.models.endpoints('google/gemini-2.5-flash-image');
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/images',
      '/api/v1/images/models/google/gemini-2.5-flash-image/endpoints',
    ]);
  });

  it('a bad body rejects before any request', async () => {
    const { client, requests } = clientWith({});
    await expect(client.images.generate(null as never)).rejects.toThrow(
      'images.generate takes a request body object, got null.',
    );
    expect(requests).toHaveLength(0);
  });
});
