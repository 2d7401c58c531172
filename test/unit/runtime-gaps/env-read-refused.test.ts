// Deno without --allow-env throws `NotCapable` on every read of `process.env` (and of `Deno.env`):
// the client must still be built from explicit options, and fall back to the defaults.
import { afterEach, describe, expect, it } from 'vitest';
import { OpenRouter } from '../../../src';
import { DEFAULT_BASE_URL } from '../../../src/core/options';
import { readEnv } from '../../../src/internal/runtime';

class NotCapable extends Error {
  override name = 'NotCapable';
}
const refuse = () => {
  throw new NotCapable('Requires env access to "OPENROUTER_BASE_URL", run again with the --allow-env flag');
};

const realEnv = Object.getOwnPropertyDescriptor(process, 'env');
afterEach(() => {
  if (realEnv) Object.defineProperty(process, 'env', realEnv);
  delete (globalThis as { Deno?: unknown }).Deno;
});

/** `process.env` as Deno has it without --allow-env: any property read throws. */
function refuseEnvReads(): void {
  const env = new Proxy({}, { get: refuse, has: refuse, ownKeys: refuse });
  Object.defineProperty(process, 'env', { configurable: true, get: () => env });
}

describe('reading the environment where it is refused', () => {
  it('readEnv gives undefined when process.env reads throw', () => {
    refuseEnvReads();
    expect(() => process.env.OPENROUTER_API_KEY).toThrow(NotCapable);
    expect(readEnv('OPENROUTER_API_KEY')).toBeUndefined();
  });

  it('readEnv gives undefined when the process.env getter itself throws', () => {
    Object.defineProperty(process, 'env', { configurable: true, get: refuse });
    expect(readEnv('OPENROUTER_BASE_URL')).toBeUndefined();
  });

  it('readEnv gives undefined when Deno.env.get throws', () => {
    Object.defineProperty(process, 'env', { configurable: true, value: {} });
    (globalThis as { Deno?: unknown }).Deno = { env: { get: refuse } };
    expect(readEnv('OPENROUTER_API_KEY')).toBeUndefined();
  });

  it('new OpenRouter({ apiKey }) is built, with the default base URL', () => {
    refuseEnvReads();
    const client = new OpenRouter({ apiKey: 'sk-or-v1-test' });
    expect(client).toBeInstanceOf(OpenRouter);
    expect(client.baseURL).toBe(DEFAULT_BASE_URL);
  });
});
