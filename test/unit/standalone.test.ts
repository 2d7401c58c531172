// The tree-shakable entry (src/standalone.ts): the functions call the API like the client's methods,
// and a bundle that imports two of them carries those two operations and none of the others.

import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, getCredits, getGeneration, listGuardrails } from '../../src/standalone';
import { API_KEY, clearClientEnv, onlyRequest } from './support/client';
import { json, scriptedFetch } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('openrouter-ts/standalone', () => {
  it('a function sends its operation through the core client', async () => {
    const fake = scriptedFetch(json({ data: { id: 'gen-1' } }));
    const client = createClient({ apiKey: API_KEY, fetch: fake.fetch });
    expect(await getGeneration(client, 'gen-1')).toEqual({ data: { id: 'gen-1' } });
    const request = onlyRequest(fake.requests);
    expect(request.url).toBe('https://openrouter.ai/api/v1/generation?id=gen-1');
    expect(request.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
  });

  it('paged functions iterate like the methods', async () => {
    const fake = scriptedFetch(json({ data: [{ id: 'a' }] }), json({ data: [] }));
    const client = createClient({ apiKey: API_KEY, fetch: fake.fetch });
    const ids: string[] = [];
    for await (const guardrail of listGuardrails(client)) ids.push(guardrail.id);
    expect(ids).toEqual(['a']);
  });

  it('a bundle of two functions holds those two operations only', async () => {
    const bundle = async (contents: string) => {
      const result = await build({
        stdin: { contents, resolveDir: new URL('../../', import.meta.url).pathname, loader: 'ts' },
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        minify: true,
        logLevel: 'silent',
      });
      return result.outputFiles[0]?.text ?? '';
    };
    const two = await bundle(
      `import { createClient, getCredits, getGeneration } from './src/standalone'; globalThis.x = [createClient, getCredits, getGeneration];`,
    );
    expect(two).toContain('"/generation"');
    expect(two).toContain('"/credits"');
    expect(two).not.toContain('/workspaces');
    expect(two).not.toContain('/guardrails');
    const all = await bundle(`import * as sdk from './src/standalone'; globalThis.x = sdk;`);
    // Measured, not budgeted here (scripts/size.mjs owns the budgets): two operations cost far less than all.
    expect(gzipSync(two).length).toBeLessThan(gzipSync(all).length / 2);
    expect(typeof getCredits).toBe('function');
  });
});
