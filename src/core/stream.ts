// The iterable returned for `stream: true` requests: SSE events in, parsed JSON chunks out,
// with OpenRouter's in-stream errors and dropped connections turned into typed errors.

import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  OpenRouterError,
  statusFromErrorCode,
} from './errors';
import { readServerSentEventBatches, type ServerSentEvent } from './sse';
import { unrefTimer } from './unref-timer';

/** The `error` object OpenRouter puts inside a chunk when a generation fails after the 200 was sent. */
interface StreamErrorPayload {
  code?: number | string;
  message?: string;
  metadata?: Record<string, unknown>;
}

/** An `APIError` raised by an error chunk carries that chunk (its `usage` says what was billed). */
export type StreamChunkError = APIError & { chunk?: unknown };

/**
 * The chunks of a streamed response, parsed from its Server-Sent Events.
 *
 * - Iteration ends at `data: [DONE]`; what follows is ignored (the body is read to its end in the
 *   background, so the connection can be reused). A body that ends cleanly without `[DONE]` also
 *   just ends: some providers omit it, and a cut connection shows up as a read error instead.
 * - A chunk with a top-level `error` object throws the matching `APIError` subclass, after every
 *   chunk before it has been delivered; the error's `chunk` property holds the erroring chunk.
 * - Events with empty data (`data:` alone) are skipped; other data that is not JSON throws.
 * - Leaving the loop early (`break`, `return`, an exception) aborts `controller`, which cancels
 *   the HTTP request. So does any error.
 * - A stream can be iterated once.
 */
export class Stream<T> implements AsyncIterable<T> {
  private iterator: AsyncIterableIterator<T> | undefined;
  private endedCleanly = false;
  private failure: unknown;
  // The iteration's state (see `nextChunk`).
  private events: AsyncGenerator<ServerSentEvent[]> | undefined;
  private batch: ServerSentEvent[] = [];
  private position = 0;
  private finished = false;
  /** The call in progress that has to wait (for a read, or for the end): later calls wait for it. */
  private busy: Promise<unknown> | undefined;

