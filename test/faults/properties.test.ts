// Property-based tests (fast-check) through the public client:
// - model ids: a valid id always reaches the server as /models/<author>/<encoded slug>/endpoints; an
//   invalid one never reaches it; and no string whatsoever can add, remove or escape a path segment;
// - key hashes: any string either is refused or arrives as exactly one percent-encoded segment;
// - the SSE parser: any split of a valid stream gives the same chunks; arbitrary bytes never hang it and
//   never make it throw anything but an OpenRouterError.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenRouter, OpenRouterError } from '../../src/index';
import { chunk, clientFor, type FaultServer, sendJson, startFaultServer, TEST_KEY, watchConsole } from './fault-server';

let server: FaultServer;
let console_: ReturnType<typeof watchConsole>;
beforeAll(async () => {
  server = await startFaultServer({ maxRequests: 20_000 });
  console_ = watchConsole();
});
afterAll(async () => {
  console_.restore();
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.handle((_req, res) => sendJson(res, 200, { data: [] }));
});
afterEach(() => expect(console_.calls()).toEqual([]));

const RUNS = 100;

// --- model ids -----------------------------------------------------------------------------------

const PART_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._~-'.split('');
const part = fc
  .array(fc.constantFrom(...PART_CHARS), { minLength: 1, maxLength: 24 })
  .map((cs) => cs.join(''))
  .filter((p) => p !== '.' && p !== '..');
const validId = fc.record({ author: part, slug: part, variant: fc.option(part, { nil: undefined }) });

