// The one fetch wrapper every API method goes through: timeouts, retries and error mapping live here
// once, instead of in each generated method.

import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  apiError,
  isErrorBody,
  OpenRouterError,
} from '../core/errors';
import { type Log, SILENT } from './logger';
import { redactCause, redactHeaders, redactText, rememberSecrets, secretsOf } from './redact';
import {
  classifyFetchFailure,
  isIdempotent,
  isRetryableStatus,
  maySendAgain,
  permissionRefusal,
  rateLimitWait,
  retryDelayMs,
  serverRequestedDelayMs,
} from './retry';

export interface TransportOptions {
  /** The fetch to send with; called detached (no `this`), so `globalThis.fetch` works in browsers. */
  fetch: typeof fetch;
  /** Milliseconds per attempt: until the headers arrive, and for non-stream calls until the whole body is read. */
  timeout: number;
  /** Retries after the first attempt; at most `maxRetries + 1` requests are sent. */
  maxRetries: number;
  /** The longest wait a 429's rate-limit reset may ask for; a later reset is not retried. Default 60000. */
  maxRetryWait?: number | undefined;
  /** The caller's signal: cancels the call (and a streamed body) when it aborts. */
  signal?: AbortSignal | undefined;
  /**
   * Non-stream calls: receives the response body, read as text within the attempt's timeout, and
   * the original response is handed back with its body used. Without it, the body is read into a
   * buffered copy of the response (a second Response, read again by the caller).
   */
  onText?: ((text: string) => void) | undefined;
  /** True for streamed responses: the timeout stops at the headers and the body is handed over unread. */
  stream?: boolean;
  /**
   * With `stream`: a binary answer (audio, a file, a video) is handed over unread whatever its type;
   * only a JSON one is read whole, like a non-stream answer (it may carry an error).
   */
  binary?: boolean;
  /** Waits between attempts; injectable so tests need not wait for real backoff. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Extra `RequestInit` fields for fetch (`dispatcher`, `keepalive`, ...). The transport's own
   * `method`, `headers`, `body` and `signal` always win (the client rejects them in `fetchOptions`);
   * `redirect` is taken from here when given, else `'follow'`.
   */
  fetchOptions?: RequestInit | undefined;
  /** Where requests, retries and failures are logged; silent by default. */
  log?: Log | undefined;
}

/** setTimeout fires at once for delays past 2^31 - 1 ms, so longer timeouts mean no timer at all. */
const MAX_TIMER_MS = 2_147_483_647;

/** A request, as plain data: what `fetch(url, init)` is called with, body already serialized. */
export interface OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** Sent as it is by every attempt (a string of JSON, or a FormData that fetch writes as multipart). */
  readonly body?: string | FormData | undefined;
}

/** Wraps `options.fetch` into one `(request) => Promise<Response>` with timeouts, retries and error mapping. */
export function createTransport(options: TransportOptions): (request: OutgoingRequest) => Promise<Response> {
  return (request) => send(request, options);
}

/** What every attempt of one call shares. */
interface Call {
  readonly original: OutgoingRequest;
  readonly body: string | FormData | null;
  readonly callerSignal: AbortSignal | undefined;
  readonly options: TransportOptions;
  /** The request's bearer token: scrubbed from every error and log line. */
  readonly secrets: readonly string[];
  readonly log: Log;
  readonly idempotent: boolean;
}

/** An attempt's verdict that it failed in a way worth retrying; carries the headers for `Retry-After`. */
class RetryLater {
  constructor(
    /** Why, for the log: a status, a failure code, `timeout`. */
    readonly reason: string,
    readonly headers?: Headers | undefined,
    /** The wait the answer asked for (a 429's rate-limit reset), over the usual policy. */
    readonly delayMs?: number | undefined,
  ) {}
}

