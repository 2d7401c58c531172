// Shared helpers of the contract tests: a client pointed at the Prism mock started by
// prism-setup.ts, a record of every exchange it makes, and the checks every case repeats.
import { expect, inject } from 'vitest';
import { type ClientOptions, OpenRouter } from '../../src/index';

export const CONTRACT_API_KEY = 'sk-or-v1-contract-test';

/** One HTTP exchange as it went over the wire (the Response is a clone, its body still unread). */
export interface Exchange {
  request: Request;
  response: Response;
}

/** A client for the Prism mock: the contract key, `maxRetries: 0`, the default fetch. `overrides` replace any option. */
export function createClient(overrides: ClientOptions = {}): OpenRouter {
  return new OpenRouter({ apiKey: CONTRACT_API_KEY, baseURL: inject('prismUrl'), maxRetries: 0, ...overrides });
}

export interface RecordingClient {
  client: OpenRouter;
  /** Every request the client sent, in order, with the raw Response Prism gave. */
  exchanges: Exchange[];
}

/** Like `createClient`, with a fetch that records each raw request and response it carries. */
export function recordingClient(overrides: ClientOptions = {}): RecordingClient {
  const exchanges: Exchange[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request.clone());
    exchanges.push({ request, response: response.clone() });
    return response;
  };
  return { client: createClient({ fetch: recordingFetch, ...overrides }), exchanges };
}

/**
 * Asserts a 2xx answer and that Prism found the request valid: Prism adds `sl-violations` to any
 * answer whose request breaks the spec (a missing field, a wrong type, a bad security scheme). Its
 * violations of its own answer (a documented example that breaks its schema) are the description's
 * problem, not the request's: operations.test.ts lists those.
 */
export function expectValidExchange(response: Response, status = 200): void {
  const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]') as { location: string[] }[];
  expect(
    violations.filter((violation) => violation.location[0] === 'request'),
    'Prism found spec violations in the request',
  ).toEqual([]);
  expect(response.status).toBe(status);
  expect(response.ok).toBe(true);
}

/** The one request `exchanges` holds (asserting there is exactly one), as it was sent. */
export function onlyRequest(exchanges: Exchange[]): Request {
  expect(exchanges).toHaveLength(1);
  const [exchange] = exchanges;
  if (exchange === undefined) throw new Error('no exchange recorded');
  return exchange.request;
}

/** The pathname of a request as sent (percent-encoding kept), without the base URL's own path. */
export function pathOf(request: Request): string {
  const base = new URL(inject('prismUrl')).pathname.replace(/\/$/, '');
  return new URL(request.url).pathname.slice(base.length);
}

/** `typeof`, with `null` and arrays told apart: for asserting the JS type of a JSON value. */
export function kindOf(
  value: unknown,
): 'null' | 'array' | 'string' | 'number' | 'boolean' | 'object' | 'undefined' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'object' || kind === 'undefined'
    ? kind
    : 'other';
}
