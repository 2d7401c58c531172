// 429s that know quotas: which limit was hit, whose it is, when it resets; retries wait for the
// reset when there is no Retry-After, and a reset beyond the client's longest wait is not retried.
import { beforeEach, describe, expect, it } from 'vitest';
import { OpenRouter, RateLimitError } from '../../../src';
import { API_KEY, clearClientEnv, clientWith, rejectionOf } from '../support/client';
import { json, scriptedFetch } from '../support/scripted-fetch';

beforeEach(clearClientEnv);

/** An OpenRouter-side 429 in the shape the live API sends: the limit's headers inside the body. */
function ownLimit(message: string, resetAt: number, extra: Record<string, string> = {}): Response {
  return json(
    {
      error: {
        code: 429,
        message,
        metadata: {
          headers: { 'X-RateLimit-Limit': '20', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt) },
          provider_name: null,
        },
      },
    },
    429,
    extra,
  );
}

const upstream = () =>
  json(
    {
      error: {
        code: 429,
        message: 'Provider returned error',
        metadata: {
          provider_name: 'Google',
          raw: 'some/model:free is temporarily rate-limited upstream. Retry shortly.',
        },
      },
    },
    429,
  );

const ok = () => json({ id: 'gen-1', object: 'chat.completion', created: 1, model: 'm', choices: [] });
const CHAT = { model: 'some/model:free', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('RateLimitError.rateLimit', () => {
  it("reads OpenRouter's limit: name, limit, remaining, reset time", async () => {
    const reset = Date.UTC(2030, 0, 2);
    const { client } = clientWith(
      { maxRetries: 0 },
      ownLimit(
        'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day',
        reset,
      ),
    );
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.rateLimit).toEqual({
      source: 'openrouter',
      name: 'free-models-per-day',
      limit: 20,
      remaining: 0,
      resetAt: new Date(reset),
      provider: undefined,
    });
  });

  it('keeps the dots of a model id in a limit name', async () => {
    const { client } = clientWith(
      { maxRetries: 0 },
      ownLimit('Rate limit exceeded: limit_rpm/meta-llama/llama-3.2-3b-instruct/abc-123. High demand.', Date.now()),
    );
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as RateLimitError;
    expect(error.rateLimit.name).toBe('limit_rpm/meta-llama/llama-3.2-3b-instruct/abc-123');
  });

  it("tells a provider's limit from OpenRouter's", async () => {
    const { client } = clientWith({ maxRetries: 0 }, upstream());
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as RateLimitError;
    expect(error.rateLimit).toMatchObject({ source: 'provider', provider: 'Google', resetAt: undefined });
  });

  it("takes an error that only carries a provider's raw answer for the provider's", async () => {
    const body = {
      error: { code: 429, message: 'Provider returned error', metadata: { raw: 'rate-limited upstream' } },
    };
    const { client } = clientWith({ maxRetries: 0 }, json(body, 429));
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as RateLimitError;
    expect(error.rateLimit).toMatchObject({ source: 'provider', provider: undefined });
  });

  it('falls back to the rate-limit headers of the response', async () => {
    const { client } = clientWith(
      { maxRetries: 0 },
      json({ error: { code: 429, message: 'Too many' } }, 429, {
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '1',
        'x-ratelimit-reset': '1900000000',
      }),
    );
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as RateLimitError;
    expect(error.rateLimit).toMatchObject({ limit: 5, remaining: 1, resetAt: new Date(1_900_000_000_000) });
  });
});

describe('retries of a 429', () => {
  it('wait for the reset the body names when there is no Retry-After', async () => {
    let firstAt = 0;
    let secondAt = 0;
    const { fetch } = scriptedFetch(
      () => {
        firstAt = Date.now();
        return ownLimit('Rate limit exceeded: limit_rpm/x/y', firstAt + 1_200);
      },
      () => {
        secondAt = Date.now();
        return ok();
      },
    );
    const client = new OpenRouter({ apiKey: API_KEY, fetch, maxRetries: 1 });
    await client.chat.completions.create(CHAT);
    // The usual first backoff is at most 500 ms: this waited for the reset.
    expect(secondAt - firstAt).toBeGreaterThanOrEqual(1_100);
  });

  it('are not made when the reset is beyond the longest wait (a daily quota)', async () => {
    const { client, requests } = clientWith(
      { maxRetries: 3 },
      ownLimit('Rate limit exceeded: free-models-per-day.', Date.now() + 10 * 3_600_000),
      ok(),
    );
    const started = Date.now();
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.attempts).toBe(1);
    expect(error.rateLimit.name).toBe('free-models-per-day');
    expect(requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('follow maxRetryWait: a reset later than it is not retried', async () => {
    const { client, requests } = clientWith(
      { maxRetries: 2, maxRetryWait: 500 },
      ownLimit('Rate limit exceeded: limit_rpm/x/y', Date.now() + 5_000),
      ok(),
    );
    await rejectionOf(client.chat.completions.create(CHAT));
    expect(requests).toHaveLength(1);
  });

  it('still prefer Retry-After over the reset', async () => {
    const { client, requests } = clientWith(
      { maxRetries: 1 },
      ownLimit('Rate limit exceeded: free-models-per-day.', Date.now() + 10 * 3_600_000, { 'retry-after-ms': '0' }),
      ok(),
    );
    await client.chat.completions.create(CHAT);
    expect(requests).toHaveLength(2);
  });

  it("retry a provider's 429 with the usual backoff", async () => {
    const { client, requests } = clientWith({ maxRetries: 1 }, upstream(), ok());
    await client.chat.completions.create(CHAT);
    expect(requests).toHaveLength(2);
  });

  it('reject a bad maxRetryWait', () => {
    expect(() => new OpenRouter({ apiKey: API_KEY, maxRetryWait: -1 })).toThrow(/maxRetryWait must be/);
  });
});