async function send(original: OutgoingRequest, options: TransportOptions): Promise<Response> {
  const callerSignal = options.signal;
  if (callerSignal?.aborted) throw new APIUserAbortError();
  const body = original.body ?? null;
  const call: Call = {
    original,
    body,
    callerSignal,
    options,
    secrets: secretsOf(original.headers),
    log: options.log ?? SILENT,
    idempotent: isIdempotent(original.method),
  };
  // Every key sent joins the list every error and log line is redacted with (see redact.ts).
  rememberSecrets(call.secrets);
  const sleep = options.sleep ?? abortableSleep;

  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(call, attempt, attempt <= options.maxRetries);
    if (!(outcome instanceof RetryLater)) return outcome;
    const wait = outcome.delayMs ?? retryDelayMs(attempt - 1, outcome.headers);
    if (call.log.enabled('warn')) {
      logLine(call, 'warn', `retrying ${original.method} ${pathOf(original.url)} in ${Math.round(wait)} ms`, {
        reason: outcome.reason,
        attempt,
        waitMs: Math.round(wait),
      });
    }
    try {
      await sleep(wait, callerSignal);
    } catch (error) {
      if (callerSignal?.aborted) throw new APIUserAbortError();
      throw error;
    }
    // An injected sleep may ignore the signal; never start another attempt for a caller who left.
    if (callerSignal?.aborted) throw new APIUserAbortError();
  }
}

/** Sends one request; returns the response to hand back, or a request to retry. Throws final errors. */
async function attemptOnce(call: Call, attempt: number, canRetry: boolean): Promise<Response | RetryLater> {
  const { original, options } = call;
  const abort = new AttemptAbort(call.callerSignal, options.timeout);
  const started = call.log.enabled('error') ? Date.now() : 0;
  let bodyOutlivesAttempt = false;
  try {
    const doFetch = options.fetch; // detached call: browsers reject fetch invoked on another `this`
    let response: Response;
    try {
      // Always `fetch(url, init)`, never a Request: fetches written for `(url, init)` (node-fetch v2,
      // many wrappers) do not read a Request, and the runtime's fetch builds its own anyway.
      const init: RequestInit = {
        ...options.fetchOptions,
        method: original.method,
        headers: original.headers,
        body: call.body,
        redirect: options.fetchOptions?.redirect ?? 'follow',
        signal: abort.signal,
      };
      if (call.log.enabled('debug')) {
        logLine(call, 'debug', `${original.method} ${pathOf(original.url)} attempt ${attempt}`, {
          headers: redactedHeaderRecord(original.headers),
        });
      }
      response = await doFetch(original.url, init);
    } catch (error) {
      const refused = permissionRefusal(error);
      if (refused) throw refused;
      const outcome = fetchFailure(call, abort, error, attempt, canRetry);
      if (outcome instanceof RetryLater) return outcome;
      throw outcome;
    }

    if (call.log.enabled('info')) {
      logLine(call, 'info', `${original.method} ${pathOf(original.url)} ${response.status}`, {
        status: response.status,
        attempt,
        durationMs: Date.now() - started,
      });
    }
    if (response.ok) {
      // A stream request answered with something other than an event stream (a JSON error body, an
      // HTML page) is read whole, like a non-stream answer, within the timeout: else a server that
      // stalls after the headers would hang the caller forever.
      if (options.stream && (options.binary ? !isJson(response) : isEventStreamOrUntyped(response))) {
        abort.stopTimer();
        if (response.body === null) return response;
        bodyOutlivesAttempt = true;
        return releaseWhenBodyEnds(response, response.body, abort, call, attempt);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        // The server has already handled the request: send it again only if doing so twice is harmless.
        if (canRetry && maySendAgain(call.idempotent, 'body-read') && !abort.abortedByCaller) {
          return new RetryLater(abort.timedOut ? 'timeout reading the body' : 'body cut off');
        }
        const note = call.idempotent ? undefined : notRetried(call, canRetry);
        throw logged(
          call,
          abort.failure(error, 'Connection lost while reading the response body', attempt, call, { note }),
        );
      }
      const errorInBody = errorFromOkBody(text, response, call, attempt);
      if (errorInBody !== undefined) throw logged(call, errorInBody);
      if (options.onText === undefined || options.stream) return bufferedCopy(response, text);
      options.onText(text);
      return response;
    }

    // A 429 without Retry-After: the retry policy reads the reset its body names (see rateLimitWait).
    if (canRetry && response.status === 429 && serverRequestedDelayMs(response.headers) === undefined) {
      const copy = response.clone();
      const wait = rateLimitWait(
        parseJsonOrText(await copy.text().catch(() => '')),
        response.headers,
        options.maxRetryWait,
      );
      if (wait !== false) {
        response.body?.cancel().catch(ignore);
        return new RetryLater('status 429', response.headers, wait);
      }
    } else if (canRetry && isRetryableStatus(response.status)) {
      // Free the connection now rather than when the garbage collector gets to it.
      response.body?.cancel().catch(ignore);
      return new RetryLater(`status ${response.status}`, response.headers);
    }
    throw logged(call, await statusError(response, abort, attempt, call.secrets));
  } finally {
    if (!bodyOutlivesAttempt) abort.release();
  }
}

