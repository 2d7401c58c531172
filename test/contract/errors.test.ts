// Error answers of the Prism mock mapped to the SDK's error classes, and the errors the SDK raises
// itself before sending anything (no key, malformed arguments).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  type OpenRouter,
  OpenRouterError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
} from '../../src/index';
import { CONTRACT_API_KEY, expectValidExchange, kindOf, onlyRequest, recordingClient } from './client';

type ErrorClass = typeof APIError;
type Call = (client: OpenRouter, headers: Record<string, string>) => PromiseLike<unknown>;

const MESSAGES = [{ role: 'user', content: 'Hello' }] as const;

/** Operations and the error statuses their spec documents, with the class each must become. */
const CASES: Array<{ operation: string; call: Call; statuses: Array<[number, ErrorClass]> }> = [
  {
    operation: 'chat.completions.create',
    call: (client, headers) => client.chat.completions.create({ messages: [...MESSAGES] }, { headers }),
    statuses: [
      [400, BadRequestError],
      [401, AuthenticationError],
      [402, PaymentRequiredError],
      [404, NotFoundError],
      [429, RateLimitError],
      [500, InternalServerError],
    ],
  },
  {
    operation: 'chat.completions.create (stream)',
    call: (client, headers) => client.chat.completions.create({ messages: [...MESSAGES], stream: true }, { headers }),
    statuses: [
      [402, PaymentRequiredError],
      [429, RateLimitError],
    ],
  },
  {
    operation: 'models.endpoints',
    call: (client, headers) => client.models.endpoints('openai/gpt-4', { headers }),
    statuses: [
      [401, AuthenticationError],
      [404, NotFoundError],
      [500, InternalServerError],
    ],
  },
  {
    operation: 'models.get',
    call: (client, headers) => client.models.get('openai/gpt-4:free', { headers }),
    statuses: [[404, NotFoundError]],
  },
  {
    operation: 'keys.list',
    call: (client, headers) => client.keys.list({ offset: 0 }, { headers }),
    statuses: [
      [401, AuthenticationError],
      [429, RateLimitError],
      [500, InternalServerError],
    ],
  },
  {
    operation: 'keys.create',
    call: (client, headers) => client.keys.create({ name: 'k' }, { headers }),
    statuses: [[400, BadRequestError]],
  },
  {
    operation: 'keys.delete',
    call: (client, headers) => client.keys.delete('hash-1', { headers }),
    statuses: [[404, NotFoundError]],
  },
  {
    operation: 'oauth.exchangeAuthCode',
    call: (client, headers) => client.oauth.exchangeAuthCode({ code: 'code-1' }, { headers }),
    statuses: [
      [400, BadRequestError],
      [403, PermissionDeniedError],
      [500, InternalServerError],
    ],
  },
];

