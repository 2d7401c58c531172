// Attribution as OpenRouter documents it: X-OpenRouter-Title beside the legacy X-Title,
// X-OpenRouter-Categories, and the environment defaults OpenRouter's own SDK reads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearClientEnv, headersOf, onlyRequest, recordingClient } from '../support/client';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

async function sentHeaders(options: Parameters<typeof recordingClient>[0]) {
  const { client, requests } = recordingClient(options);
  await client.providers.list();
  return headersOf(onlyRequest(requests));
}

describe('attribution headers', () => {
  it('sends the title as X-OpenRouter-Title and X-Title, categories comma-separated', async () => {
    const headers = await sentHeaders({
      appUrl: 'https://myapp.example',
      appTitle: 'My App',
      appCategories: ['cli-agent', ' programming '],
    });
    expect(headers).toMatchObject({
      'http-referer': 'https://myapp.example',
      'x-openrouter-title': 'My App',
      'x-title': 'My App',
      'x-openrouter-categories': 'cli-agent,programming',
    });
  });

  it('reads OPENROUTER_HTTP_REFERER, OPENROUTER_APP_TITLE and OPENROUTER_APP_CATEGORIES', async () => {
    vi.stubEnv('OPENROUTER_HTTP_REFERER', 'https://env.example');
    vi.stubEnv('OPENROUTER_APP_TITLE', 'Env App');
    vi.stubEnv('OPENROUTER_APP_CATEGORIES', 'roleplay, writing');
    expect(await sentHeaders({})).toMatchObject({
      'http-referer': 'https://env.example',
      'x-openrouter-title': 'Env App',
      'x-title': 'Env App',
      'x-openrouter-categories': 'roleplay,writing',
    });
  });

  it('prefers the options to the environment', async () => {
    vi.stubEnv('OPENROUTER_APP_TITLE', 'Env App');
    vi.stubEnv('OPENROUTER_APP_CATEGORIES', 'roleplay');
    const headers = await sentHeaders({ appTitle: 'Option App', appCategories: 'coding' });
    expect(headers['x-openrouter-title']).toBe('Option App');
    expect(headers['x-openrouter-categories']).toBe('coding');
  });

  it('reads OPENROUTER_BASE_URL', async () => {
    vi.stubEnv('OPENROUTER_BASE_URL', 'https://proxy.example/api/v1');
    const { client, requests } = recordingClient();
    await client.providers.list();
    expect(onlyRequest(requests).url).toBe('https://proxy.example/api/v1/providers');
  });

  it('sends none of them when nothing is set', async () => {
    const headers = await sentHeaders({});
    expect(Object.keys(headers).filter((name) => /referer|title|categories/.test(name))).toEqual([]);
  });
});