/**
 * What a rejected fetch becomes: a retry when that is safe, else the error to throw. Safe means an
 * idempotent method, or a failure that proves the request never left (refused, DNS, TLS): after a
 * timeout or a reset a POST may already have been handled, and is not sent twice.
 */
function fetchFailure(
  call: Call,
  abort: AttemptAbort,
  error: unknown,
  attempt: number,
  canRetry: boolean,
): RetryLater | OpenRouterError {
  if (abort.abortedByCaller) return new APIUserAbortError();
  if (abort.timedOut) {
    if (canRetry && maySendAgain(call.idempotent, 'timeout')) return new RetryLater('timeout');
    return logged(call, abort.failure(error, '', attempt, call, { note: notRetried(call, canRetry) }));
  }
  const { kind, code } = classifyFetchFailure(error);
  if (kind === 'not-network' && call.options.fetch !== globalThis.fetch) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return logged(
      call,
      new OpenRouterError(
        `The provided fetch threw (not a network failure, not retried): ${redactText(message, call.secrets)}`,
        {
          cause: redactCause(error, call.secrets),
        },
      ),
    );
  }
  if (canRetry && maySendAgain(call.idempotent, kind)) return new RetryLater(code ?? 'connection error');
  return logged(
    call,
    abort.failure(error, 'Connection error', attempt, call, { code, note: notRetried(call, canRetry) }),
  );
}

interface Detail {
  code?: string | undefined;
  note?: string | undefined;
}

/** Why a non-idempotent request with retries left was not sent again, for the error message. */
function notRetried(call: Call, retriesLeft: boolean): string | undefined {
  return retriesLeft ? `not retried: the ${call.original.method} may have reached the server` : undefined;
}

/** An error object in a 2xx JSON body, as the `APIError` of its code; `undefined` for any other body. */
function errorFromOkBody(text: string, response: Response, call: Call, attempt: number): APIError | undefined {
  // Cheap test first: a success body rarely has `"error"` at all, and parsing twice is measurable.
  if (!text.includes('"error"')) return undefined;
  const type = response.headers.get('content-type');
  if (type !== null && !type.includes('json')) return undefined;
  const body = parseJsonOrText(redactText(text, call.secrets));
  if (!isErrorBody(body)) return undefined;
  return apiError('body', body, redactHeaders(response.headers, call.secrets), attempt);
}

function isJson(response: Response): boolean {
  return response.headers.get('content-type')?.includes('json') === true;
}

function isEventStreamOrUntyped(response: Response): boolean {
  const type = response.headers.get('content-type');
  // A missing content type is let through (some proxies drop it).
  return type === null || type.includes('text/event-stream');
}

function logged<E extends OpenRouterError>(call: Call, error: E): E {
  if (call.log.enabled('error')) {
    logLine(call, 'error', `${call.original.method} ${pathOf(call.original.url)} failed: ${error.message}`, {
      error: error.name,
      ...(error instanceof APIError ? { status: error.status, code: error.code } : {}),
      attempts: (error as { attempts?: number }).attempts,
    });
  }
  return error;
}

function logLine(
  call: Call,
  level: 'debug' | 'info' | 'warn' | 'error',
  message: string,
  details: Record<string, unknown>,
) {
  call.log.write(level, `openrouter: ${message}`, details, call.secrets);
}

/** The URL's path, for log lines (the query is left out: it may carry user data). */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.indexOf('?', start);
  return start === -1 ? '/' : url.slice(start, end === -1 ? undefined : end);
}

/** The request headers for a debug line, with the Authorization value replaced. */
function redactedHeaderRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = name === 'authorization' ? '[redacted]' : value;
  });
  return record;
}

/**
 * One attempt's abort wiring: the caller's signal and our timer both abort the attempt's own
 * controller, and we remember which fired first so the failure gets the right error class.
 */
class AttemptAbort {
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal | undefined;
  readonly #timeout: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firedBy: 'caller' | 'timeout' | undefined;

