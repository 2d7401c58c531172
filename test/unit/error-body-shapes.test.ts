// Issue 19, item 7: the server's text is in the error message whatever the shape of its error body
// (OpenRouter's `{ error: { message } }`, a bare string `error`, FastAPI's `detail`, a nested object
// where a string was expected, ...), redacted, never "no error message" or "[object Object]".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APIError, NotFoundError } from '../../src';
import { API_KEY, clearClientEnv, clientWith, rejectionOf } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const SHAPES: [string, unknown, string][] = [
  ['a string `error`', { error: 'model not found' }, 'model not found'],
  ['FastAPI `detail` string', { detail: 'Not Found' }, 'Not Found'],
  ['FastAPI `detail` list', { detail: [{ loc: ['body', 'model'], msg: 'field required' }] }, 'field required'],
  ['an object `error.message`', { error: { message: { reason: 'quota exhausted' } } }, 'quota exhausted'],
  ['a top-level `message`', { message: 'Route not found' }, 'Route not found'],
  ['an `error` without a message', { error: { code: 'model_gone', param: 'model' } }, 'model_gone'],
  ['`errors` list', { errors: [{ message: 'bad model id' }] }, 'bad model id'],
  ['`error_description`', { error: 'invalid_grant', error_description: 'code expired' }, 'code expired'],
  ['an unknown shape', { status: 'failed', why: 'no route' }, 'no route'],
];

describe('error messages from every error body shape', () => {
  it.each(SHAPES)('%s', async (_name, body, text) => {
    const { client } = clientWith({ maxRetries: 0 }, json(body, 404));
    const error = (await rejectionOf(client.models.list())) as APIError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(text);
    expect(error.message).not.toContain('no error message');
    expect(error.message).not.toContain('[object Object]');
  });

  it.each(SHAPES)('%s, inside a 200 answer too when it says `error`', async (_name, body, text) => {
    if (!(typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object')) return;
    const error = new APIError(undefined, body, new Headers());
    expect(error.message).toContain(text);
    expect(error.message).not.toContain('[object Object]');
  });

  it('the key echoed in any of these shapes is redacted', async () => {
    for (const body of [
      { error: `bad key ${API_KEY}` },
      { detail: `bad key ${API_KEY}` },
      { error: { message: { key: API_KEY } } },
    ]) {
      const { client } = clientWith({ maxRetries: 0 }, json(body, 401));
      const error = (await rejectionOf(client.models.list())) as APIError;
      expect(error.message).toContain('[redacted]');
      expect(error.message).not.toContain(API_KEY);
    }
  });

  it('an empty body still says so', () => {
    expect(new APIError(404, undefined, new Headers()).message).toBe('404 no error message');
    expect(new APIError(404, {}, new Headers()).message).toBe('404 no error message');
  });
});
