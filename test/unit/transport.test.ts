import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from '../../src/core/errors';
import { createTransport, type OutgoingRequest, type TransportOptions } from '../../src/internal/transport';
import {
  bodyCutOff,
  bodyTiedTo,
  hangUntilAborted,
  json,
  type ScriptStep,
  scriptedFetch,
  signalOf,
} from './support/scripted-fetch';
import { trackTimersFrom } from './support/timer-tracker';

const BASE = 'https://openrouter.ai/api/v1';
const API_KEY = 'sk-or-v1-secret-key-never-in-messages';

function post(path: string, body: unknown): OutgoingRequest {
  return {
    url: `${BASE}${path}`,
    method: 'POST',
    headers: new Headers({
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      'x-title': 'tests',
    }),
    body: JSON.stringify(body),
  };
}

function get(path: string): OutgoingRequest {
  return { url: `${BASE}${path}`, method: 'GET', headers: new Headers({ authorization: `Bearer ${API_KEY}` }) };
}

/** A transport over a scripted fetch, with a sleep that records delays instead of waiting. */
function setup(steps: ScriptStep[], options: Partial<TransportOptions> = {}) {
  const fake = scriptedFetch(...steps);
  const delays: number[] = [];
  const transport = createTransport({
    fetch: fake.fetch,
    timeout: 10_000,
    maxRetries: 2,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...options,
  });
  return { transport, requests: fake.requests, thisValues: fake.thisValues, delays };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Runs `body` while counting the timers src/internal/transport.ts creates, then reports them. */
async function withTrackedTimers(body: () => Promise<void>): Promise<{ created: number; pending: number }> {
  const tracker = trackTimersFrom('/src/internal/transport.ts');
  try {
    await body();
    await tracker.settled();
    return { created: tracker.created(), pending: tracker.pending() };
  } finally {
    tracker.stop();
  }
}
const abortListeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

const providerErrorBody = (code: number) => ({
  error: {
    code,
    message: 'Provider returned error',
    metadata: { provider_name: 'Google', raw: '{"error":"quota exceeded"}' },
  },
  user_id: 'user_x',
});

describe('success', () => {
  it('sends the request once and returns a readable copy of the response', async () => {
    const { transport, requests, delays } = setup([json({ id: 'gen-1' }, 200, { 'x-request-id': 'abc' })]);
    const response = await transport(post('/chat/completions', { model: 'm' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('abc');
    expect(await response.json()).toEqual({ id: 'gen-1' });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe(`${BASE}/chat/completions`);
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(await requests[0]?.text()).toBe('{"model":"m"}');
    expect(delays).toEqual([]);
  });

  it('sends body-less GET requests without a body', async () => {
    const { transport, requests } = setup([json({ data: [] })]);
    const response = await transport(get('/models'));
    expect(await response.json()).toEqual({ data: [] });
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.body).toBeNull();
  });

  it('returns a 204 with an empty body instead of failing to rebuild it', async () => {
    const { transport } = setup([new Response(null, { status: 204 })]);
    const response = await transport({ url: `${BASE}/keys/abc`, method: 'DELETE', headers: new Headers() });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('calls fetch detached, as browsers require for window.fetch', async () => {
    const { transport, thisValues } = setup([json({})]);
    await transport(get('/models'));
    expect(thisValues).toEqual([undefined]);
  });
});

describe('retryable statuses', () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 524, 529])(
    'retries %i and re-sends the same method, url, headers and body',
    async (status) => {
      const { transport, requests, delays } = setup([json(providerErrorBody(status), status), json({ ok: true })]);
      const response = await transport(post('/chat/completions', { model: 'm', messages: [] }));
      expect(await response.json()).toEqual({ ok: true });
      expect(requests).toHaveLength(2);
      expect(delays).toHaveLength(1);
      for (const request of requests) {
        expect(request.method).toBe('POST');
        expect(request.url).toBe(`${BASE}/chat/completions`);
        expect(request.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
        expect(request.headers.get('x-title')).toBe('tests');
        expect(await request.text()).toBe('{"model":"m","messages":[]}');
      }
    },
  );

  it('cancels the failed response body before retrying', async () => {
    let cancelled = false;
    const failedBody = new ReadableStream<Uint8Array>({
      cancel() {
        cancelled = true;
      },
    });
    const { transport } = setup([new Response(failedBody, { status: 503 }), json({ ok: true })]);
    await transport(get('/models'));
    expect(cancelled).toBe(true);
  });

  it('throws the last error with status, body, headers and attempts once retries run out', async () => {
    const { transport, requests, delays } = setup(
      [0, 1, 2, 3].map(() => json(providerErrorBody(429), 429, { 'x-ratelimit-remaining': '0' })),
      { maxRetries: 3 },
    );
    const error = await rejectionOf(transport(post('/chat/completions', {})));
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimit = error as RateLimitError;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.attempts).toBe(4);
    expect(rateLimit.code).toBe(429);
    expect(rateLimit.message).toBe('429 Provider returned error');
    expect(rateLimit.metadata).toEqual({ provider_name: 'Google', raw: '{"error":"quota exceeded"}' });
    expect(rateLimit.body).toEqual(providerErrorBody(429));
    expect(rateLimit.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(requests).toHaveLength(4);
    expect(delays).toHaveLength(3);
  });

  it('makes exactly one attempt with maxRetries 0', async () => {
    const { transport, requests, delays } = setup([json({ error: { code: 503, message: 'down' } }, 503)], {
      maxRetries: 0,
    });
    const error = await rejectionOf(transport(get('/models')));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as APIError).attempts).toBe(1);
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe('non-retryable statuses', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [402, PaymentRequiredError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
  ])('%i fails at once with its own error class', async (status, ErrorClass) => {
    const { transport, requests, delays } = setup([json(providerErrorBody(status), status)]);
    const error = await rejectionOf(transport(post('/chat/completions', {})));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(status);
    expect(apiError.code).toBe(status);
    expect(apiError.message).toBe(`${status} Provider returned error`);
    expect(apiError.metadata?.provider_name).toBe('Google');
    expect(apiError.metadata?.raw).toBe('{"error":"quota exceeded"}');
    expect((apiError.body as { user_id: string }).user_id).toBe('user_x');
    expect(apiError.attempts).toBe(1);
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('keeps a non-JSON error body as text', async () => {
    const html = '<html><body>502 Bad Gateway</body></html>';
    const { transport } = setup([new Response(html, { status: 502, headers: { 'content-type': 'text/html' } })], {
      maxRetries: 0,
    });
    const error = await rejectionOf(transport(get('/models')));
    expect(error).toBeInstanceOf(BadGatewayError);
    expect((error as APIError).body).toBe(html);
    expect((error as APIError).message).toBe(`502 ${html}`);
  });

  it('still reports the status when the error body itself is cut off', async () => {
    const { transport } = setup([new Response(bodyCutOff('{"error":'), { status: 401 })]);
    const error = await rejectionOf(transport(get('/models')));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as APIError).body).toBeUndefined();
  });
});

describe('retry delays', () => {
  it('waits for Retry-After seconds', async () => {
    const { transport, delays } = setup([json({}, 429, { 'retry-after': '2' }), json({})]);
    await transport(get('/models'));
    expect(delays).toEqual([2000]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const { transport, delays } = setup([json({}, 503, { 'retry-after': inTenSeconds }), json({})]);
    await transport(get('/models'));
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(8_900);
    expect(delays[0]).toBeLessThanOrEqual(10_000);
  });

  it('waits for retry-after-ms', async () => {
    const { transport, delays } = setup([json({}, 429, { 'retry-after-ms': '250', 'retry-after': '9' }), json({})]);
    await transport(get('/models'));
    expect(delays).toEqual([250]);
  });

  it('falls back to backoff on a garbage Retry-After', async () => {
    const { transport, delays } = setup([json({}, 429, { 'retry-after': 'later, maybe' }), json({})]);
    await transport(get('/models'));
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(375);
    expect(delays[0]).toBeLessThanOrEqual(500);
  });

  it('backs off exponentially with jitter, capped at 8 s', async () => {
    const { transport, delays } = setup([...Array.from({ length: 6 }, () => json({}, 500)), json({ ok: true })], {
      maxRetries: 6,
    });
    await transport(get('/models'));
    const bases = [500, 1000, 2000, 4000, 8000, 8000];
    expect(delays).toHaveLength(bases.length);
    delays.forEach((delay, index) => {
      const base = bases[index] ?? Number.NaN;
      expect(delay).toBeGreaterThanOrEqual(base * 0.75);
      expect(delay).toBeLessThanOrEqual(base);
    });
  });
});

describe('connection errors', () => {
  const refused = () =>
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }),
    });
  const reset = () =>
    new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

  it('retries a POST whose connection was refused (nothing was sent), and then succeeds', async () => {
    const { transport, requests, delays } = setup([refused(), json({ ok: true })]);
    const response = await transport(post('/chat/completions', { n: 1 }));
    expect(await response.json()).toEqual({ ok: true });
    expect(requests).toHaveLength(2);
    expect(await requests[1]?.text()).toBe('{"n":1}');
    expect(delays).toHaveLength(1);
  });

  it.each([
    ['a reset socket (undici)', reset],
    ['a failure that does not say (undici)', () => new TypeError('fetch failed')],
    ['a browser network failure', () => new TypeError('Failed to fetch')],
  ])('does not retry a POST after %s: it may have reached the server', async (_name, failure) => {
    const { transport, requests, delays } = setup([failure(), json({ never: 'sent' })]);
    const error = await rejectionOf(transport(post('/chat/completions', {})));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/not retried: the POST may have reached the server\)\.$/);
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it.each([
    ['a reset socket (undici)', reset],
    ['a browser network failure', () => new TypeError('Failed to fetch')],
  ])('retries a GET after %s', async (_name, failure) => {
    const { transport, requests } = setup([failure(), json({ ok: true })]);
    expect(await (await transport(get('/models'))).json()).toEqual({ ok: true });
    expect(requests).toHaveLength(2);
  });

  it('throws APIConnectionError with the cause and the attempts once retries run out, without request details', async () => {
    const cause = refused();
    const { transport, requests } = setup([cause, cause, cause]);
    const error = await rejectionOf(transport(post('/chat/completions', {})));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect((error as APIConnectionError).cause).toBe(cause);
    expect((error as APIConnectionError).attempts).toBe(3);
    expect((error as Error).message).toBe('Connection error (ECONNREFUSED; 3 attempts).');
    expect((error as Error).message).not.toContain(API_KEY);
    expect(requests).toHaveLength(3);
  });

  it('retries a GET whose body is cut off mid-read', async () => {
    const { transport, requests } = setup([new Response(bodyCutOff('{"data":['), { status: 200 }), json({ data: [] })]);
    const response = await transport(get('/models'));
    expect(await response.json()).toEqual({ data: [] });
    expect(requests).toHaveLength(2);
  });

  it('does not retry a POST whose body is cut off mid-read (the server already acted on it)', async () => {
    const reset = new TypeError('terminated');
    const { transport, requests, delays } = setup([
      new Response(bodyCutOff('{"id":"gen-', reset), { status: 200 }),
      json({ never: 'sent' }),
    ]);
    const error = await rejectionOf(transport(post('/chat/completions', {})));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).cause).toBe(reset);
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe('caller abort', () => {
  it('throws APIUserAbortError without sending when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { transport, requests } = setup([json({})], { signal: controller.signal });
    await expect(transport(get('/models'))).rejects.toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(0);
  });

  it('cancels a request in flight, does not retry it, and removes its listener', async () => {
    const controller = new AbortController();
    const { transport, requests, delays } = setup([hangUntilAborted, json({})], { signal: controller.signal });
    const pending = transport(post('/chat/completions', {}));
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(requests).toHaveLength(1);
    expect(abortListeners(controller.signal)).toBe(1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(signalOf(requests[0] as Request).aborted).toBe(true);
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('cancels a non-stream body read in progress as APIUserAbortError, even for a GET', async () => {
    const controller = new AbortController();
    const { transport, requests } = setup(
      [(request) => new Response(bodyTiedTo(request, ['{"data":']), { status: 200 }), json({})],
      { signal: controller.signal },
    );
    const pending = transport(get('/models'));
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(1);
  });

  it('interrupts the real backoff wait and leaves no timer behind', async () => {
    const controller = new AbortController();
    const fake = scriptedFetch(json({}, 503, { 'retry-after': '30' }), json({}));
    const transport = createTransport({ fetch: fake.fetch, timeout: 10_000, maxRetries: 2, signal: controller.signal });
    const started = Date.now();
    const timers = await withTrackedTimers(async () => {
      setTimeout(() => controller.abort(), 20);
      await expect(transport(get('/models'))).rejects.toBeInstanceOf(APIUserAbortError);
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.requests).toHaveLength(1);
    expect(timers).toEqual({ created: 2, pending: 0 }); // the attempt's timeout, then the 30 s wait
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('does not start another attempt when an injected sleep ignores the abort', async () => {
    const controller = new AbortController();
    const fake = scriptedFetch(json({}, 500), json({}));
    const transport = createTransport({
      fetch: fake.fetch,
      timeout: 10_000,
      maxRetries: 2,
      signal: controller.signal,
      sleep: async () => controller.abort(),
    });
    await expect(transport(get('/models'))).rejects.toBeInstanceOf(APIUserAbortError);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('timeouts (real timers)', () => {
  it('throws APITimeoutError naming the timeout when no response arrives in time', async () => {
    const { transport, requests } = setup([hangUntilAborted], { timeout: 50, maxRetries: 0 });
    const started = Date.now();
    const error = await rejectionOf(transport(post('/chat/completions', {})));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain('50 ms');
    expect((error as Error).message).not.toContain(API_KEY);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(signalOf(requests[0] as Request).aborted).toBe(true);
  });

  it('retries a timed-out GET', async () => {
    const { transport, requests, delays } = setup([hangUntilAborted, json({ ok: true })], {
      timeout: 50,
      maxRetries: 1,
    });
    const response = await transport(get('/models'));
    expect(await response.json()).toEqual({ ok: true });
    expect(requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  it('does not retry a timed-out POST', async () => {
    const { transport, requests } = setup([hangUntilAborted, json({ ok: true })], { timeout: 50, maxRetries: 1 });
    const error = await rejectionOf(transport(post('/chat/completions', {})));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as APITimeoutError).attempts).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it('also bounds the body read of a non-stream request', async () => {
    const { transport } = setup([(request) => new Response(bodyTiedTo(request, ['{"partial":']), { status: 200 })], {
      timeout: 50,
      maxRetries: 0,
    });
    await expect(transport(get('/models'))).rejects.toBeInstanceOf(APITimeoutError);
  });
});

describe('timeout edge values', () => {
  it('sets no timer at all for an infinite timeout', async () => {
    const { transport } = setup([json({ ok: true })], { timeout: Number.POSITIVE_INFINITY });
    const timers = await withTrackedTimers(async () => {
      expect(await (await transport(get('/models'))).json()).toEqual({ ok: true });
    });
    expect(timers).toEqual({ created: 0, pending: 0 });
  });

  it('arms one timer per attempt and clears each', async () => {
    const { transport } = setup([json({}, 500), new TypeError('fetch failed'), json({ ok: true })]);
    const timers = await withTrackedTimers(async () => {
      await transport(get('/models'));
    });
    expect(timers).toEqual({ created: 3, pending: 0 });
  });
});

describe('streams', () => {
  it('stops the timer once the headers arrive', async () => {
    const { transport } = setup(
      [(request) => new Response(bodyTiedTo(request, ['data: a\n\n', 'data: b\n\n'], { intervalMs: 60, close: true }))],
      { timeout: 40, stream: true },
    );
    const response = await transport(post('/chat/completions', { stream: true }));
    expect(await response.text()).toBe('data: a\n\ndata: b\n\n');
  });

  it('lets the caller signal cancel the body later, as APIUserAbortError, then drops its listener', async () => {
    const controller = new AbortController();
    const { transport, requests } = setup(
      [(request) => new Response(bodyTiedTo(request, ['data: first\n\n']), { status: 200 })],
      { stream: true, signal: controller.signal },
    );
    const response = await transport(post('/chat/completions', { stream: true }));
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('data: first\n\n');
    expect(abortListeners(controller.signal)).toBe(1); // still wired while the body is open
    const next = reader?.read();
    controller.abort();
    await expect(next).rejects.toBeInstanceOf(APIUserAbortError);
    expect(signalOf(requests[0] as Request).aborted).toBe(true);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('drops its listener on the caller signal once the body has been read to the end', async () => {
    const controller = new AbortController();
    const { transport } = setup(
      [(request) => new Response(bodyTiedTo(request, ['data: x\n\n'], { close: true }), { status: 200 })],
      { stream: true, signal: controller.signal },
    );
    const response = await transport(get('/stream'));
    expect(await response.text()).toBe('data: x\n\n');
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('drops its listener and cancels the source when the consumer cancels the body', async () => {
    const controller = new AbortController();
    let sourceCancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull: () => new Promise(() => {}),
      cancel() {
        sourceCancelled = true;
      },
    });
    const { transport } = setup([new Response(source, { status: 200 })], { stream: true, signal: controller.signal });
    const response = await transport(get('/stream'));
    await response.body?.cancel();
    expect(sourceCancelled).toBe(true);
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('reads and throws error responses like non-stream requests', async () => {
    const { transport } = setup([json(providerErrorBody(402), 402)], { stream: true });
    const error = await rejectionOf(transport(post('/chat/completions', { stream: true })));
    expect(error).toBeInstanceOf(PaymentRequiredError);
    expect((error as APIError).metadata?.provider_name).toBe('Google');
  });
});

describe('cleanup', () => {
  it('leaves no timer and no abort listener after success, error and retries', async () => {
    const controller = new AbortController();
    const { transport } = setup(
      [json({}, 500), json({ ok: 1 }), json({}, 404), new TypeError('fetch failed'), new TypeError('fetch failed')],
      { signal: controller.signal, maxRetries: 1 },
    );
    const timers = await withTrackedTimers(async () => {
      await transport(get('/models'));
      await expect(transport(get('/models'))).rejects.toBeInstanceOf(NotFoundError);
      await expect(transport(get('/models'))).rejects.toBeInstanceOf(APIConnectionError);
    });
    expect(timers).toEqual({ created: 5, pending: 0 });
    expect(abortListeners(controller.signal)).toBe(0);
  });

  it('never puts the request headers in error messages or JSON', async () => {
    const { transport } = setup([json({ error: { message: 'No auth credentials found' } }, 401)]);
    const error = await rejectionOf(transport(post('/chat/completions', {})));
    expect((error as Error).message).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });
});
