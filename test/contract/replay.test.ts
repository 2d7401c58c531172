// Recorded answers of the real API (../shared/realdata) replayed through `prism proxy --errors`: the
// SDK sends its request to Prism, Prism checks it against openapi/openapi.yaml and forwards it to a
// local replay server, which answers with the recording; Prism then checks the RECORDED answer
// against the description too. The mock (Prism's own examples) cannot show the description is
// wrong; real answers can. Skipped, loudly, when ../shared/realdata is absent (a fresh clone, CI).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism } from '../../scripts/prism.mjs';
import { type APIError, OpenRouter } from '../../src/index';
import { hasRealdata, listRealdata, readRealdata } from '../support/realdata';

interface Recording {
  file: string;
  /** Calls the method the recording answers. */
  call: (client: OpenRouter) => PromiseLike<unknown>;
}

const chatBody = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };
const recordings: Recording[] = hasRealdata
  ? [
      { file: 'models.2025-11.json', call: (c) => c.models.list() },
      { file: 'embeddings-models.2026-03.json', call: (c) => c.models.listEmbeddings() },
      { file: 'providers.2026-05.json', call: (c) => c.providers.list() },
      { file: 'key.2026-06.json', call: (c) => c.keys.current() },
      ...listRealdata('endpoints', '.json').map((file) => ({
        file: `endpoints/${file}`,
        call: (c: OpenRouter) => c.models.endpoints('deepseek/deepseek-chat-v3.1'),
      })),
      ...listRealdata('chat', '.json').map((file) => ({
        file: `chat/${file}`,
        call: (c: OpenRouter) => c.chat.completions.create(chatBody),
      })),
      ...listRealdata('responses', '.json').map((file) => ({
        file: `responses/${file}`,
        call: (c: OpenRouter) => c.responses.create({ model: 'openai/gpt-4o-mini', input: 'Hi' }),
      })),
      ...listRealdata('embeddings', '.json').map((file) => ({
        file: `embeddings/${file}`,
        call: (c: OpenRouter) => c.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'Hi' }),
      })),
      ...listRealdata('generation', '.json').map((file) => ({
        file: `generation/${file}`,
        call: (c: OpenRouter) => c.generations.get('gen-1'),
      })),
      ...listRealdata('images', '.json').map((file) => ({
        file: `images/${file}`,
        call: (c: OpenRouter) => c.images.generate({ model: 'google/gemini-2.5-flash-image', prompt: 'a cat' }),
      })),
    ]
  : [];

if (!hasRealdata)
  console.warn(
    '[replay] ../shared/realdata is absent (REALDATA_DIR names another place): the replay tests through prism proxy are skipped.',
  );

/** The status a recording was answered with: `name.429.json` -> 429; files without one were 200s. */
function statusOf(file: string): number {
  const match = /\.(\d{3})\.json$/.exec(file);
  return match ? Number(match[1]) : 200;
}

/**
 * Recordings the description does not admit yet, with what Prism said (for the description's
 * maintainers: each is an overlay to write). Such a recording must still be refused: when a fix makes
 * it pass, this test fails until its row is removed.
 */
const NOT_ADMITTED_YET: Record<string, string> = {};

/** Prism's `sl-violations`, one line each; with very many it sends a sentence instead of JSON. */
function violations(response: Response | undefined): string[] {
  const header = response?.headers.get('sl-violations');
  if (!header) return [];
  try {
    return (JSON.parse(header) as { location: string[]; message: string }[]).map(
      (v) => `${v.location.join('.')}: ${v.message}`,
    );
  } catch {
    return [`response: ${header}`];
  }
}

let answer: { status: number; body: string } = { status: 200, body: '{}' };
let upstream: Server;
let prism: { url: string; stop: () => Promise<void> } | undefined;

beforeAll(async () => {
  if (!hasRealdata) return;
  upstream = createServer((request, response) => {
    request.resume();
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  prism = await startPrism({ proxy: `http://127.0.0.1:${port}` });
}, 60_000);

afterAll(async () => {
  await prism?.stop();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
});

describe.skipIf(!hasRealdata)('recorded answers through prism proxy', () => {
  it.each(recordings.map((r) => [r.file, r] as const))('%s', async (file, recording) => {
    answer = { status: statusOf(file), body: readRealdata(file) };
    const seen: Response[] = [];
    const client = new OpenRouter({
      apiKey: 'sk-or-v1-replay',
      baseURL: prism?.url,
      maxRetries: 0,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        seen.push(response.clone());
        return response;
      },
    });
    let failure: unknown;
    try {
      await recording.call(client);
    } catch (error) {
      failure = error;
    }
    const described = violations(seen[0]);
    // The SDK's request is never the problem: Prism found nothing wrong with it.
    expect(
      described.filter((v) => v.startsWith('request')),
      'request violations',
    ).toEqual([]);
    if (NOT_ADMITTED_YET[file] !== undefined) {
      expect(described.length, `${file} is listed as not admitted by the description yet`).toBeGreaterThan(0);
      return;
    }
    expect(described, `Prism found the recorded answer (${file}) breaking the description`).toEqual([]);
    if (statusOf(file) === 200) expect(failure).toBeUndefined();
    else expect((failure as APIError).status).toBe(statusOf(file));
  });
});
