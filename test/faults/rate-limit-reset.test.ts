// A 429 whose body names its reset (OpenRouter's own limits), against a real server: the retry
// comes after the reset; a daily quota is not retried at all.
import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../../src/index';
import { apiError, CHAT_BODY, clientFor, completion, type FaultServer, sendJson, useFaultServer } from './fault-server';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

function limited(resetAt: number, message = 'Rate limit exceeded: limit_rpm/openai/gpt-4o/k1') {
  return apiError(429, message, {
    headers: { 'X-RateLimit-Limit': '1', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt) },
    provider_name: null,
  });
}

describe('429 with X-RateLimit-Reset in the body and no Retry-After', () => {
  it('retries once the reset has passed', async () => {
    server.handle((_req, res, received) => {
      if (received.n === 1) sendJson(res, 429, limited(Date.now() + 1_000));
      else sendJson(res, 200, completion('gen-2'));
    });
    const result = await clientFor(server, { maxRetries: 1 }).chat.completions.create(CHAT_BODY);
    expect(result.id).toBe('gen-2');
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a reset hours away (free-models-per-day)', async () => {
    server.handle((_req, res) =>
      sendJson(res, 429, limited(Date.now() + 8 * 3_600_000, 'Rate limit exceeded: free-models-per-day. Add credits')),
    );
    const error = await clientFor(server, { maxRetries: 2 })
      .chat.completions.create(CHAT_BODY)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).rateLimit).toMatchObject({ source: 'openrouter', name: 'free-models-per-day' });
    expect(server.requests).toHaveLength(1);
  });
});
