// A real HTTP server on 127.0.0.1 that misbehaves on demand, for the fault tests: each test installs
// a handler, points an SDK client at `baseURL`, and inspects what the server received (method, raw
// request target, headers, body, arrival time, whether the client closed the connection).
// Bounded: it answers at most `maxRequests` requests (then 503 without calling the handler), and it
// shuts itself down after `lifetimeMs` even if a test forgets to close it. Its timers are unref'd.

import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { OpenRouter } from '../../src/index';

/** One request as the server saw it. */
export interface Received {
  method: string;
  /** The raw request target of the request line (`req.url`), exactly as the client sent it. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request's body had arrived. */
  at: number;
  /** 1-based number of this request among all the server received since the last `reset()`. */
  n: number;
  /** Resolves when the response is closed, by us finishing it or by the client going away. */
  closed: Promise<void>;
  /** Set when the response closed: true if the client went away before the response was finished. */
  closedEarly: boolean | undefined;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, received: Received) => unknown;

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `http://127.0.0.1:<port>/api/v1`: what the SDK is given as `baseURL`. */
  readonly baseURL: string;
  readonly port: number;
  /** Everything received since the last `reset()`. */
  readonly requests: Received[];
  /** Answers every following request with `handler`. */
  handle(handler: Handler): void;
  /** Forgets the recorded requests and installs a handler that answers 500 "no handler". */
  reset(): void;
  /** Requests received whose path (without the `/api/v1` prefix and query) is `path`. */
  countPath(path: string): number;
  /** Stops accepting, destroys open sockets. */
  close(): Promise<void>;
}

export interface FaultServerOptions {
  maxRequests?: number;
  lifetimeMs?: number;
}

export const API_PREFIX = '/api/v1';

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const maxRequests = options.maxRequests ?? 2_000;
  const lifetimeMs = options.lifetimeMs ?? 120_000;
  const sockets = new Set<Socket>();
  const requests: Received[] = [];
  let total = 0;
  let handler: Handler = noHandler;

  const server = createServer({ keepAliveTimeout: 1_000 }, async (req, res) => {
    total += 1;
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away while sending
    }
    let markClosed: () => void = () => {};
    const received: Received = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: performance.now(),
      n: requests.length + 1,
      closed: new Promise<void>((resolve) => {
        markClosed = resolve;
      }),
      closedEarly: undefined,
    };
    res.once('close', () => {
      received.closedEarly = !res.writableFinished;
      markClosed();
    });
    requests.push(received);
    if (total > maxRequests) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('fault server: request limit reached');
      return;
    }
    try {
      await handler(req, res, received);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fault server handler failed: ${String(error)}`);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Node's default 5 s request timeout handling is not wanted: stalls are the point of some tests.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };
  const lifetime = setTimeout(close, lifetimeMs);
  lifetime.unref();

  return {
    origin,
    baseURL: `${origin}${API_PREFIX}`,
    port,
    requests,
    handle(next) {
      handler = next;
    },
    reset() {
      requests.length = 0;
      handler = noHandler;
    },
    countPath(path) {
      return requests.filter((r) => pathOf(r.url) === path).length;
    },
    close,
  };
}

function noHandler(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(500, { 'content-type': 'text/plain' }).end('fault server: no handler installed');
}

/** The request path without the API prefix and query: `/api/v1/models?x=1` -> `/models`. */
export function pathOf(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** An OpenRouter error body. */
export function apiError(code: number, message: string, metadata?: Record<string, unknown>) {
  return { error: { code, message, ...(metadata ? { metadata } : {}) } };
}

/** Writes raw bytes to the socket, bypassing Node's HTTP response (for half-written heads). */
export function writeRaw(res: ServerResponse, text: string): Socket {
  const socket = res.socket as Socket;
  socket.write(text);
  return socket;
}

/** Waits for bytes written so far to leave, then sends a TCP RST (an abrupt reset, not a FIN). */
export async function resetAfterFlush(socket: Socket): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  socket.resetAndDestroy();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const TEST_KEY = 'sk-or-v1-fault-0123456789abcdef-SECRET';

/** A client aimed at the server, with fast defaults (tests pass anything they need to change). */
export function clientFor(server: FaultServer, options: ConstructorParameters<typeof OpenRouter>[0] = {}) {
  return new OpenRouter({ apiKey: TEST_KEY, baseURL: server.baseURL, ...options });
}

/** A minimal valid chat completion. */
export function completion(id = 'gen-1', content = 'hello') {
  return {
    id,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'openai/gpt-4o',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
  };
}

/** A streamed chunk carrying `content`. */
export function chunk(content: string, index = 0) {
  return {
    id: 'gen-stream',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'openai/gpt-4o',
    choices: [{ index, delta: { content }, finish_reason: null }],
  };
}

export function sseEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

export function startSse(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
}

export const CHAT_BODY = { model: 'openai/gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }] };

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

/**
 * Spies on every console method and on process warnings for the duration of a test file: the SDK
 * logs nothing, so `calls()` must stay empty (the test code itself never logs either).
 */
export function watchConsole() {
  const spies = CONSOLE_METHODS.map((name) => vi.spyOn(console, name));
  const warning = vi.spyOn(process, 'emitWarning');
  return {
    calls(): unknown[][] {
      return [...spies.flatMap((spy) => spy.mock.calls), ...warning.mock.calls];
    },
    restore() {
      for (const spy of spies) spy.mockRestore();
      warning.mockRestore();
    },
  };
}

/**
 * The fault server of a test file: started before its tests (and handed to `onStart`), reset
 * before each, closed after all; and no test may make the SDK log anything.
 */
export function useFaultServer(onStart: (server: FaultServer) => void): void {
  let server: FaultServer;
  let console_: ReturnType<typeof watchConsole>;
  beforeAll(async () => {
    server = await startFaultServer();
    onStart(server);
    console_ = watchConsole();
  });
  afterAll(async () => {
    console_.restore();
    await server.close();
  });
  beforeEach(() => server.reset());
  afterEach(() => expect(console_.calls()).toEqual([]));
}
