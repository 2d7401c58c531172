// Retries against a real server: which statuses are retried, how long the client waits, what it
// resends, and what the final error carries.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  ProviderOverloadedError,
  ProviderTimeoutError,
  RateLimitError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from '../../src/index';
import { apiError, CHAT_BODY, clientFor, completion, type FaultServer, sendJson, useFaultServer } from './fault-server';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

/** Answers the first `failures` requests with `fail`, then a completion. */
function failThenSucceed(failures: number, fail: (res: import('node:http').ServerResponse) => void) {
  server.handle((_req, res, received) => {
    if (received.n <= failures) fail(res);
    else sendJson(res, 200, completion(`gen-${received.n}`));
  });
}

describe('429 then 200', () => {
  it('honours `Retry-After: 1`: waits at least a second, then resends the identical request', async () => {
    failThenSucceed(1, (res) =>
      sendJson(res, 429, apiError(429, 'Rate limit exceeded'), { 'retry-after': '1', 'x-ratelimit-remaining': '0' }),
    );
    const client = clientFor(server);
    const result = await client.chat.completions.create({ ...CHAT_BODY, temperature: 0.5 });

    expect(result.id).toBe('gen-2');
    const [first, second] = server.requests;
    expect(server.requests).toHaveLength(2);
    expect(second?.method).toBe(first?.method);
    expect(second?.method).toBe('POST');
    expect(second?.url).toBe(first?.url);
    expect(second?.url).toBe('/api/v1/chat/completions');
    expect(second?.body).toBe(first?.body);
    expect(JSON.parse(second?.body ?? '')).toEqual({ ...CHAT_BODY, temperature: 0.5 });
    expect(second?.headers.authorization).toBe(first?.headers.authorization);
    // Arrival times are taken on the server: the second request came at least 1 s after the first.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(995);
  });

  it('honours `retry-after-ms` (and prefers it over `Retry-After`)', async () => {
    failThenSucceed(1, (res) =>
      sendJson(res, 429, apiError(429, 'Rate limit exceeded'), { 'retry-after-ms': '300', 'retry-after': '30' }),
    );
    const started = performance.now();
    const result = await clientFor(server).models.list();
    expect(result).toEqual(completion('gen-2'));
    const [first, second] = server.requests;
    expect(server.requests).toHaveLength(2);
    expect([second?.method, second?.url, second?.body]).toEqual([first?.method, first?.url, first?.body]);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(295);
    // Not the 30 s of Retry-After.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('with `maxRetries: 0` surfaces RateLimitError at once, without waiting out Retry-After', async () => {
    server.handle((_req, res) =>
      sendJson(res, 429, apiError(429, 'Rate limit exceeded', { limit: 'rpm' }), { 'retry-after': '30' }),
    );
    const started = performance.now();
    const error = await clientFor(server, { maxRetries: 0 })
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: 429,
      attempts: 1,
      message: '429 Rate limit exceeded',
      metadata: { limit: 'rpm' },
    });
    expect((error as RateLimitError).headers.get('retry-after')).toBe('30');
    expect(server.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('per-request `maxRetries: 0` overrides the client default', async () => {
    server.handle((_req, res) => sendJson(res, 429, apiError(429, 'slow down'), { 'retry-after-ms': '10' }));
    const client = clientFor(server, { maxRetries: 5 });
    await expect(client.models.list(undefined, { maxRetries: 0 })).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });
});

const RETRIED: [number, typeof APIError][] = [
  [500, InternalServerError],
  [502, BadGatewayError],
  [503, ServiceUnavailableError],
  [524, ProviderTimeoutError],
  [529, ProviderOverloadedError],
];

describe.each(RETRIED)('%i', (status, ErrorClass) => {
  const body = apiError(status, `upstream said ${status}`, { provider_name: 'Fault', raw: 'boom' });
  // A short server-requested delay keeps the suite fast; the backoff itself is unit-tested.
  const headers = { 'retry-after-ms': '5', 'x-fault': `status-${status}` };

  it(`then 200: succeeds within maxRetries (2 failures, maxRetries 2 -> 3 requests)`, async () => {
    failThenSucceed(2, (res) => sendJson(res, status, body, headers));
    const result = await clientFor(server, { maxRetries: 2 }).chat.completions.create(CHAT_BODY);
    expect(result.id).toBe('gen-3');
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).size).toBe(1);
  });

  it(`more failures than retries: ${ErrorClass.name} with status, body, headers and attempts`, async () => {
    server.handle((_req, res) => sendJson(res, status, body, headers));
    const error = await clientFor(server, { maxRetries: 2 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    const apiErr = error as APIError;
    expect(apiErr.name).toBe(ErrorClass.name);
    expect(apiErr.status).toBe(status);
    expect(apiErr.body).toEqual(body);
    expect(apiErr.code).toBe(status);
    expect(apiErr.message).toBe(`${status} upstream said ${status}`);
    expect(apiErr.metadata).toEqual({ provider_name: 'Fault', raw: 'boom' });
    expect(apiErr.headers.get('x-fault')).toBe(`status-${status}`);
    expect(apiErr.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });
});

const NOT_RETRIED: [number, typeof APIError, Record<string, unknown> | undefined][] = [
  [400, BadRequestError, { param: 'messages' }],
  [401, AuthenticationError, undefined],
  [402, PaymentRequiredError, { credits_needed: 0.5 }],
  [403, PermissionDeniedError, { reasons: ['hate'], flagged_input: 'x', provider_name: 'Moderator' }],
  [404, NotFoundError, undefined],
  [422, UnprocessableEntityError, { field: 'model' }],
];

describe.each(NOT_RETRIED)('%i', (status, ErrorClass, metadata) => {
  it(`is never retried and surfaces ${ErrorClass.name} with the API's code, message and metadata`, async () => {
    // Even a Retry-After header does not make a 4xx retryable.
    server.handle((_req, res) =>
      sendJson(res, status, apiError(status, `message for ${status}`, metadata), { 'retry-after-ms': '1' }),
    );
    const error = await clientFor(server, { maxRetries: 3 })
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({
      name: ErrorClass.name,
      status,
      code: status,
      message: `${status} message for ${status}`,
      metadata,
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
  });
});

it('an OpenRouter error code that is a string is kept as sent', async () => {
  server.handle((_req, res) =>
    sendJson(res, 400, { error: { code: 'invalid_model', message: 'bad model', metadata: { a: 1 } } }),
  );
  await expect(clientFor(server).models.list()).rejects.toMatchObject({
    status: 400,
    code: 'invalid_model',
    message: '400 bad model',
    metadata: { a: 1 },
  });
});
