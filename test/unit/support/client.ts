// Builds an `OpenRouter` over a scripted fetch (passed as the `fetch` option: no global mocks), and
// small helpers to look at what the client sent.
import { vi } from 'vitest';
import { OpenRouter } from '../../../src';
import type { ClientOptions } from '../../../src/core/options';
import { json, type ScriptedFetch, type ScriptStep, scriptedFetch } from './scripted-fetch';

export const API_KEY = 'sk-or-v1-0123456789abcdef-SECRET-never-in-messages';
export const DEFAULT_BASE = 'https://openrouter.ai/api/v1';

/** A client with `API_KEY` over a fetch answering `steps` in order; extra options override. */
export function clientWith(options: ClientOptions, ...steps: ScriptStep[]): { client: OpenRouter } & ScriptedFetch {
  const fake = scriptedFetch(...steps);
  const client = new OpenRouter({ apiKey: API_KEY, fetch: fake.fetch, ...options });
  return { client, ...fake };
}

/** The same, answering every request with `{ ok: true }` (the tests here are about what is sent). */
export function recordingClient(options: ClientOptions = {}, answers = 1) {
  return clientWith(options, ...Array.from({ length: answers }, () => (_: Request) => json({ ok: true })));
}

/** The only request sent (fails the test when there were none or several). */
export function onlyRequest(requests: Request[]): Request {
  if (requests.length !== 1) throw new Error(`expected exactly one request, got ${requests.length}`);
  return requests[0] as Request;
}

/** Every header of `request` as a plain object with lower-case names. */
export function headersOf(request: Request): Record<string, string> {
  return Object.fromEntries(request.headers.entries());
}

/** Clears the variables the client reads, so the machine's environment cannot leak into a test. */
export function clearClientEnv(): void {
  vi.stubEnv('OPENROUTER_API_KEY', undefined);
  vi.stubEnv('OPENROUTER_BASE_URL', undefined);
  vi.stubEnv('OPENROUTER_HTTP_REFERER', undefined);
  vi.stubEnv('OPENROUTER_APP_TITLE', undefined);
  vi.stubEnv('OPENROUTER_APP_CATEGORIES', undefined);
}

/** A `Retry-After` of zero, so retry tests do not wait for real backoff. */
export function retryNow(status: number, body: unknown = { error: { code: status, message: 'try again' } }): Response {
  return json(body, status, { 'retry-after-ms': '0' });
}

/** Awaits `promise` expecting a rejection, and returns the error. */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * The error of a call that must fail before sending: a synchronous throw or a rejection both count
 * (argument checks throw synchronously, option checks reject).
 */
export async function failureOf(call: () => PromiseLike<unknown>): Promise<unknown> {
  let pending: PromiseLike<unknown>;
  try {
    pending = call();
  } catch (error) {
    return error;
  }
  return rejectionOf(pending);
}

/** Calls `fn` expecting a synchronous throw, and returns the error. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but the call returned');
}
