// The one fetch wrapper every API method goes through: timeouts, retries and error mapping live here
// once, instead of in each generated method.

import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError, type OpenRouterError } from './errors';
import { isRetryableStatus, retryDelayMs } from './retry';

export interface TransportOptions {
  /** The fetch to send with; called detached (no `this`), so `globalThis.fetch` works in browsers. */
  fetch: typeof fetch;
  /** Milliseconds per attempt: until the headers arrive, and for non-stream calls until the whole body is read. */
  timeout: number;
  /** Retries after the first attempt; at most `maxRetries + 1` requests are sent. */
  maxRetries: number;
  /**
   * The caller's signal. When absent, the incoming Request's own signal is honoured instead; `null`
   * says there is none (no listener is added to the incoming Request's signal).
   */
  signal?: AbortSignal | null | undefined;
  /**
   * The request body as already serialized, when the caller has it: it is sent as is, instead of
   * being read back out of the incoming Request (an asynchronous stream read per call).
   */
  body?: string | FormData | undefined;
  /**
   * Non-stream calls: receives the response body, read as text within the attempt's timeout, and
   * the original response is handed back with its body used. Without it, the body is read into a
   * buffered copy of the response (a second Response, read again by the caller).
   */
  onText?: ((text: string) => void) | undefined;
  /** True for streamed responses: the timeout stops at the headers and the body is handed over unread. */
  stream?: boolean;
  /** Waits between attempts; injectable so tests need not wait for real backoff. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Methods a server may safely receive twice: a body cut off mid-read is retried only for these. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** setTimeout fires at once for delays past 2^31 - 1 ms, so longer timeouts mean no timer at all. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * What the transport needs of a request: a `Request`, or the plain description the client's
 * dispatcher builds (no body stream, no signal: `options.body` and `options.signal` carry those).
 */
export interface OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly redirect?: RequestRedirect | undefined;
  readonly signal?: AbortSignal | null | undefined;
  readonly body?: ReadableStream<Uint8Array> | null | undefined;
  arrayBuffer?(): Promise<ArrayBuffer>;
}

/** Wraps `options.fetch` into one `(request) => Promise<Response>` with timeouts, retries and error mapping. */
export function createTransport(options: TransportOptions): (request: OutgoingRequest) => Promise<Response> {
  return (request) => send(request, options);
}

/** What every attempt of one call shares. */
interface Call {
  readonly original: OutgoingRequest;
  /** The request body, read once so every attempt resends identical bytes. */
  readonly body: ArrayBuffer | string | FormData | null;
  readonly callerSignal: AbortSignal | undefined;
  readonly options: TransportOptions;
}

/** An attempt's verdict that it failed in a way worth retrying; carries the headers for `Retry-After`. */
class RetryLater {
  constructor(readonly headers: Headers | undefined) {}
}
const RETRY_WITHOUT_HINT = new RetryLater(undefined);

