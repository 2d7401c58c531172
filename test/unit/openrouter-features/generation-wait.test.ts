// Generation stats that wait: GET /generation answers 404 until the stats are written, and
// `client.waitForGeneration()` asks again, for a bounded time, from an id, a completion or a stream.
import { beforeEach, describe, expect, it } from 'vitest';
import { APIUserAbortError, NotFoundError, OpenRouterError } from '../../../src';
import { clearClientEnv, clientWith, rejectionOf } from '../support/client';
import { json } from '../support/scripted-fetch';

beforeEach(clearClientEnv);

const notYet = () => json({ error: { code: 404, message: 'Generation gen-77 not found' } }, 404);
const stats = (id: string) => json({ data: { id, total_cost: 0.0012, provider_name: 'Parasail' } });

function sse(chunks: unknown[]): Response {
  const body = `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('client.waitForGeneration', () => {
  it('asks again while the answer is 404, then resolves to the stats', async () => {
    const { client, requests } = clientWith({}, notYet(), notYet(), stats('gen-77'));
    const { data } = await client.waitForGeneration('gen-77', { interval: 1 });
    expect(data).toMatchObject({ id: 'gen-77', total_cost: 0.0012 });
    expect(requests.map((request) => new URL(request.url).search)).toEqual(['?id=gen-77', '?id=gen-77', '?id=gen-77']);
  });

  it('gives up after waitTimeout with the last NotFoundError', async () => {
    const { client, requests } = clientWith({}, ...Array.from({ length: 50 }, notYet));
    const started = Date.now();
    const error = await rejectionOf(client.waitForGeneration('gen-77', { waitTimeout: 150, interval: 20 }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.length).toBeLessThan(10);
  });

  it('takes a completion: its `id` is the generation id', async () => {
    const { client, requests } = clientWith(
      {},
      json({ id: 'gen-abc', object: 'chat.completion', created: 1, model: 'm', choices: [] }),
      notYet(),
      stats('gen-abc'),
    );
    const completion = await client.chat.completions.create({ model: 'm', messages: [] });
    await client.waitForGeneration(completion, { interval: 1 });
    expect(new URL((requests[2] as Request).url).searchParams.get('id')).toBe('gen-abc');
  });

  it('takes a stream this client made, once read', async () => {
    const chunk = { id: 'gen-streamed', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] };
    const { client, requests } = clientWith({}, sse([chunk]), stats('gen-streamed'));
    const stream = await client.chat.completions.create({ model: 'm', messages: [], stream: true });
    for await (const _ of stream) {
      // read to the end
    }
    await client.waitForGeneration(stream);
    expect(new URL((requests[1] as Request).url).searchParams.get('id')).toBe('gen-streamed');
  });

  it('says so when there is no id to wait for (an unread stream), before any request', async () => {
    const chunk = { id: 'gen-x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] };
    const { client, requests } = clientWith({}, sse([chunk]));
    const stream = await client.chat.completions.create({ model: 'm', messages: [], stream: true });
    const error = await rejectionOf(client.waitForGeneration(stream));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(/no generation id/);
    expect(requests).toHaveLength(1);
  });

  it('does not retry other errors', async () => {
    const { client, requests } = clientWith({ maxRetries: 0 }, json({ error: { code: 401, message: 'No auth' } }, 401));
    await rejectionOf(client.waitForGeneration('gen-1'));
    expect(requests).toHaveLength(1);
  });

  it('stops waiting when the signal aborts', async () => {
    const { client } = clientWith({}, ...Array.from({ length: 50 }, notYet));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(client.waitForGeneration('gen-77', { interval: 1_000, signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('rejects a bad waitTimeout', async () => {
    const { client } = clientWith({});
    const error = await rejectionOf(client.waitForGeneration('gen-1', { waitTimeout: -1 }));
    expect((error as Error).message).toMatch(/waitTimeout must be a number/);
  });
});
