// Issue 19, items 1 and 2, as a property: whatever a server (or a proxy) echoes of the request's
// key, into whatever it answers, the key is in no error the SDK throws (message, stack, toJSON(),
// util.inspect, cause, own properties such as `body`, `headers`, `chunk`) and in no logged line.
// Places a server can put text: JSON and non-JSON bodies of every status, the status text,
// response headers, and the error events of every stream protocol (chat, responses, messages,
// images), non-JSON event data included. Runs with a string key and an async key function, with
// and without AbortSignal.any (Node 20.0-20.2 and edge runtimes lack it), with and without a
// caller signal.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenRouter } from '../../src/index';

const RUNS = 300;
const originalAny = AbortSignal.any;
afterEach(() => {
  AbortSignal.any = originalAny;
});

type Call = 'models.list' | 'chat' | 'chat stream' | 'responses stream' | 'messages stream' | 'images stream';
const CALLS: Call[] = ['models.list', 'chat', 'chat stream', 'responses stream', 'messages stream', 'images stream'];

/** How the echo is written: the key itself, its header, or JSON-escaped inside a longer text. */
const echoOf = (key: string) =>
  fc.constantFrom(key, `Bearer ${key}`, `you sent: Authorization: Bearer ${key}`, `{"authorization":"Bearer ${key}"}`);

/** One answer's parts, each of which may carry the echo. */
interface Answer {
  status: number;
  statusText: string;
  type: string | null;
  headers: Record<string, string>;
  body: string;
}

const STATUSES = [200, 400, 401, 402, 403, 404, 408, 413, 422, 429, 500, 502, 503, 524, 529];

/** The SSE error event of each protocol, with `text` where the server puts its words. */
function errorEvent(call: Call, text: string, where: 'message' | 'metadata' | 'not json'): string {
  if (where === 'not json') return `data: not json ${text}\n\n`;
  const extra = where === 'metadata' ? { metadata: { raw: text } } : {};
  const message = where === 'message' ? text : 'failed';
  switch (call) {
    case 'responses stream':
      return `event: error\ndata: ${JSON.stringify({ type: 'error', code: 'server_error', message, param: text, sequence_number: 1, ...extra })}\n\n`;
    case 'messages stream':
      return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message, ...extra } })}\n\n`;
    case 'images stream':
      return `data: ${JSON.stringify({ type: 'error', error: { code: 'server_error', message, ...extra } })}\n\n`;
    default:
      return `data: ${JSON.stringify({ id: 'gen-1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'error' }], error: { code: 502, message, ...extra } })}\n\n`;
  }
}

function answers(key: string, call: Call): fc.Arbitrary<Answer> {
  const stream = call.endsWith('stream');
  const jsonShapes = (echo: string) => [
    { error: { code: 400, message: echo } },
    { error: { code: 'server_error', message: 'x', metadata: { raw: echo, provider_name: echo } } },
    { error: echo },
    { detail: echo },
    { detail: [{ msg: echo }] },
    { error: { message: { text: echo } } },
    { message: echo },
    { unknown: { deep: [echo] } },
  ];
  return fc
    .record({
      echo: echoOf(key),
      status: fc.constantFrom(...STATUSES),
      kind: fc.constantFrom('json', 'text', 'html', 'untyped', 'bad json', ...(stream ? (['sse'] as const) : [])),
      shape: fc.nat(jsonShapes('').length - 1),
      sseWhere: fc.constantFrom('message', 'metadata', 'not json') as fc.Arbitrary<'message' | 'metadata' | 'not json'>,
      inStatusText: fc.boolean(),
      inHeaders: fc.subarray(['x-request-id', 'x-generation-id', 'cf-ray', 'content-type', 'x-echo']),
    })
    .map(({ echo, status, kind, shape, sseWhere, inStatusText, inHeaders }) => {
      const headerSafe = echo.replace(/[^\x20-\x7e]/g, '');
      let type: string | null;
      let body: string;
      switch (kind) {
        case 'json':
          type = 'application/json';
          body = JSON.stringify(jsonShapes(echo)[shape]);
          break;
        case 'bad json':
          type = 'application/json';
          body = `{"error": ${echo}`;
          break;
        case 'text':
          type = 'text/plain';
          body = echo;
          break;
        case 'html':
          type = 'text/html';
          body = `<html><body><pre>${echo}</pre></body></html>`;
          break;
        case 'untyped':
          type = null;
          body = echo;
          break;
        default:
          type = 'text/event-stream';
          status = 200;
          body = errorEvent(call, echo, sseWhere);
      }
      const headers: Record<string, string> = {};
      for (const name of inHeaders) {
        if (name === 'content-type') type = `${type ?? 'text/plain'}; note="${headerSafe.replaceAll('"', '')}"`;
        else headers[name] = headerSafe;
      }
      return { status, statusText: inStatusText ? headerSafe : '', type, headers, body };
    });
}

function respond(answer: Answer): Response {
  const headers = new Headers(answer.headers);
  if (answer.type !== null) headers.set('content-type', answer.type);
  const bytes = new TextEncoder().encode(answer.body);
  // A body stream, so a Response without a content type stays without one.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers });
}

const MODEL = 'openai/gpt-4o';
async function run(client: OpenRouter, call: Call, signal: AbortSignal | undefined): Promise<void> {
  const options = signal ? { signal } : undefined;
  const messages = [{ role: 'user' as const, content: 'hi' }];
  switch (call) {
    case 'models.list':
      await client.models.list(undefined, options);
      return;
    case 'chat':
      await client.chat.completions.create({ model: MODEL, messages }, options);
      return;
    case 'chat stream':
      for await (const _ of await client.chat.completions.create({ model: MODEL, messages, stream: true }, options)) {
      }
      return;
    case 'responses stream':
      for await (const _ of await client.responses.create({ model: MODEL, input: 'hi', stream: true }, options)) {
      }
      return;
    case 'messages stream':
      for await (const _ of await client.messages.create(
        { model: MODEL, max_tokens: 8, messages, stream: true },
        options,
      )) {
      }
      return;
    case 'images stream':
      for await (const _ of await client.images.generate({ model: MODEL, prompt: 'a cat', stream: true }, options)) {
      }
      return;
  }
}

/** Every rendering of a thrown value a user or a logger might print or ship. */
function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown; cause?: unknown };
  const texts = [
    String(e),
    e?.message ?? '',
    e?.stack ?? '',
    JSON.stringify(e) ?? '',
    JSON.stringify(typeof e?.toJSON === 'function' ? e.toJSON() : null),
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
  ];
  if (typeof e === 'object' && e !== null) {
    for (const name of Object.getOwnPropertyNames(e)) {
      texts.push(inspect((e as unknown as Record<string, unknown>)[name], { depth: Number.POSITIVE_INFINITY }));
    }
  }
  let cause = e?.cause;
  for (let depth = 0; cause !== undefined && depth < 10; depth++) {
    texts.push(inspect(cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }), String(cause));
    cause = (cause as { cause?: unknown }).cause;
  }
  return texts;
}