  /**
   * @param response the streaming response; its body is read lazily, on first iteration.
   * @param controller aborts the HTTP request behind `response`.
   * @param userSignal the caller's own signal, if any: tells a user abort from a dropped connection.
   */
  constructor(
    readonly response: Response,
    readonly controller: AbortController,
    private readonly userSignal?: AbortSignal,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.iterator !== undefined) {
      throw new OpenRouterError(
        'This stream has already been iterated (or consumed by another method): a stream can be read only once.',
      );
    }
    return this.startIterating();
  }

  /** Called with each chunk just before it is delivered; subclasses keep their own running state. */
  protected onChunk(_chunk: T): void {}

  /**
   * Reads whatever the consumer has not read yet, through the same iterator, so `onChunk` has seen
   * every chunk when it resolves. Rethrows the stream's error, and throws if the stream was abandoned.
   */
  protected async consumeRest(): Promise<void> {
    const iterator = this.iterator ?? this.startIterating();
    while (!(await iterator.next()).done) {}
    if (this.failure !== undefined) throw this.failure;
    if (!this.endedCleanly) {
      throw new OpenRouterError(
        'The stream was abandoned before its end (the loop reading it exited early), so the rest of it is lost.',
      );
    }
  }

  /**
   * The iterator is written by hand, not as an async generator: a chunk already received is handed
   * over as one resolved promise, where a generator spent several promises per chunk (more than
   * parsing the chunk). It behaves like one: calls wait for the one in progress, and after the end,
   * an error or `return()`, `next()` answers `done`.
   */
  private startIterating(): AsyncIterableIterator<T> {
    const iterator: AsyncIterableIterator<T> = {
      next: () => this.nextChunk(),
      // Called by `for await` when the loop exits early (`break`, `return`, an exception).
      return: () => this.stopIterating(),
      [Symbol.asyncIterator]: () => iterator,
    };
    this.iterator = iterator;
    return iterator;
  }

  private nextChunk(): Promise<IteratorResult<T>> {
    if (this.busy !== undefined) return this.busy.then(() => this.nextChunk());
    if (this.finished) return Promise.resolve(DONE);
    let chunk: T | typeof READ_MORE | typeof END;
    try {
      chunk = this.takeChunk();
    } catch (error) {
      return this.exclusive(() => this.fail(error));
    }
    if (chunk === READ_MORE) return this.exclusive(() => this.readChunk());
    if (chunk === END) return this.exclusive(() => this.end());
    return Promise.resolve({ value: chunk, done: false });
  }

  /** The next chunk among the events already read, if there is one; throws what the stream throws. */
  private takeChunk(): T | typeof READ_MORE | typeof END {
    const { batch } = this;
    while (this.position < batch.length) {
      const { data } = batch[this.position++] as ServerSentEvent;
      // Checked before each chunk: after a user abort, chunks already received are not delivered.
      if (this.userSignal?.aborted) throw new APIUserAbortError();
      if (data === '[DONE]') return END;
      if (data === '') continue;
      const chunk = parseChunk(data);
      const error = errorIn(chunk);
      if (error !== undefined) throw this.chunkError(error, chunk);
      this.onChunk(chunk as T);
      return chunk as T;
    }
    return READ_MORE;
  }

  /** Reads until there is a chunk to deliver, or the end. */
  private async readChunk(): Promise<IteratorResult<T>> {
    try {
      for (;;) {
        if (this.events === undefined) {
          const body = this.response.body;
          if (body === null) throw new OpenRouterError('The streaming response has no body.');
          // The events of each read come as one array, taken synchronously by `takeChunk`.
          this.events = readServerSentEventBatches(body);
        }
        const step = await this.nextEvents(this.events);
        if (step.done) return await this.end();
        this.batch = step.value;
        this.position = 0;
        const chunk = this.takeChunk();
        if (chunk === END) return await this.end();
        if (chunk !== READ_MORE) return { value: chunk, done: false };
      }
    } catch (error) {
      return this.fail(error);
    }
  }

  private end(): Promise<IteratorResult<T>> {
    this.finished = true;
    this.endedCleanly = true;
    if (this.events !== undefined) this.drainAfterDone(this.events);
    return Promise.resolve(DONE);
  }

  /**
   * The body normally ends right after `[DONE]`. Cancelling it there, before its last bytes were
   * read, made the HTTP client drop the connection now and then, and the next call paid for a new
   * one (a TLS handshake, against the real API). So the rest is read in the background and
   * ignored; the download is cancelled only if events still come, and the request if the body has
   * not ended within a second.
   */
  private drainAfterDone(events: AsyncGenerator<ServerSentEvent[]>): void {
    const timer = setTimeout(() => this.controller.abort(), DRAIN_MS);
    unrefTimer(timer); // never keeps a process alive
    events.next().then(
      (step) => {
        clearTimeout(timer);
        if (!step.done) return events.return(undefined);
      },
      () => clearTimeout(timer),
    );
  }

  private async fail(error: unknown): Promise<never> {
    this.finished = true;
    this.failure = error;
    this.controller.abort();
    await this.events?.return(undefined);
    throw error;
  }

  /** The consumer left early: cancel the request. */
  private stopIterating(): Promise<IteratorResult<T>> {
    if (this.busy !== undefined) return this.busy.then(() => this.stopIterating());
    if (this.finished) return Promise.resolve(DONE);
    this.finished = true;
    return this.exclusive(async () => {
      this.controller.abort();
      await this.events?.return(undefined);
      return DONE;
    });
  }

  /** Runs `call` with later calls waiting for it to settle. */
  private exclusive(call: () => Promise<IteratorResult<T>>): Promise<IteratorResult<T>> {
    const result = call();
    const settled: Promise<unknown> = result.then(
      () => this.release(settled),
      () => this.release(settled),
    );
    this.busy = settled;
    return result;
  }

  private release(settled: Promise<unknown>): void {
    if (this.busy === settled) this.busy = undefined;
  }

  private async nextEvents(events: AsyncGenerator<ServerSentEvent[]>): Promise<IteratorResult<ServerSentEvent[]>> {
    // Checked before each read too: a user abort stops the download before another read.
    if (this.userSignal?.aborted) throw new APIUserAbortError();
    try {
      return await events.next();
    } catch (cause) {
      throw this.readError(cause);
    }
  }

  private readError(cause: unknown): OpenRouterError {
    if (this.userSignal?.aborted) return new APIUserAbortError();
    const { signal } = this.controller;
    if (signal.aborted && isTimeout(signal.reason)) return new APITimeoutError();
    return new APIConnectionError(`The connection was lost while reading the stream: ${describe(cause)}`, { cause });
  }

  private chunkError(error: StreamErrorPayload, chunk: unknown): StreamChunkError {
    const status = statusFromErrorCode(error.code) ?? this.response.status;
    const apiError: StreamChunkError = APIError.from(status, { error }, this.response.headers);
    apiError.chunk = chunk;
    return apiError;
  }
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
/** How long the rest of a body after `[DONE]` may take to end before the request is cancelled. */
const DRAIN_MS = 1000;
/** `takeChunk` found no chunk among the events read so far. */
const READ_MORE = Symbol('read more');
/** `takeChunk` found `[DONE]`. */
const END = Symbol('end');

function parseChunk(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (cause) {
    throw new OpenRouterError(`A stream event's data is not valid JSON: ${data.slice(0, 200)}`, { cause });
  }
}

function errorIn(chunk: unknown): StreamErrorPayload | undefined {
  if (typeof chunk !== 'object' || chunk === null || !('error' in chunk)) return undefined;
  const { error } = chunk;
  return typeof error === 'object' && error !== null ? (error as StreamErrorPayload) : undefined;
}

/** An abort reason that says "timed out": ours, or the DOMException from `AbortSignal.timeout()`. */
function isTimeout(reason: unknown): boolean {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    'name' in reason &&
    (reason.name === 'TimeoutError' || reason instanceof APITimeoutError)
  );
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