/** The error a call rejects with (fails the test when it resolves). Sync throws count as rejections. */
async function failureOf(call: () => PromiseLike<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('documented error statuses (Prefer: code=...)', () => {
  for (const { operation, call, statuses } of CASES) {
    for (const [status, ErrorClass] of statuses) {
      it(`${operation}: ${status} -> ${ErrorClass.name}`, async () => {
        const { client, exchanges } = recordingClient();
        const error = await failureOf(() => call(client, { Prefer: `code=${status}` }));

        expect(error).toBeInstanceOf(ErrorClass);
        expect(error).toBeInstanceOf(APIError);
        expect(error).toBeInstanceOf(OpenRouterError);
        const apiError = error as APIError;
        expect(apiError.name).toBe(ErrorClass.name);
        expect(apiError.status).toBe(status);
        expect(apiError.attempts).toBe(1); // maxRetries: 0, even for 429 and 5xx
        // The status came from `Prefer`, not from a request Prism found invalid.
        expect(apiError.headers.get('sl-violations')).toBeNull();
        expect(apiError.headers.get('content-type')).toMatch(/^application\/json/);
        // The body is the spec's error example (or one generated from ErrorResponse), parsed.
        const body = apiError.body as { error?: { message?: unknown; code?: unknown } };
        expect(kindOf(body)).toBe('object');
        expect(kindOf(body.error)).toBe('object');
        expect(kindOf(body.error?.message)).toBe('string');
        expect(kindOf(body.error?.code)).toBe('number');
        expect(apiError.message).toBe(`${status} ${body.error?.message}`);
        expect(apiError.code).toBe(body.error?.code);
        expect(JSON.stringify(apiError)).not.toContain(CONTRACT_API_KEY);
        expect(exchanges).toHaveLength(1);
      });
    }
  }

  it('models.endpoints: 404 and 500 carry the examples the spec gives for them', async () => {
    const { client } = recordingClient();
    const notFound = (await failureOf(() =>
      client.models.endpoints('openai/gpt-4', { headers: { Prefer: 'code=404' } }),
    )) as APIError;
    expect(notFound.body).toEqual({ error: { code: 404, message: 'Resource not found' } });
    expect(notFound.code).toBe(404);
    expect(notFound.message).toBe('404 Resource not found');

    const serverError = (await failureOf(() =>
      client.models.endpoints('openai/gpt-4', { headers: { Prefer: 'code=500' } }),
    )) as APIError;
    expect(serverError.body).toEqual({ error: { code: 500, message: 'Internal Server Error' } });
  });
});

describe('authentication', () => {
  it('defaultHeaders { Authorization: null } sends no key, and Prism answers 401', async () => {
    const { client, exchanges } = recordingClient({ defaultHeaders: { Authorization: null } });
    const error = await failureOf(() => client.keys.current());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as APIError).status).toBe(401);
    // Prism names the missing bearer token as the violation.
    expect((error as APIError).headers.get('sl-violations')).toMatch(/security/i);
    expect(kindOf((error as { body: { error?: { message?: unknown } } }).body.error?.message)).toBe('string');
    expect(onlyRequest(exchanges).headers.get('authorization')).toBeNull();
  });

  it('per-request headers { Authorization: null } send no key either', async () => {
    const { client, exchanges } = recordingClient();
    const error = await failureOf(() => client.models.listForUser(undefined, { headers: { Authorization: null } }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(onlyRequest(exchanges).headers.get('authorization')).toBeNull();
  });

  it('no apiKey and no OPENROUTER_API_KEY: a clear error before any request', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', '');
    const { client, exchanges } = recordingClient({ apiKey: undefined });
    const error = await failureOf(() => client.keys.current());
    expect(error).toBeInstanceOf(OpenRouterError);
    expect(error).not.toBeInstanceOf(APIError);
    expect((error as Error).message).toContain('apiKey');
    expect((error as Error).message).toContain('OPENROUTER_API_KEY');
    expect(exchanges).toHaveLength(0);
  });

  it('oauth.exchangeAuthCode needs no key: it works without apiKey or OPENROUTER_API_KEY', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', '');
    const { client, exchanges } = recordingClient({ apiKey: undefined });
    const { data, response } = await client.oauth.exchangeAuthCode({ code: 'code-1' }).withResponse();
    expectValidExchange(response);
    expect(kindOf(data.key)).toBe('string');
    expect(onlyRequest(exchanges).headers.get('authorization')).toBeNull();
  });

  it('OPENROUTER_API_KEY is used when no apiKey is passed', async () => {
    vi.stubEnv('OPENROUTER_API_KEY', 'sk-or-v1-from-env');
    const { client, exchanges } = recordingClient({ apiKey: undefined });
    const { response } = await client.keys.current().withResponse();
    expectValidExchange(response);
    expect(onlyRequest(exchanges).headers.get('authorization')).toBe('Bearer sk-or-v1-from-env');
  });
});

describe('invalid inputs fail before any request', () => {
  const INVALID: Array<[string, (client: OpenRouter) => PromiseLike<unknown>, RegExp]> = [
    ['models.get without "/"', (client) => client.models.get('gpt-4'), /Invalid model id "gpt-4"/],
    ['models.get with two "/"', (client) => client.models.get('openai/gpt-4/extra'), /Invalid model id/],
    ['models.get with whitespace', (client) => client.models.get('openai/gpt 4'), /Invalid model id/],
    ['models.endpoints with an empty slug', (client) => client.models.endpoints('openai/'), /Invalid model id/],
    [
      'models.endpoints with an empty variant',
      (client) => client.models.endpoints('openai/gpt-4:'),
      /Invalid model id/,
    ],
    ['models.parameters with ".."', (client) => client.models.parameters('../gpt-4'), /Invalid model id/],
    ['keys.get with an empty hash', (client) => client.keys.get(''), /key hash/],
    ['keys.update with a blank hash', (client) => client.keys.update('  ', { name: 'x' }), /key hash/],
    ['keys.delete with ".."', (client) => client.keys.delete('..'), /key hash/],
    [
      'chat.completions.create without a body',
      (client) => client.chat.completions.create(null as never),
      /request body object/,
    ],
  ];

  for (const [label, call, message] of INVALID) {
    it(label, async () => {
      const { client, exchanges } = recordingClient();
      const error = await failureOf(() => call(client));
      expect(error).toBeInstanceOf(OpenRouterError);
      expect(error).not.toBeInstanceOf(APIError);
      expect((error as Error).message).toMatch(message);
      expect(exchanges).toHaveLength(0);
    });
  }
});