  constructor(callerSignal: AbortSignal | undefined, timeout: number) {
    this.#callerSignal = callerSignal;
    this.#timeout = timeout;
    if (callerSignal !== undefined) {
      if (callerSignal.aborted) this.#fire('caller');
      else callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
    }
    if (timeout < MAX_TIMER_MS) this.#timer = setTimeout(this.#onTimeout, Math.max(0, timeout));
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  readonly #onCallerAbort = () => this.#fire('caller');
  readonly #onTimeout = () => this.#fire('timeout');

  #fire(by: 'caller' | 'timeout'): void {
    if (this.#firedBy !== undefined) return;
    this.#firedBy = by;
    this.#controller.abort(by === 'caller' ? this.#callerSignal?.reason : undefined);
  }

  /**
   * Names what made a fetch or a body read fail. `connection` is the message of a connection error;
   * the details (a failure code, the number of attempts, why it was not retried) go in parentheses.
   */
  failure(cause: unknown, connection: string, attempts: number, call: Call, more: Detail = {}): OpenRouterError {
    if (this.abortedByCaller) return new APIUserAbortError();
    const details = [more.code, `${attempts} attempt${attempts === 1 ? '' : 's'}`, more.note].filter(Boolean);
    if (this.#firedBy === 'timeout') {
      return new APITimeoutError(`Request timed out after ${this.#timeout} ms (${details.join('; ')}).`, { attempts });
    }
    // The cause may be verbose, but the message stays fixed: it must never echo request details.
    return new APIConnectionError(`${connection} (${details.join('; ')}).`, {
      cause: redactCause(cause, call.secrets),
      attempts,
    });
  }

  get timedOut(): boolean {
    return this.#firedBy === 'timeout';
  }

  /** True once the caller's signal has cancelled this attempt. */
  get abortedByCaller(): boolean {
    return this.#firedBy === 'caller' || this.#callerSignal?.aborted === true;
  }

  stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Leaves nothing behind: no timer to keep the process alive, no listener on the caller's signal. */
  release(): void {
    this.stopTimer();
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }
}

/** The non-2xx response as an `APIError` (subclass by status), body parsed as JSON when it is JSON. */
async function statusError(
  response: Response,
  abort: AttemptAbort,
  attempts: number,
  secrets: readonly string[],
): Promise<OpenRouterError> {
  const headers = redactHeaders(response.headers, secrets);
  let text: string;
  try {
    text = await response.text();
  } catch {
    if (abort.abortedByCaller) return new APIUserAbortError();
    // The status alone still says what went wrong: better than reporting a connection error.
    return apiError(response.status, undefined, headers, attempts);
  }
  // A server may echo the request's Authorization header into its error body.
  return apiError(response.status, parseJsonOrText(redactText(text, secrets)), headers, attempts);
}

/** An answer's body as parsed JSON when it is JSON, else the text itself. */
function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A response over the already-read body, so the caller's parsing cannot fail or hang on the network. */
function bufferedCopy(response: Response, buffer: string): Response {
  const { status } = response;
  // 204 and 205 must have a null body: the Response constructor throws otherwise.
  return new Response(status === 204 || status === 205 ? null : buffer, {
    status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * The streamed response, with a body that releases the attempt's abort wiring once it ends, fails or
 * is cancelled: until then the caller's signal must still cancel the body; after, it must hold nothing.
 * Read failures come out as SDK errors: `APIUserAbortError` after the caller aborted, else `APIConnectionError`.
 */
function releaseWhenBodyEnds(
  response: Response,
  source: ReadableStream<Uint8Array>,
  abort: AttemptAbort,
  call: Call,
  attempt: number,
): Response {
  const reader = readerOf(source);
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          abort.release();
          controller.error(abort.failure(error, 'Connection lost while reading the response stream', attempt, call));
          return;
        }
        if (chunk.done) {
          abort.release();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      },
      cancel(reason) {
        abort.release();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 }, // pull only when the consumer reads: no chunk is fetched ahead of demand
  );
  const headers = redactHeaders(response.headers, call.secrets);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A reader of the body: a web stream's own, or one over an async iterable (node-fetch v2 answers
 * with a Node Readable, which has no `getReader`).
 */
function readerOf(
  source: ReadableStream<Uint8Array>,
): Pick<ReadableStreamDefaultReader<Uint8Array>, 'read' | 'cancel'> {
  if (typeof source.getReader === 'function') return source.getReader();
  const iterator = (source as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return {
    read: async () => {
      const next = await iterator.next();
      return next.done ? { done: true, value: undefined } : { done: false, value: next.value };
    },
    cancel: async () => {
      await iterator.return?.();
    },
  };
}

/** Default wait between attempts; rejects as soon as the caller's signal aborts. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function ignore(): void {}
