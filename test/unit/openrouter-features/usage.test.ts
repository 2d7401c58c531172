// Cost you can see and cap: every answer's and finished stream's usage goes to `onUsage` and into
// `client.usage.totals()` (exact decimals); `spendLimit` refuses billable requests once reached.
import { beforeEach, describe, expect, it } from 'vitest';
import { OpenRouter, SpendLimitError, type UsageRecord } from '../../../src';
import { API_KEY, clearClientEnv, clientWith, rejectionOf } from '../support/client';
import { json } from '../support/scripted-fetch';

beforeEach(clearClientEnv);

const CHAT = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'Hi' }] };

function answer(id: string, usage: Record<string, unknown>): Response {
  return json({
    id,
    object: 'chat.completion',
    created: 1,
    model: 'openai/gpt-4o',
    provider: 'OpenAI',
    choices: [],
    usage,
  });
}

function sse(chunks: unknown[]): Response {
  const body = `${chunks.map((chunk) => `: OPENROUTER PROCESSING\n\ndata: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const chunk = (extra: Record<string, unknown> = {}) => ({
  id: 'gen-s',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'qwen/qwen3',
  provider: 'Together',
  choices: [{ index: 0, delta: { content: 'x' }, finish_reason: null }],
  ...extra,
});

describe('onUsage and client.usage', () => {
  it('records each answer, and sums costs as exact decimals', async () => {
    const records: UsageRecord[] = [];
    const { client } = clientWith(
      { onUsage: (record) => records.push(record) },
      answer('gen-1', { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.1 }),
      answer('gen-2', { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, cost: 0.2 }),
    );
    await client.chat.completions.create(CHAT);
    await client.chat.completions.create(CHAT);
    expect(records.map((record) => [record.generationId, record.cost, record.streamed])).toEqual([
      ['gen-1', 0.1, false],
      ['gen-2', 0.2, false],
    ]);
    expect(records[0]).toMatchObject({ model: 'openai/gpt-4o', provider: 'OpenAI', promptTokens: 10, totalTokens: 15 });
    // 0.1 + 0.2 in floating point is 0.30000000000000004.
    expect(client.usage.totals()).toEqual({
      calls: 2,
      promptTokens: 11,
      completionTokens: 7,
      totalTokens: 18,
      cost: '0.3',
      byokCost: '0',
      spend: '0.3',
    });
  });

  it("counts a stream's usage chunk once it has finished", async () => {
    const records: UsageRecord[] = [];
    const usage = { prompt_tokens: 97, completion_tokens: 2, total_tokens: 99, cost: 0.00001882, is_byok: false };
    const { client } = clientWith(
      { onUsage: (record) => records.push(record) },
      sse([chunk(), { ...chunk(), choices: [], usage }]),
    );
    const stream = await client.chat.completions.create({ ...CHAT, stream: true });
    for await (const _ of stream) expect(records).toHaveLength(0);
    expect(records).toMatchObject([{ generationId: 'gen-s', provider: 'Together', cost: 0.00001882, streamed: true }]);
    expect(client.usage.totals().cost).toBe('0.00001882');
  });

  it("counts BYOK calls at the provider's cost", async () => {
    const { client } = clientWith(
      {},
      answer('gen-b', {
        prompt_tokens: 1,
        completion_tokens: 1,
        total_tokens: 2,
        cost: 0.0001,
        is_byok: true,
        cost_details: { upstream_inference_cost: 0.002 },
      }),
    );
    await client.chat.completions.create(CHAT);
    expect(client.usage.totals()).toMatchObject({ cost: '0.0001', byokCost: '0.002', spend: '0.0021' });
  });

  it('counts the usage of an error event that ends a stream', async () => {
    const usage = { prompt_tokens: 43, completion_tokens: 10, total_tokens: 53, cost: 0.0005 };
    const { client } = clientWith(
      {},
      sse([chunk(), chunk({ error: { code: 400, message: 'Token limit reached' }, usage })]),
    );
    const stream = await client.chat.completions.create({ ...CHAT, stream: true });
    await rejectionOf(
      (async () => {
        for await (const _ of stream) {
          // read until the error
        }
      })(),
    );
    expect(client.usage.totals()).toMatchObject({ calls: 1, cost: '0.0005' });
  });

  it('says so when onUsage throws, without taking it for a failed request', async () => {
    const { client } = clientWith(
      {
        onUsage: () => {
          throw new Error('my hook broke');
        },
      },
      answer('gen-1', { total_tokens: 1, cost: 0.5 }),
    );
    const error = await rejectionOf(client.chat.completions.create(CHAT));
    expect((error as Error).message).toBe('onUsage threw: my hook broke');
    expect(client.usage.totals().spend).toBe('0.5');
  });

  it('is shared with the clients withOptions() makes', async () => {
    const { client } = clientWith({}, answer('gen-1', { total_tokens: 1, cost: 0.5 }));
    await client.withOptions({ timeout: 1_000 }).chat.completions.create(CHAT);
    expect(client.usage.totals().spend).toBe('0.5');
  });
});

describe('spendLimit', () => {
  it('refuses billable requests once the recorded spend reaches it, before sending them', async () => {
    const { client, requests } = clientWith(
      { spendLimit: '0.0003' },
      answer('gen-1', { total_tokens: 1, cost: 0.0002 }),
      answer('gen-2', { total_tokens: 1, cost: 0.0001 }),
      json({ data: [] }),
    );
    await client.chat.completions.create(CHAT);
    await client.chat.completions.create(CHAT);
    const error = await rejectionOf(client.chat.completions.create(CHAT));
    expect(error).toBeInstanceOf(SpendLimitError);
    expect(error).toMatchObject({ limit: '0.0003', spent: '0.0003' });
    expect(requests).toHaveLength(2);
    // Requests that name no model cost nothing and still go.
    await client.providers.list();
    expect(requests).toHaveLength(3);
  });

  it('counts again from zero after usage.reset()', async () => {
    const { client, requests } = clientWith(
      { spendLimit: 0.001 },
      answer('gen-1', { total_tokens: 1, cost: 0.001 }),
      answer('gen-2', { total_tokens: 1, cost: 0 }),
    );
    await client.chat.completions.create(CHAT);
    await rejectionOf(client.chat.completions.create(CHAT));
    client.usage.reset();
    await client.chat.completions.create(CHAT);
    expect(requests).toHaveLength(2);
  });

  it('rejects a limit that is not an amount', () => {
    expect(() => new OpenRouter({ apiKey: API_KEY, spendLimit: 'ten dollars' })).toThrow(/spendLimit must be/);
    expect(() => new OpenRouter({ apiKey: API_KEY, spendLimit: -1 })).toThrow(/spendLimit must be/);
  });
});

describe('the standalone entry', () => {
  it('records usage into the ledger it is given, and refuses onUsage without one', async () => {
    const standalone = await import('../../../src/standalone');
    const { fetch } = clientWith({}, answer('gen-1', { total_tokens: 3, cost: 0.25 }));
    expect(() => standalone.createClient({ apiKey: API_KEY, fetch, onUsage: () => {} })).toThrow(
      /onUsage and spendLimit need a usage record/,
    );
    const usage = new standalone.UsageLedger(undefined, '1');
    const client = standalone.createClient({ apiKey: API_KEY, fetch }, usage);
    await standalone.createChatCompletion(client, CHAT);
    expect(usage.totals()).toMatchObject({ calls: 1, totalTokens: 3, spend: '0.25' });
  });
});