/** Calls `call`; returns the error if it threw or rejected (synchronously or not), else undefined. */
async function outcome(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('model ids through the client', () => {
  it('a valid id always produces /models/<author>/<slug, ":" as %3A>/endpoints on the server', async () => {
    const client = clientFor(server);
    await fc.assert(
      fc.asyncProperty(validId, async ({ author, slug, variant }) => {
        server.requests.length = 0;
        const id = `${author}/${slug}${variant === undefined ? '' : `:${variant}`}`;
        await client.models.endpoints(id);
        // Every allowed character is unreserved in a URL, so only the variant's ":" is encoded.
        const expected = `/api/v1/models/${author}/${slug}${variant === undefined ? '' : `%3A${variant}`}/endpoints`;
        expect(server.requests.map((r) => r.url)).toEqual([expected]);
      }),
      { numRuns: RUNS },
    );
  });

  const badInsert = fc.constantFrom(
    '/',
    ' ',
    '?',
    '#',
    '%',
    '%2e',
    '%2F',
    '\\',
    '\n',
    '\t',
    '\u0000',
    'é',
    '🔑',
    '&',
    '=',
    '+',
    '@',
    '$',
    "'",
    '"',
    '<',
  );
  const invalidId = fc.oneof(
    // a valid id with a forbidden character inserted somewhere
    fc.tuple(validId, badInsert, fc.nat()).map(([{ author, slug }, bad, at]) => {
      const id = `${author}/${slug}`;
      const i = at % (id.length + 1);
      return id.slice(0, i) + bad + id.slice(i);
    }),
    // path navigation as a part
    fc
      .tuple(part, fc.constantFrom('.', '..'), fc.boolean())
      .map(([p, nav, first]) => (first ? `${nav}/${p}` : `${p}/${nav}`)),
    // no slash, an empty part, an empty variant, two variants
    part,
    part.map((p) => `${p}/`),
    part.map((p) => `/${p}`),
    fc.tuple(part, part).map(([a, s]) => `${a}/${s}:`),
    fc.tuple(part, part, part, part).map(([a, s, v, w]) => `${a}/${s}:${v}:${w}`),
    fc.constant(''),
  );

  it('an invalid id never reaches the server: an OpenRouterError, zero requests', async () => {
    const client = clientFor(server);
    await fc.assert(
      fc.asyncProperty(invalidId, async (id) => {
        // Every generated id is invalid by construction: each insert holds a character outside
        // [A-Za-z0-9._~-], or the id has a "."/".." part, no "/", an empty part, or two variants.
        for (const call of [() => client.models.get(id), () => client.models.endpoints(id)]) {
          expect(await outcome(call)).toBeInstanceOf(OpenRouterError);
        }
        expect(server.requests).toHaveLength(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('no string at all changes the path shape: refused, or exactly /models/A/S/endpoints with A/S == id', async () => {
    const client = clientFor(server);
    const anyString = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      invalidId,
      validId.map((v) => `${v.author}/${v.slug}`),
    );
    await fc.assert(
      fc.asyncProperty(anyString, async (id) => {
        server.requests.length = 0;
        const error = await outcome(() => client.models.endpoints(id));
        if (error !== undefined) {
          expect(error).toBeInstanceOf(OpenRouterError);
          expect(server.requests).toHaveLength(0);
          return;
        }
        expect(server.requests).toHaveLength(1);
        const match = /^\/api\/v1\/models\/([^/?#]+)\/([^/?#]+)\/endpoints$/.exec(server.requests[0]?.url ?? '');
        expect(match).not.toBeNull();
        expect(`${decodeURIComponent(match?.[1] ?? '')}/${decodeURIComponent(match?.[2] ?? '')}`).toBe(id);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('key hashes through the client', () => {
  it('any string is refused before sending, or arrives as exactly one segment that decodes back to it', async () => {
    const client = clientFor(server);
    const hash = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({
        unit: fc.constantFrom('.', '/', '%', '2', 'e', 'E', 'f', 'F', '?', '#', '\\', ' ', '$', '&', '`', "'"),
        maxLength: 12,
      }),
    );
    await fc.assert(
      fc.asyncProperty(hash, async (h) => {
        server.requests.length = 0;
        const error = await outcome(() => client.keys.get(h));
        if (error !== undefined) {
          // Refused: empty, blank, "." or "..", or a lone surrogate that has no UTF-8 encoding.
          expect(error).toBeInstanceOf(OpenRouterError);
          expect(server.requests).toHaveLength(0);
          return;
        }
        const url = server.requests[0]?.url ?? '';
        expect(server.requests).toHaveLength(1);
        expect(url).toMatch(/^\/api\/v1\/keys\/[^/?#]+$/);
        const segment = url.slice('/api/v1/keys/'.length);
        expect(segment).not.toBe('.');
        expect(segment).not.toBe('..');
        expect(decodeURIComponent(segment)).toBe(h);
      }),
      { numRuns: RUNS },
    );
  });
});

// --- the SSE parser, through the client with a fetch that delivers chosen reads ------------------

/** A client whose fetch answers every request with a 200 SSE response made of exactly these reads. */
function clientReading(pieces: Uint8Array[]): OpenRouter {
  const fakeFetch: typeof fetch = async () => {
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = pieces[i++];
        if (piece === undefined) controller.close();
        else controller.enqueue(piece);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return new OpenRouter({
    apiKey: TEST_KEY,
    baseURL: 'https://openrouter.test/api/v1',
    fetch: fakeFetch,
    maxRetries: 0,
  });
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated, within range). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) pieces.push(bytes.slice(start, point));
    start = Math.max(start, point);
  }
  return pieces;
}

async function readAll(client: OpenRouter): Promise<unknown[]> {
  const stream = await client.chat.completions.create({ model: 'a/b', messages: [], stream: true });
  const chunks: unknown[] = [];
  for await (const c of stream) chunks.push(c);
  return chunks;
}

/** Rejects with a clear "hung" error if `promise` does not settle in time: a hang must fail, not stall. */
function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for ${ms} ms`)), ms);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

const lineEnding = fc.constantFrom('\n', '\r\n', '\r');
const content = fc.string({ unit: 'grapheme', maxLength: 12 });
/** A valid stream: chunks with arbitrary text, any line ending, comments, pretty-printed (multi-line) data. */
const validStream = fc
  .record({
    contents: fc.array(content, { minLength: 1, maxLength: 6 }),
    eol: lineEnding,
    comments: fc.boolean(),
    multiline: fc.boolean(),
    done: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ contents, eol, comments, multiline, done, bom }) => {
    const chunks = contents.map((c, i) => chunk(c, i % 2));
    let text = bom ? '\uFEFF' : '';
    for (const c of chunks) {
      if (comments) text += `: OPENROUTER PROCESSING${eol}${eol}`;
      const json = multiline ? JSON.stringify(c, null, 1) : JSON.stringify(c);
      text += json
        .split('\n')
        .map((line) => `data: ${line}${eol}`)
        .join('');
      text += eol;
    }
    if (done) text += `data: [DONE]${eol}${eol}`;
    return { chunks, bytes: new TextEncoder().encode(text) };
  });

describe('the SSE parser through the client', () => {
  it('any split of a valid stream into reads gives the same chunks', async () => {
    await fc.assert(
      fc.asyncProperty(validStream, fc.array(fc.nat(), { maxLength: 40 }), async ({ chunks, bytes }, cuts) => {
        const whole = await readAll(clientReading([bytes]));
        expect(whole).toEqual(chunks);
        const pieces = await withinTime(readAll(clientReading(split(bytes, cuts))), 2_000);
        expect(pieces).toEqual(chunks);
      }),
      { numRuns: RUNS },
    );
  });

  it('a valid stream read one byte at a time gives the same chunks', async () => {
    await fc.assert(
      fc.asyncProperty(validStream, async ({ chunks, bytes }) => {
        const oneByteReads = Array.from(bytes, (b) => Uint8Array.of(b));
        expect(await withinTime(readAll(clientReading(oneByteReads)), 2_000)).toEqual(chunks);
      }),
      { numRuns: 50 },
    );
  });

  const noise = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'data:',
            'data: ',
            '\n',
            '\r',
            '\r\n',
            ':',
            '[DONE]',
            '{',
            '}',
            '"error"',
            '{"error":{"code":502,"message":"x"}}',
            '{"error":"text"}',
            '{"error":{"code":"abc"}}',
            'event: error',
            'id: 1',
            'retry: 10',
            '\uFEFF',
            '\u0000',
            'null',
            '1',
          ),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 30 },
      )
      .map((parts) => new TextEncoder().encode(parts.join(''))),
  );

  it('random bytes never hang and never throw anything but an OpenRouterError', async () => {
    await fc.assert(
      fc.asyncProperty(noise, fc.array(fc.nat(), { maxLength: 20 }), async (bytes, cuts) => {
        const result = await withinTime(
          readAll(clientReading(split(bytes, cuts))).then(
            () => undefined,
            (error: unknown) => error,
          ),
          2_000,
        );
        if (result !== undefined) expect(result).toBeInstanceOf(OpenRouterError);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes as a non-streamed 200 body: parsed JSON or an OpenRouterError', async () => {
    await fc.assert(
      fc.asyncProperty(noise, async (bytes) => {
        const client = new OpenRouter({
          apiKey: TEST_KEY,
          baseURL: 'https://openrouter.test/api/v1',
          fetch: async () => new Response(bytes, { status: 200, headers: { 'content-type': 'application/json' } }),
        });
        const result = await withinTime(
          client.models.list().then(
            () => undefined,
            (error: unknown) => error,
          ),
          2_000,
        );
        if (result !== undefined) expect(result).toBeInstanceOf(OpenRouterError);
      }),
      { numRuns: RUNS },
    );
  });
});
