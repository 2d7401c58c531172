// Raw answers on success: `.asResponse()` gives the Response with its body unread, and
// `.withResponse()` gives the request id and the generation id without reading headers.
import { beforeEach, describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../src';
import { clearClientEnv, clientWith, rejectionOf } from '../support/client';
import { json } from '../support/scripted-fetch';

beforeEach(clearClientEnv);

const CHAT = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] };
const completion = { id: 'gen-123', object: 'chat.completion', created: 1, model: 'm', choices: [] };

describe('.asResponse()', () => {
  it('gives the answer with its body unread: status, headers and the bytes sent', async () => {
    const { client } = clientWith({}, json(completion, 200, { 'x-request-id': 'req-9' }));
    const response = await client.chat.completions.create(CHAT).asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-9');
    expect(await response.json()).toEqual(completion);
  });

  it('gives the unread event stream of a stream request', async () => {
    const body = `data: ${JSON.stringify({ ...completion, object: 'chat.completion.chunk' })}\n\ndata: [DONE]\n\n`;
    const { client } = clientWith({}, new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const response = await client.chat.completions.create({ ...CHAT, stream: true }).asResponse();
    expect(await response.text()).toBe(body);
  });

  it('gives a page of a list unread too', async () => {
    const { client } = clientWith({}, json({ data: [{ id: 'a' }] }));
    const response = await client.models.list().asResponse();
    expect(await response.json()).toEqual({ data: [{ id: 'a' }] });
  });

  it('still rejects with the APIError of a failed call', async () => {
    const { client } = clientWith({}, json({ error: { code: 400, message: 'bad' } }, 400));
    expect(await rejectionOf(client.chat.completions.create(CHAT).asResponse())).toBeInstanceOf(BadRequestError);
  });
});

describe('.withResponse() ids', () => {
  it('gives the request id and the generation id', async () => {
    const { client } = clientWith({}, json(completion, 200, { 'x-request-id': 'req-9' }));
    const { data, requestId, generationId } = await client.chat.completions.create(CHAT).withResponse();
    expect(data.id).toBe('gen-123');
    expect(requestId).toBe('req-9');
    expect(generationId).toBe('gen-123');
  });

  it("takes Cloudflare's cf-ray as the request id, and the x-generation-id header", async () => {
    const { client } = clientWith(
      {},
      json({ data: { id: 'k' } }, 200, { 'cf-ray': 'ray-1', 'x-generation-id': 'gen-h' }),
    );
    const { requestId, generationId } = await client.keys.current().withResponse();
    expect(requestId).toBe('ray-1');
    expect(generationId).toBe('gen-h');
  });

  it("gives a stream's generation id once its first chunk is read", async () => {
    const chunk = { ...completion, id: 'gen-stream', object: 'chat.completion.chunk' };
    const body = `data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`;
    const { client } = clientWith({}, new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const result = await client.chat.completions.create({ ...CHAT, stream: true }).withResponse();
    expect(result.generationId).toBeUndefined();
    for await (const _ of result.data) {
      // read it
    }
    expect(result.generationId).toBe('gen-stream');
  });

  it('has no generation id for answers that are not generations', async () => {
    const { client } = clientWith({}, json({ id: 'key-hash' }));
    const { generationId } = await client.keys.current().withResponse();
    expect(generationId).toBeUndefined();
  });
});