async function send(original: OutgoingRequest, options: TransportOptions): Promise<Response> {
  const callerSignal = options.signal === null ? undefined : (options.signal ?? original.signal ?? undefined);
  if (callerSignal?.aborted) throw new APIUserAbortError();
  // Body-less requests (most GETs) skip the read: it is the hot path.
  const body = options.body ?? (original.body == null || !original.arrayBuffer ? null : await original.arrayBuffer());
  const call: Call = { original, body, callerSignal, options };
  const sleep = options.sleep ?? abortableSleep;

  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(call, attempt, attempt <= options.maxRetries);
    if (!(outcome instanceof RetryLater)) return outcome;
    try {
      await sleep(retryDelayMs(attempt - 1, outcome.headers), callerSignal);
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
  let bodyOutlivesAttempt = false;
  try {
    const doFetch = options.fetch; // detached call: browsers reject fetch invoked on another `this`
    let response: Response;
    try {
      const init: RequestInit = {
        method: original.method,
        headers: original.headers,
        body: call.body,
        redirect: original.redirect ?? 'follow',
        signal: abort.signal,
      };
      if (doFetch === globalThis.fetch) {
        // The runtime's own fetch gets a URL and an init, not a Request: it makes its own Request
        // from whatever it is given, so building one here (our signal wired into it, then wired
        // again into fetch's copy) doubled the most expensive part of a call. undici's fetch keeps
        // its Request, and with it the link from our signal, alive until the fetch is over.
        response = await doFetch(original.url, init);
      } else {
        // Another fetch may keep only the Request's signal: see `holdUntilReleased`.
        const request = new Request(original.url, init);
        abort.holdUntilReleased(request);
        response = await doFetch(request);
      }
    } catch (error) {
      const failure = abort.failure(error, 'Connection error.');
      if (canRetry && !(failure instanceof APIUserAbortError)) return RETRY_WITHOUT_HINT;
      throw failure;
    }

    if (response.ok) {
      if (options.stream) {
        abort.stopTimer();
        if (response.body === null) return response;
        bodyOutlivesAttempt = true;
        return releaseWhenBodyEnds(response, response.body, abort);
      }
      try {
        if (options.onText === undefined) return bufferedCopy(response, await response.arrayBuffer());
        options.onText(await response.text());
        return response;
      } catch (error) {
        const failure = abort.failure(error, 'Connection lost while reading the response body.');
        // The server has already handled the request: send it again only if doing so twice is harmless.
        if (canRetry && IDEMPOTENT_METHODS.has(original.method) && !(failure instanceof APIUserAbortError)) {
          return RETRY_WITHOUT_HINT;
        }
        throw failure;
      }
    }

    if (canRetry && isRetryableStatus(response.status)) {
      // Free the connection now rather than when the garbage collector gets to it.
      response.body?.cancel().catch(ignore);
      return new RetryLater(response.headers);
    }
    throw await statusError(response, abort, attempt);
  } finally {
    if (!bodyOutlivesAttempt) abort.release();
  }
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

  /**
   * The attempt's Request. Its signal follows ours only through a WeakRef to the Request's own
   * controller (undici), which only the Request keeps alive: once nothing else held the Request, a
   * garbage collection silently cut the timeout and the caller's abort off from the fetch, and a
   * request to a server that never answers hung forever. The timer and the caller's listener hold
   * this object, so holding the Request here keeps that link for as long as an abort can come.
   */
  readonly #held: Request[] = [];

  readonly #onCallerAbort = () => this.#fire('caller');
  readonly #onTimeout = () => this.#fire('timeout');

  #fire(by: 'caller' | 'timeout'): void {
    if (this.#firedBy !== undefined) return;
    this.#firedBy = by;
    this.#controller.abort(by === 'caller' ? this.#callerSignal?.reason : undefined);
  }

  /** Names what made a fetch or a body read fail. */
  failure(cause: unknown, connectionMessage: string): OpenRouterError {
    if (this.#firedBy === 'caller' || this.#callerSignal?.aborted) return new APIUserAbortError();
    if (this.#firedBy === 'timeout') return new APITimeoutError(`Request timed out after ${this.#timeout} ms.`);
    // The cause may be verbose, but the message stays fixed: it must never echo request details.
    return new APIConnectionError(connectionMessage, { cause });
  }

  /** True once the caller's signal has cancelled this attempt. */
  get abortedByCaller(): boolean {
    return this.#firedBy === 'caller' || this.#callerSignal?.aborted === true;
  }

  holdUntilReleased(request: Request): void {
    this.#held.push(request);
  }

  stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Leaves nothing behind: no timer to keep the process alive, no listener on the caller's signal. */
  release(): void {
    this.stopTimer();
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    this.#held.length = 0;
  }
}

/** The non-2xx response as an `APIError` (subclass by status), body parsed as JSON when it is JSON. */
async function statusError(response: Response, abort: AttemptAbort, attempts: number): Promise<OpenRouterError> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    if (abort.abortedByCaller) return new APIUserAbortError();
    // The status alone still says what went wrong: better than reporting a connection error.
    return APIError.from(response.status, undefined, response.headers, attempts);
  }
  return APIError.from(response.status, parseJsonOrText(text), response.headers, attempts);
}

/** An answer's body as parsed JSON when it is JSON, else the text itself. */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A response over the already-read bytes, so the caller's parsing cannot fail or hang on the network. */
function bufferedCopy(response: Response, buffer: ArrayBuffer): Response {
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
function releaseWhenBodyEnds(response: Response, source: ReadableStream<Uint8Array>, abort: AttemptAbort): Response {
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          abort.release();
          controller.error(abort.failure(error, 'Connection lost while reading the response stream.'));
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
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
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
