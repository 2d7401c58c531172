// Deno without --allow-net for the host makes fetch throw `NotCapable` (older Deno:
// `PermissionDenied`). That is no connection failure: it is not retried, and the error says what it is.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APIConnectionError, OpenRouterError } from '../../../src';
import { API_KEY, clearClientEnv, clientWith, rejectionOf } from '../support/client';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The errors Deno throws, by name (Deno.errors.NotCapable and Deno.errors.PermissionDenied). */
function denoError(name: 'NotCapable' | 'PermissionDenied'): Error {
  const error = new Error('Requires net access to "openrouter.ai:443", run again with the --allow-net flag');
  error.name = name;
  return error;
}

describe('a fetch the runtime refuses', () => {
  for (const name of ['NotCapable', 'PermissionDenied'] as const) {
    it(`${name}: one attempt, an OpenRouterError naming the permission problem`, async () => {
      const { client, requests } = clientWith({ maxRetries: 2 }, denoError(name), denoError(name), denoError(name));
      const error = await rejectionOf(client.models.list());
      expect(requests).toHaveLength(1);
      expect(error).toBeInstanceOf(OpenRouterError);
      expect(error).not.toBeInstanceOf(APIConnectionError);
      const { message } = error as Error;
      expect(message).toContain(name);
      expect(message).toContain('permission');
      expect(message).toContain('--allow-net');
      expect(message).not.toContain(API_KEY);
      expect((error as Error).cause).toBeInstanceOf(Error);
    });
  }

  it('a streamed call is refused the same way', async () => {
    const { client, requests } = clientWith({ maxRetries: 2 }, denoError('NotCapable'), denoError('NotCapable'));
    const error = await rejectionOf(
      client.chat.completions.create({ model: 'a/b', messages: [{ role: 'user', content: 'x' }], stream: true }),
    );
    expect(requests).toHaveLength(1);
    expect((error as Error).message).toBe(
      'NotCapable, no permission: Requires net access to "openrouter.ai:443", run again with the --allow-net flag',
    );
  });

  it('other fetch errors are still connection errors, retried', async () => {
    const { client, requests } = clientWith(
      { maxRetries: 1 },
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
    );
    const error = await rejectionOf(client.models.list({}, { maxRetries: 1 }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(requests).toHaveLength(2);
  });
});
