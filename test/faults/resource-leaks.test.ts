// Nothing is left behind after many calls that fail in every way: no timer of the SDK still
// pending, no listener on the caller's signal, no socket open, and a heap that does not grow with
// the number of calls. Counted, not timed: 10,000 calls through an injected fetch (fast), then a
// smaller run over real sockets. Failures that would wait for real backoff (connection errors of
// calls with retries left) are given `maxRetries: 0`; statuses are retried with a zero Retry-After.
import { getEventListeners, setMaxListeners } from 'node:events';
import type { Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { OpenRouter, OpenRouterError } from '../../src/index';
import { bodyCutOff } from '../unit/support/scripted-fetch';
import { trackTimersFrom } from '../unit/support/timer-tracker';
import {
  CHAT_BODY,
  clientFor,
  completion,
  type FaultServer,
  resetAfterFlush,
  sendJson,
  sseEvent,
  startSse,
  TEST_KEY,
  useFaultServer,
  writeRaw,
} from './fault-server';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

/** A small seeded generator (mulberry32): the same failures on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const KINDS = [
  'ok',
  'error-body',
  '500-then-ok',
  '429-then-ok',
  '404',
  'refused',
  'reset',
  'cut-off',
  'timeout',
  'caller-abort',
  'stream',
  'stream-break',
  'stream-json-error',
  'provided-fetch-bug',
] as const;
type Kind = (typeof KINDS)[number];

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const refusedError = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
const resetError = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

/** What the injected fetch answers for attempt `attempt` of a call of `kind`. */
function answer(kind: Kind, attempt: number, init: RequestInit): Promise<Response> {
  switch (kind) {
    case 'error-body':
      return Promise.resolve(json({ error: { code: 502, message: 'provider failed' } }));
    case '500-then-ok':
      return Promise.resolve(attempt === 1 ? json({}, 500, { 'retry-after-ms': '0' }) : json(completion()));
    case '429-then-ok':
      return Promise.resolve(attempt === 1 ? json({}, 429, { 'retry-after': '0' }) : json(completion()));
    case '404':
      return Promise.resolve(json({ error: { code: 404, message: 'no' } }, 404));
    case 'refused':
      return Promise.reject(refusedError());
    case 'reset':
      return Promise.reject(resetError());
    case 'cut-off':
      return Promise.resolve(new Response(bodyCutOff('{"id":"gen-', resetError()), { status: 200 }));
    case 'timeout':
    case 'caller-abort':
      // A fetch that never answers, and rejects once its signal aborts, as real ones do.
      return new Promise((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    case 'stream':
    case 'stream-break':
      return Promise.resolve(
        new Response(`${sseEvent({ choices: [{ index: 0, delta: { content: 'a' } }] })}${sseEvent('[DONE]')}`, {
          headers: { 'content-type': 'text/event-stream' },
        }),
      );
    case 'stream-json-error':
      return Promise.resolve(json({ error: { code: 'server_error', message: 'x' } }));
    case 'provided-fetch-bug':
      throw new TypeError("Cannot read properties of undefined (reading 'headers')");
    default:
      return Promise.resolve(json(completion()));
  }
}

/** One call of `kind` through `client`; resolves once it has settled (and its stream, if any, is done). */
async function run(client: OpenRouter, kind: Kind, shared: AbortSignal, headers: Record<string, string> = {}) {
  const noRetry = ['refused', 'reset', 'cut-off', 'timeout', 'provided-fetch-bug'].includes(kind);
  const options = {
    signal: shared,
    headers,
    ...(noRetry ? { maxRetries: 0 } : {}),
    ...(kind === 'timeout' ? { timeout: 5 } : {}),
  };
  try {
    if (kind === 'caller-abort') {
      const own = new AbortController();
      const pending = client.chat.completions.create(CHAT_BODY, { signal: own.signal, maxRetries: 0, headers });
      setTimeout(() => own.abort(), 1);
      await pending;
    } else if (kind.startsWith('stream')) {
      const stream = await client.chat.completions.create({ ...CHAT_BODY, stream: true }, options);
      for await (const _ of stream) if (kind === 'stream-break') break;
    } else if (kind === '404' || kind === 'cut-off' || kind === 'timeout') {
      await client.models.list(undefined, options);
    } else {
      await client.chat.completions.create(CHAT_BODY, options);
    }
  } catch (error) {
    // Every failure is one of the SDK's errors: anything else would be a bug of its own.
    if (!(error instanceof OpenRouterError)) throw error;
  }
}

/**
 * One signal shared by every call, as an application's shutdown signal is. Each call in flight
 * holds one listener on it, so 100 at once pass Node's warning threshold of 10: raised, as such an
 * application must do too.
 */
function sharedController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(1_000, controller.signal);
  return controller;
}

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const activeCount = (type: string) => process.getActiveResourcesInfo().filter((t) => t === type).length;

describe('resources after many failing calls', () => {
  it('10,000 calls through an injected fetch: no SDK timer pending, no listener left, heap flat', async () => {
    const attempts = new Map<string, number>();
    const random = seeded(1201);
    const fetch = ((url: string, init: RequestInit) => {
      const kind = new Headers(init.headers).get('x-kind') as Kind;
      const key = new Headers(init.headers).get('x-call') ?? url;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      return answer(kind, attempt, init);
    }) as typeof globalThis.fetch;
    // The kind and a call id travel in the request's headers.
    const client = new OpenRouter({ apiKey: TEST_KEY, fetch, maxRetries: 2 });
    let callNumber = 0;
    const shared = sharedController();
    const runBatch = async (count: number) => {
      for (let done = 0; done < count; done += 100) {
        await Promise.all(
          Array.from({ length: 100 }, () => {
            const kind = KINDS[Math.floor(random() * KINDS.length)] as Kind;
            return run(client, kind, shared.signal, { 'x-kind': kind, 'x-call': String(++callNumber) });
          }),
        );
        attempts.clear();
      }
    };

    // The SDK's own timers are counted exactly (async_hooks) over the first 1,000 calls; that costs a
    // stack trace per timer, so the 10,000 after them are counted by the process's active timers.
    const timers = trackTimersFrom('/src/');
    try {
      await runBatch(1_000); // also the warm-up: JIT, heap sizing, lazily built module state
      await timers.settled();
      expect(timers.created()).toBeGreaterThan(1_000); // the tracker saw the SDK's timers
      expect(timers.pending()).toBe(0);
    } finally {
      timers.stop();
    }
    const timeoutsBefore = activeCount('Timeout');
    const heapBefore = heapAfterGc();
    await runBatch(10_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    expect(activeCount('Timeout')).toBeLessThanOrEqual(timeoutsBefore);
    const growth = heapAfterGc() - heapBefore;
    // 10,000 calls: a leak of 500 bytes a call would show as 5 MB.
    expect(growth).toBeLessThan(5 * 1024 * 1024);
  }, 120_000);

  it('300 calls over real sockets: no SDK timer pending, no listener left, every socket closed', async () => {
    server.handle(async (req, res, received) => {
      const kind = req.headers['x-kind'];
      res.setHeader('connection', 'close'); // a socket that stays open is then the client's doing
      if (kind === 'reset') return resetAfterFlush(writeRaw(res, 'HTTP/1.1 200 OK\r\n'));
      if (kind === 'cut-off') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '300' });
        res.write('{"id":');
        return resetAfterFlush(res.socket as Socket);
      }
      if (kind === '500-then-ok' && received.n % 2 === 1) return sendJson(res, 500, {}, { 'retry-after-ms': '0' });
      if (kind === 'timeout' || kind === 'caller-abort') return; // never answers
      if (kind === 'stream' || kind === 'stream-break') {
        startSse(res);
        res.write(sseEvent({ choices: [{ index: 0, delta: { content: 'a' } }] }));
        if (kind === 'stream') res.end(sseEvent('[DONE]'));
        return; // stream-break: stays open until the client leaves
      }
      return sendJson(res, 200, completion());
    });
    const random = seeded(7);
    const realKinds: Kind[] = [
      'ok',
      '500-then-ok',
      'reset',
      'cut-off',
      'timeout',
      'caller-abort',
      'stream',
      'stream-break',
    ];
    const shared = sharedController();
    const socketsBefore = activeCount('TCPSocketWrap');
    const timers = trackTimersFrom('/src/');
    try {
      for (let done = 0; done < 300; done += 30) {
        await Promise.all(
          Array.from({ length: 30 }, () => {
            const kind = realKinds[Math.floor(random() * realKinds.length)] as Kind;
            const client = clientFor(server, {
              defaultHeaders: { 'x-kind': kind },
              ...(kind === 'timeout' ? { timeout: 50 } : {}),
            });
            return run(client, kind, shared.signal);
          }),
        );
      }
      await timers.settled();
      expect(timers.pending()).toBe(0);
    } finally {
      timers.stop();
    }
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    // Both ends of every connection are in this process; wait (bounded) for the closes to be delivered.
    for (let turn = 0; turn < 100 && activeCount('TCPSocketWrap') > socketsBefore; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(activeCount('TCPSocketWrap')).toBeLessThanOrEqual(socketsBefore);
  }, 60_000);
});
