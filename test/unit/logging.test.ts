// Logging: off by default; at each level the lines a user would want (requests with method, path,
// status, attempt and duration; retries with why and how long; failures), and never the API key.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenRouter, OpenRouterError } from '../../src';
import { API_KEY, clearClientEnv, clientWith, rejectionOf, retryNow } from './support/client';
import { json } from './support/scripted-fetch';

const CHAT = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

function recordingLogger() {
  const lines: { level: string; message: string; details: Record<string, unknown> | undefined }[] = [];
  const at = (level: string) => (message: string, details?: Record<string, unknown>) =>
    lines.push({ level, message, details });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

afterEach(() => vi.unstubAllEnvs());

describe('logLevel', () => {
  it("is 'off' by default: nothing is logged, even for failures and retries", async () => {
    clearClientEnv();
    vi.stubEnv('OPENROUTER_LOG', undefined);
    const { lines, logger } = recordingLogger();
    const { client } = clientWith({ logger }, retryNow(429), json({ error: { code: 400, message: 'bad' } }, 400));
    await rejectionOf(client.chat.completions.create(CHAT));
    expect(lines).toEqual([]);
  });

  it('debug: the attempt with its headers (Authorization redacted), the status line, the retry, the failure', async () => {
    const { lines, logger } = recordingLogger();
    const { client } = clientWith(
      { logLevel: 'debug', logger },
      retryNow(429),
      json({ error: { code: 400, message: 'bad request' } }, 400),
    );
    await rejectionOf(client.chat.completions.create(CHAT));
    expect(lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      'debug openrouter: POST /api/v1/chat/completions attempt 1',
      'info openrouter: POST /api/v1/chat/completions 429',
      'warn openrouter: retrying POST /api/v1/chat/completions in 0 ms',
      'debug openrouter: POST /api/v1/chat/completions attempt 2',
      'info openrouter: POST /api/v1/chat/completions 400',
      'error openrouter: POST /api/v1/chat/completions failed: 400 bad request',
    ]);
    expect(lines[0]?.details?.headers).toMatchObject({
      authorization: '[redacted]',
      'content-type': 'application/json',
    });
    expect(lines[1]?.details).toMatchObject({ status: 429, attempt: 1 });
    expect(typeof lines[1]?.details?.durationMs).toBe('number');
    expect(lines[2]?.details).toEqual({ reason: 'status 429', attempt: 1, waitMs: 0 });
    expect(lines[5]?.details).toEqual({ error: 'BadRequestError', status: 400, code: 400, attempts: 2 });
  });

  it('warn: retries and failures, not each request', async () => {
    const { lines, logger } = recordingLogger();
    const { client } = clientWith({ logLevel: 'warn', logger, maxRetries: 1 }, retryNow(503), json({}, 500));
    await rejectionOf(client.models.list());
    expect(lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      'warn openrouter: retrying GET /api/v1/models in 0 ms',
      'error openrouter: GET /api/v1/models failed: 500 no error message',
    ]);
  });

  it('error: only failures', async () => {
    const { lines, logger } = recordingLogger();
    const { client } = clientWith({ logLevel: 'error', logger, maxRetries: 0 }, json({}, 500), json({ ok: 1 }));
    await rejectionOf(client.models.list());
    await client.models.list();
    expect(lines.map((l) => l.level)).toEqual(['error']);
  });

  it('comes from env OPENROUTER_LOG when the option is absent; a value that is not a level is ignored', async () => {
    vi.stubEnv('OPENROUTER_LOG', 'INFO');
    const first = recordingLogger();
    await clientWith({ logger: first.logger }, json({ ok: 1 })).client.models.list();
    expect(first.lines.map((l) => l.level)).toEqual(['info']);
    vi.stubEnv('OPENROUTER_LOG', 'verbose');
    const second = recordingLogger();
    await clientWith({ logger: second.logger }, json({ ok: 1 })).client.models.list();
    expect(second.lines).toEqual([]);
  });

  it('rejects a bad option at construction', () => {
    expect(() => new OpenRouter({ apiKey: API_KEY, logLevel: 'verbose' as 'debug' })).toThrow(
      new OpenRouterError('logLevel must be one of off, error, warn, info, debug; got "verbose".'),
    );
    expect(() => new OpenRouter({ apiKey: API_KEY, logger: { info() {} } as never })).toThrow(
      'logger must be an object with debug, info, warn and error methods.',
    );
  });

  it('a logger that throws does not fail the request', async () => {
    const fail = () => {
      throw new Error('log sink down');
    };
    const { client } = clientWith(
      { logLevel: 'debug', logger: { debug: fail, info: fail, warn: fail, error: fail } },
      json({ ok: 1 }),
    );
    await expect(client.models.list()).resolves.toEqual({ ok: 1 });
  });
});

describe('the key is in no log line', () => {
  it('whatever fails, and whatever the server echoes back', async () => {
    const { lines, logger } = recordingLogger();
    const echo = (request: Request) =>
      json({ error: { code: 400, message: `you sent ${request.headers.get('authorization')}` } }, 400, {
        'x-echo': String(request.headers.get('authorization')),
      });
    const echo200 = (request: Request) =>
      json({ error: { code: 502, message: `failed for ${request.headers.get('authorization')}` } });
    const throwsKey = () => {
      throw new Error(`my fetch broke on ${API_KEY}`);
    };
    for (const apiKey of [API_KEY, () => API_KEY]) {
      const { client } = clientWith({ apiKey, logLevel: 'debug', logger, maxRetries: 1 }, echo, echo200, throwsKey);
      await rejectionOf(client.chat.completions.create(CHAT));
      await rejectionOf(client.chat.completions.create(CHAT));
      const thrown = await rejectionOf(client.models.list());
      expect(inspect(thrown, { depth: 10, showHidden: true })).not.toContain(API_KEY);
    }
    expect(lines.length).toBeGreaterThan(6);
    for (const line of lines) expect(inspect(line, { depth: 20 })).not.toContain(API_KEY);
  });
});
