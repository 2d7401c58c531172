// Errors inside a 200 answer, against a real socket: OpenRouter answers 200 once processing has
// started and reports a failure after that as `{ error: { code, message, metadata } }`. Also the
// keep-alive whitespace OpenRouter writes before a non-streamed JSON body, a JSON answer to a stream
// request that stalls, and the request and generation ids an error carries.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  APITimeoutError,
  BadGatewayError,
  OpenRouterError,
  RateLimitError,
  ServiceUnavailableError,
} from '../../src/index';
import {
  apiError,
  CHAT_BODY,
  clientFor,
  completion,
  type FaultServer,
  sendJson,
  sleep,
  useFaultServer,
} from './fault-server';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

/** A 200 JSON answer written as `parts`, `gapMs` apart (chunked: no Content-Length). */
function serveInParts(parts: string[], gapMs = 5, headers: Record<string, string> = {}) {
  server.handle(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.flushHeaders();
    for (const part of parts) {
      res.write(part);
      await sleep(gapMs);
    }
    res.end();
  });
}

/** What OpenRouter writes while a non-streamed generation runs: a newline and spaces, repeated. */
const keepAlive = (blocks: number) => '\n'.padEnd(400, ' ').repeat(blocks);

describe('an error object in a 200 JSON body', () => {
  it('rejects with the class of its code, with code, message, metadata; never resolves as a completion', async () => {
    const metadata = { provider_name: 'Anthropic', raw: 'overloaded' };
    server.handle((_req, res) =>
      sendJson(res, 200, { ...apiError(502, 'Provider returned error', metadata), user_id: 'user_1' }),
    );
    const error = await clientFor(server)
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect((error as APIError).status).toBe(502);
    expect((error as APIError).code).toBe(502);
    expect((error as APIError).message).toBe('502 Provider returned error');
    expect((error as APIError).metadata).toEqual(metadata);
    // The server had started processing: a 200 with an error is never sent again.
    expect(server.requests).toHaveLength(1);
  });

  it('a code that is a numeric string: the class of that status', async () => {
    server.handle((_req, res) => sendJson(res, 200, apiError('429' as unknown as number, 'Rate limited upstream')));
    await expect(clientFor(server).chat.completions.create(CHAT_BODY)).rejects.toBeInstanceOf(RateLimitError);
  });

  it('a code that is not an HTTP status: a plain APIError, status undefined, the code kept', async () => {
    server.handle((_req, res) => sendJson(res, 200, { error: { code: 'server_error', message: 'Stream ended' } }));
    const error = await clientFor(server)
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect((error as Error).constructor).toBe(APIError);
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).code).toBe('server_error');
    expect((error as Error).message).toBe('server_error: Stream ended');
  });

  it('an error with only a message (no code): a plain APIError', async () => {
    server.handle((_req, res) => sendJson(res, 200, { error: { message: 'Something failed' } }));
    const error = await clientFor(server)
      .models.list()
      .catch((e: unknown) => e);
    expect((error as Error).constructor).toBe(APIError);
    expect((error as Error).message).toBe('Something failed');
  });

  it.each([
    ['`error: null` next to the data', { data: [{ id: 'a/b' }], error: null }],
    ['an `error` string field', { ...completion(), error: 'none' }],
    ['an error object next to `choices`', { ...completion(), error: { message: 'partial' } }],
    ['an error object next to `data`', { data: [], error: { code: 500, message: 'one provider failed' } }],
    ['an empty `error` object', { id: 'x', error: {} }],
  ])('%s: a success, resolved as sent', async (_name, body) => {
    server.handle((_req, res) => sendJson(res, 200, body));
    await expect(clientFor(server).models.list()).resolves.toEqual(body);
  });
});

describe('keep-alive whitespace before a non-streamed JSON body', () => {
  it('KBs of newline-and-spaces blocks, written over time, then the completion: parsed', async () => {
    serveInParts([keepAlive(1), keepAlive(5), keepAlive(10), JSON.stringify(completion('gen-after-whitespace'))]);
    const result = await clientFor(server).chat.completions.create(CHAT_BODY);
    expect(result.id).toBe('gen-after-whitespace');
  });

  it('whitespace, then an error body: the typed error', async () => {
    serveInParts([keepAlive(3), JSON.stringify(apiError(503, 'No provider available'))]);
    const error = await clientFor(server)
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toBe('503 No provider available');
  });

  it('whitespace only, then the end: the "not JSON" error, not a success', async () => {
    serveInParts([keepAlive(2)]);
    const error = await clientFor(server)
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(
      /^POST \/api\/v1\/chat\/completions answered 200 with a body that is not JSON/,
    );
  });
});

describe('a stream request answered with JSON', () => {
  it('a 200 JSON error body: the class of its code', async () => {
    server.handle((_req, res) => sendJson(res, 200, apiError(502, 'Upstream error')));
    const error = await clientFor(server)
      .chat.completions.create({ ...CHAT_BODY, stream: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadGatewayError);
  });

  it('a 200 JSON error body with a non-status code: a plain APIError, status undefined', async () => {
    server.handle((_req, res) => sendJson(res, 200, { error: { code: 'invalid_prompt', message: 'bad prompt' } }));
    const error = await clientFor(server)
      .chat.completions.create({ ...CHAT_BODY, stream: true })
      .catch((e: unknown) => e);
    expect((error as Error).constructor).toBe(APIError);
    expect((error as APIError).status).toBeUndefined();
  });

  it('JSON headers, then a stall: APITimeoutError within the timeout (it hung forever before)', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"error": '); // ...and nothing more
    });
    const started = performance.now();
    const error = await Promise.race([
      clientFor(server, { timeout: 300, maxRetries: 0 })
        .chat.completions.create({ ...CHAT_BODY, stream: true })
        .catch((e: unknown) => e),
      sleep(5_000).then(() => 'still pending after 5 s'),
    ]);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    await server.requests[0]?.closed;
    expect(server.requests[0]?.closedEarly).toBe(true);
  });
});

describe('request and generation ids on errors', () => {
  it('x-request-id and x-generation-id headers', async () => {
    server.handle((_req, res) =>
      sendJson(res, 400, apiError(400, 'bad'), { 'x-request-id': 'req-123', 'x-generation-id': 'gen-abc' }),
    );
    const error = (await clientFor(server)
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e)) as APIError;
    expect(error.requestId).toBe('req-123');
    expect(error.generationId).toBe('gen-abc');
    expect(error.toJSON()).toMatchObject({ requestId: 'req-123', generationId: 'gen-abc' });
  });

  it("cf-ray when there is no x-request-id; the body's gen- id when there is no header", async () => {
    server.handle((_req, res) =>
      sendJson(res, 200, { id: 'gen-17-xyz', ...apiError(502, 'Provider returned error') }, { 'cf-ray': '8a1b-AMS' }),
    );
    const error = (await clientFor(server)
      .chat.completions.create(CHAT_BODY)
      .catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.requestId).toBe('8a1b-AMS');
    expect(error.generationId).toBe('gen-17-xyz');
  });

  it('none of them: undefined', async () => {
    server.handle((_req, res) => sendJson(res, 404, apiError(404, 'no'), {}));
    const error = (await clientFor(server)
      .models.list()
      .catch((e: unknown) => e)) as APIError;
    expect(error.requestId).toBeUndefined();
    expect(error.generationId).toBeUndefined();
  });
});