const keys = fc
  .tuple(fc.constantFrom('sk-or-v1-', 'sk-', ''), fc.stringMatching(/^[0-9a-f]{16,48}$/))
  .map(([prefix, rest]) => `${prefix}${rest}`);

describe('the key echoed anywhere a server can put text never leaves the SDK', () => {
  it('in no thrown value and no logged line, for every call, answer, key kind and runtime', async () => {
    await fc.assert(
      fc.asyncProperty(
        keys.chain((key) =>
          fc
            .record({
              key: fc.constant(key),
              call: fc.constantFrom(...CALLS),
              asFunction: fc.boolean(),
              withoutAny: fc.boolean(),
              withSignal: fc.boolean(),
            })
            .chain((setup) => fc.record({ setup: fc.constant(setup), answer: answers(key, setup.call) })),
        ),
        async ({ setup, answer }) => {
          if (setup.withoutAny) delete (AbortSignal as { any?: unknown }).any;
          else AbortSignal.any = originalAny;
          const lines: string[] = [];
          const capture = (level: string) => (message: string, details?: unknown) =>
            lines.push(`${level} ${message} ${inspect(details, { depth: Number.POSITIVE_INFINITY })}`);
          let sent = 0;
          const client = new OpenRouter({
            apiKey: setup.asFunction ? async () => setup.key : setup.key,
            maxRetries: 0,
            logLevel: 'debug',
            logger: { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') },
            fetch: async (_url, init) => {
              sent++;
              expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${setup.key}`);
              return respond(answer);
            },
          });
          let thrown: unknown;
          try {
            await run(client, setup.call, setup.withSignal ? new AbortController().signal : undefined);
          } catch (error) {
            thrown = error;
          }
          expect(sent).toBe(1);
          const texts = [...(thrown === undefined ? [] : renderings(thrown)), ...lines];
          for (const text of texts) expect(text).not.toContain(setup.key);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('the two paths of issue 19, as fixed examples', () => {
  const KEY = 'sk-or-v1-0a1b2c3d4e5f60718293a4b5c6d7e8f9-ECHOED';
  const expectNoKey = (error: unknown) => {
    expect(error).toBeInstanceOf(Error);
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
  };
  const failure = async (call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  };

  it.each([
    ['a string key', KEY],
    ['an async key function', async () => KEY],
  ] as const)(
    '1. a 200 answer that is not JSON, or not an event stream, quoting the key (%s)',
    async (_name, apiKey) => {
      const echo = () =>
        new Response(`you sent: Authorization: Bearer ${KEY}`, { headers: { 'content-type': 'text/plain' } });
      const client = new OpenRouter({ apiKey, maxRetries: 0, fetch: async () => echo() });
      const messages = [{ role: 'user' as const, content: 'hi' }];
      for (const call of [
        () => client.models.list(),
        () => client.chat.completions.create({ model: MODEL, messages }),
        () => client.chat.completions.create({ model: MODEL, messages, stream: true }),
      ]) {
        const error = await failure(call);
        expect((error as Error).message).toContain('[redacted]');
        expectNoKey(error);
      }
    },
  );

  it('2. without AbortSignal.any, a stream with a caller signal whose error chunk echoes the key', async () => {
    delete (AbortSignal as { any?: unknown }).any;
    const chunk = { id: 'gen-1', choices: [], error: { code: 401, message: `bad key ${KEY}` } };
    const client = new OpenRouter({
      apiKey: KEY,
      fetch: async () =>
        new Response(`data: ${JSON.stringify(chunk)}\n\n`, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const stream = await client.chat.completions.create(
      { model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: new AbortController().signal },
    );
    const error = await failure(() => stream.finalCompletion());
    expect((error as Error).message).toBe('401 bad key [redacted]');
    expectNoKey(error);
  });
});
