// The iterable returned for `stream: true` requests: SSE events in, parsed JSON chunks out,
// with OpenRouter's in-stream errors and dropped connections turned into typed errors.

import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError, OpenRouterError } from './errors';
import { readServerSentEvents, type ServerSentEvent } from './sse';

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
 * - Iteration ends at `data: [DONE]`. A body that ends cleanly without `[DONE]` also just ends:
 *   some providers omit it, and a cut connection shows up as a read error instead.
 * - A chunk with a top-level `error` object throws the matching `APIError` subclass, after every
 *   chunk before it has been delivered; the error's `chunk` property holds the erroring chunk.
 * - Events with empty data (`data:` alone) are skipped; other data that is not JSON throws.
 * - Leaving the loop early (`break`, `return`, an exception) aborts `controller`, which cancels
 *   the HTTP request. So does any error.
 * - A stream can be iterated once.
 */
export class Stream<T> implements AsyncIterable<T> {
  private iterator: AsyncGenerator<T, void, undefined> | undefined;
  private endedCleanly = false;
  private failure: unknown;

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

  private startIterating(): AsyncGenerator<T, void, undefined> {
    this.iterator = this.iterate();
    return this.iterator;
  }

  private async *iterate(): AsyncGenerator<T, void, undefined> {
    let events: AsyncGenerator<ServerSentEvent> | undefined;
    try {
      const body = this.response.body;
      if (body === null) throw new OpenRouterError('The streaming response has no body.');
      events = readServerSentEvents(body);
      for (;;) {
        const step = await this.nextEvent(events);
        if (step.done) break;
        const { data } = step.value;
        if (data === '[DONE]') break;
        if (data === '') continue;
        const chunk = parseChunk(data);
        const error = errorIn(chunk);
        if (error !== undefined) throw this.chunkError(error, chunk);
        this.onChunk(chunk as T);
        yield chunk as T;
      }
      this.endedCleanly = true;
    } catch (error) {
      this.failure = error;
      throw error;
    } finally {
      // Covers the consumer leaving early too: the generator is closed from its `yield`.
      if (!this.endedCleanly) this.controller.abort();
      await events?.return(undefined);
    }
  }

  private async nextEvent(events: AsyncGenerator<ServerSentEvent>): Promise<IteratorResult<ServerSentEvent>> {
    // Checked before each read: after a user abort, chunks already buffered are not delivered.
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
    const status = statusFrom(error.code) ?? this.response.status;
    const apiError: StreamChunkError = APIError.from(status, { error }, this.response.headers);
    apiError.chunk = chunk;
    return apiError;
  }
}

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

/** An error chunk's `code` is an HTTP status when it is one (400 to 599), as a number or a numeric string. */
function statusFrom(code: unknown): number | undefined {
  const status = typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : code;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
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
