// The iterable returned for `stream: true` requests: SSE events in, parsed JSON items out, with
// in-stream errors and dropped connections turned into typed errors. One class for every
// streaming operation; what differs between them (error events, the last event) is a
// `StreamProtocol` that each API's file in src/streams/ hands in.

import { isFields } from '../internal/fields';
import { readJsonLineBatches } from '../internal/ndjson';
import { knownSecretList, redactValue } from '../internal/redact';
import { unrefTimer } from '../internal/runtime';
import { type ReadOptions, readServerSentEventBatches, type ServerSentEvent } from '../internal/sse';
import { teeIterator } from '../internal/tee';
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError, apiError, OpenRouterError } from './errors';

/** An error reported inside a stream, normalised to the shape of an OpenRouter error body's `error`. */
export interface StreamErrorPayload {
  code?: number | string | null;
  message?: string;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What differs between the streaming operations: how an item reports an error, and which item is the last. */
export interface StreamProtocol {
  /** The error `item` reports (the stream throws it instead of delivering the item), if any. */
  errorIn(item: unknown, event: ServerSentEvent): StreamErrorPayload | undefined;
  /** Whether `item` is the last of its stream: iteration ends right after delivering it. */
  isLast(item: unknown): boolean;
}

/** The item's `type`, else the SSE `event:` name (Anthropic-style streams send both). */
export function eventType(item: unknown, event: ServerSentEvent): unknown {
  return isFields(item) && item.type !== undefined ? item.type : event.event;
}

/** `{ error: {...} }` next to the data, as chat chunks, Messages and image error events carry it. */
export function nestedError(item: unknown): StreamErrorPayload | undefined {
  if (!isFields(item)) return undefined;
  const { error } = item;
  return isFields(error) ? (error as StreamErrorPayload) : undefined;
}

/**
 * An `error` event whose `error` object has the details, its `type` (`overloaded_error`, ...)
 * standing in for a missing code (Anthropic Messages, image generation).
 */
export function typedErrorEvent(item: unknown, event: ServerSentEvent): StreamErrorPayload | undefined {
  if (eventType(item, event) !== 'error') return undefined;
  const error = nestedError(item);
  if (error === undefined) return { message: 'The stream reported an error without details.' };
  return error.code === undefined || error.code === null ? { ...error, code: error.type as string } : error;
}

/**
 * The protocol of a `Stream` made without one: an item with a top-level `error` object is an error
 * (chat completions' chunks); the end is `[DONE]` or the body's end.
 */
export const defaultProtocol: StreamProtocol = {
  errorIn: nestedError,
  isLast: () => false,
};

// The type of an event the SDK's types do not list, so a stream can deliver it without spoiling
// the narrowing of the events it does list.
declare const unknownEventType: unique symbol;

/**
 * The `type` of an event this SDK's types do not list (at run time, the event's type string:
 * `String(event.type)` gives it as a `string`). It is typed apart so that `event.type === 'x'`,
 * for a listed type `'x'`, narrows the event to the listed event alone: a plain `string` here
 * would keep this fallback in every branch, and with it `unknown` for every field.
 */
// biome-ignore lint/complexity/noBannedTypes: `string & ...` stays comparable to every literal and so spoils narrowing; the `String` object type does not
export type UnknownEventType = String & { readonly [unknownEventType]: true };

/** An event of a type the SDK does not know yet, delivered as it came. */
export interface UnknownStreamEvent {
  readonly type: UnknownEventType;
  readonly [field: string]: unknown;
}

/**
 * Items a `DeferredMerge` keeps before it merges them. A chat answer is rarely longer, so reading
 * one does no merge work; a longer stream holds at most this many items (≈ 3 KB of heap each).
 */
const MERGE_BATCH = 2048;

/**
 * The merge behind a stream's `final*()`, done only when asked: `for await` hands each item to
 * `keep` (one push), and `result()` merges the items kept so far, then the accumulator answers.
 * A stream longer than `MERGE_BATCH` items merges them in batches of that size as it goes, so
 * reading it never holds more than one batch of items.
 */
export class DeferredMerge<Item, Result> {
  private kept: Item[] = [];

  constructor(private readonly accumulator: { add(item: Item): void; result(): Result }) {}

  keep(item: Item): void {
    if (this.kept.push(item) >= MERGE_BATCH) this.merge();
  }

  result(): Result {
    this.merge();
    return this.accumulator.result();
  }

  private merge(): void {
    const items = this.kept;
    this.kept = [];
    for (const item of items) this.accumulator.add(item);
  }
}

/**
 * An `APIError` raised by an error event. `chunk` is that event. `usage` is what the server
 * reported as used (what was billed) with the error or in an event right after it: OpenRouter may
 * send a usage chunk after an error chunk, and the error is the only thing the caller gets, so it
 * carries it (`undefined` when none came). `generationId` comes from the chunk's `id` (`gen-...`).
 */
export type StreamChunkError = APIError & { chunk?: unknown; usage?: unknown };

/** How a `Stream` reads its response (`idleTimeout`: see `ReadOptions`). */
export interface StreamOptions extends ReadOptions {
  /** The operation's error and end events. Default: `defaultProtocol` (a top-level `error` object, no last event). */
  protocol?: StreamProtocol | undefined;
  /**
   * The body's encoding: Server-Sent Events (the API's), or newline-delimited JSON items (what
   * `toReadableStream()` writes). Default `'sse'`.
   */
  format?: 'sse' | 'ndjson' | undefined;
  /** @internal Items already parsed and checked by another stream (`tee()`), read instead of the body. */
  items?: AsyncIterator<unknown> | undefined;
  /** @internal Sees every item parsed from the body (error events too), then the end: the client's usage record. */
  observer?: StreamObserver | undefined;
}

/** @internal What the client watches a stream with (see src/core/usage-ledger.ts). */
export interface StreamObserver {
  item(item: unknown): void;
  end(): void;
}

/** The constructor every `Stream` subclass has; `fromReadableStream` and `tee` build through it. */
export type StreamConstructor<S> = new (
  response: Response,
  controller: AbortController,
  userSignal?: AbortSignal,
  options?: StreamOptions,
) => S;

/**
 * The items of a streamed response, parsed from its Server-Sent Events.
 *
 * - Iteration ends at `data: [DONE]`, or after the protocol's last event (`response.completed`,
 *   `message_stop`, ...); what follows is ignored (the body is read to its end in the background,
 *   so the connection can be reused). A body that ends cleanly without either also just ends:
 *   some providers omit `[DONE]`, and a cut connection shows up as a read error instead.
 * - Comments (OpenRouter's `: OPENROUTER PROCESSING` keep-alives) and events with empty data are
 *   skipped; other data that is not JSON throws.
 * - An error event (a chat chunk with a top-level `error`, an `error` event) throws the matching
 *   `APIError` subclass, after every item before it has been delivered; the error's `chunk`
 *   property holds the event.
 * - Events of types this SDK does not know are delivered unchanged.
 * - Leaving the loop early (`break`, `return`, an exception) aborts `controller`, which cancels
 *   the HTTP request. So does any error.
 * - A stream can be iterated once (`tee()` gives two that can each be iterated).
 */
export class Stream<T> implements AsyncIterable<T> {
  private iterator: AsyncIterableIterator<T> | undefined;
  private endedCleanly = false;
  private failure: unknown;
  private readonly protocol: StreamProtocol;
  private readonly idleTimeout: number | undefined;
  private readonly format: 'sse' | 'ndjson';
  private readonly items: AsyncIterator<unknown> | undefined;
  private readonly observer: StreamObserver | undefined;
  // The iteration's state (see `nextChunk`).
  private events: AsyncGenerator<ServerSentEvent[]> | undefined;
  private batch: ServerSentEvent[] = [];
  private position = 0;
  private finished = false;
  /** The protocol's last event was delivered: the next call ends the iteration. */
  private lastDelivered = false;
  /** The generation id (`gen-...`) of the items so far, for an error event that does not repeat it. */
  private generationId: string | undefined;
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
    options: StreamOptions = {},
  ) {
    this.protocol = options.protocol ?? defaultProtocol;
    this.idleTimeout = options.idleTimeout;
    this.format = options.format ?? 'sse';
    this.items = options.items;
    this.observer = options.observer;
  }

  /**
   * Rebuilds a stream from the bytes `toReadableStream()` produced (newline-delimited JSON), for
   * example in a browser reading a server route that forwarded a stream. Called on a subclass
   * (`ResponsesStream.fromReadableStream(body)`), it gives that subclass, accumulator included.
   * Error events and the end are recognised as on the original stream.
   */
  static fromReadableStream<S>(
    this: StreamConstructor<S>,
    readable: ReadableStream<Uint8Array>,
    controller: AbortController = new AbortController(),
  ): S {
    return new this(new Response(readable), controller, undefined, { format: 'ndjson' });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.iterator !== undefined) {
      throw new OpenRouterError(
        'This stream has already been iterated (or consumed by another method): a stream can be read only once.',
      );
    }
    return this.startIterating();
  }

  /**
   * Two streams that each deliver every item of this one (this one is consumed). Each can be read
   * at its own pace; the request is cancelled only when both have ended or been abandoned. Both
   * keep the accumulator methods of this stream's class.
   */
  tee(): [this, this] {
    const source = this[Symbol.asyncIterator]();
    const [left, right] = teeIterator(source);
    const Construct = this.constructor as StreamConstructor<this>;
    const options = (items: AsyncIterator<unknown>): StreamOptions => ({ protocol: this.protocol, items });
    return [
      new Construct(this.response, this.controller, this.userSignal, options(left)),
      new Construct(this.response, this.controller, this.userSignal, options(right)),
    ];
  }

  /**
   * The items as newline-delimited JSON bytes (one `JSON.stringify(item)` and `\n` per item), to
   * send from a server route; `Stream.fromReadableStream()` reads them back. An error event is
   * written as its line, then the bytes end, so the reading side throws the same typed error;
   * other failures error the readable stream. Cancelling the readable stream cancels the request.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    const iterator = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const step = await iterator.next();
          if (step.done) {
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(`${JSON.stringify(step.value)}\n`));
        } catch (error) {
          const chunk = error instanceof APIError ? (error as StreamChunkError).chunk : undefined;
          if (chunk === undefined) {
            controller.error(error);
            return;
          }
          controller.enqueue(encoder.encode(`${JSON.stringify(chunk)}\n`));
          // The usage that followed the error, as a line of its own: the reading side attaches it
          // to its error the same way.
          const { usage } = error as StreamChunkError;
          if (usage !== undefined) controller.enqueue(encoder.encode(`${JSON.stringify({ usage })}\n`));
          controller.close();
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    });
  }

  /** Called with each item just before it is delivered; subclasses keep their own running state. */
  protected onChunk(_chunk: T): void {}

  /**
   * Reads whatever the consumer has not read yet, through the same iterator, so `onChunk` has seen
   * every item when it resolves. Rethrows the stream's error, and throws if the stream was abandoned.
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
   * The iterator is written by hand, not as an async generator: an item already received is handed
   * over as one resolved promise. The same loop as an async generator took ≈ 10 % more CPU time to
   * read a 2,000-chunk chat stream (measured side by side in one process, median of 100 paired
   * rounds). It behaves like one: calls wait for the one in progress, and after the end, an error or
   * `return()`, `next()` answers `done`.
   */
  private startIterating(): AsyncIterableIterator<T> {
    const iterator: AsyncIterableIterator<T> = {
      next: () => (this.items === undefined ? this.nextChunk() : this.exclusive(() => this.relay())),
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

  /** The next item among the events already read, if there is one; throws what the stream throws. */
  private takeChunk(): T | typeof READ_MORE | typeof END {
    if (this.lastDelivered) return END;
    const { batch, protocol } = this;
    while (this.position < batch.length) {
      const event = batch[this.position++] as ServerSentEvent;
      // Checked before each item: after a user abort, items already received are not delivered.
      if (this.userSignal?.aborted) throw new APIUserAbortError();
      const { data } = event;
      if (data === '[DONE]') return END;
      if (data === '') continue;
      const chunk = parseChunk(data);
      this.observer?.item(chunk);
      const error = protocol.errorIn(chunk, event);
      if (error !== undefined) throw this.chunkError(error, chunk);
      this.generationId ??= generationIdOf(chunk);
      this.onChunk(chunk as T);
      if (protocol.isLast(chunk)) this.lastDelivered = true;
      return chunk as T;
    }
    return READ_MORE;
  }

  /** Reads until there is an item to deliver, or the end. */
  private async readChunk(): Promise<IteratorResult<T>> {
    try {
      for (;;) {
        if (this.events === undefined) {
          const body = this.response.body;
          if (body === null) throw new OpenRouterError('The streaming response has no body.');
          // The events of each read come as one array, taken synchronously by `takeChunk`.
          this.events =
            this.format === 'ndjson'
              ? readJsonLineBatches(body)
              : readServerSentEventBatches(body, { idleTimeout: this.idleTimeout });
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

  /** A stream made by `tee()`: its items were parsed and checked by the stream it came from. */
  private async relay(): Promise<IteratorResult<T>> {
    if (this.finished) return DONE;
    const items = this.items as AsyncIterator<unknown>;
    let step: IteratorResult<unknown>;
    try {
      step = await items.next();
    } catch (error) {
      this.finished = true;
      this.failure = error;
      throw error;
    }
    if (step.done) {
      this.finished = true;
      this.endedCleanly = true;
      return DONE;
    }
    this.onChunk(step.value as T);
    return { value: step.value as T, done: false };
  }

  private end(): Promise<IteratorResult<T>> {
    this.observer?.end();
    this.finished = true;
    this.endedCleanly = true;
    if (this.events !== undefined) this.drainAfterDone(this.events);
    return Promise.resolve(DONE);
  }

  /**
   * The body normally ends right after the last event. Cancelling it there, before its last bytes
   * were read, made the HTTP client drop the connection now and then, and the next call paid for a
   * new one (a TLS handshake, against the real API). So the rest is read in the background and
   * ignored; the download is cancelled only if events other than `[DONE]` still come, and the
   * request if the body has not ended within a second.
   */
  private drainAfterDone(events: AsyncGenerator<ServerSentEvent[]>): void {
    const timer = setTimeout(() => this.controller.abort(), DRAIN_MS);
    unrefTimer(timer); // never keeps a process alive
    const readOn = (): Promise<unknown> =>
      events.next().then(
        (step) => {
          if (step.done) return clearTimeout(timer);
          if (step.value.every((event) => event.data === '[DONE]' || event.data === '')) return readOn();
          clearTimeout(timer);
          return events.return(undefined);
        },
        () => clearTimeout(timer),
      );
    readOn();
  }

  private async fail(error: unknown): Promise<never> {
    this.observer?.end();
    this.finished = true;
    const readPending = error instanceof APIError && 'chunk' in error && (await this.attachUsage(error));
    this.failure = error;
    this.controller.abort();
    // A read still pending (the wait for usage ran out) would hold `return()` up until it settles.
    if (readPending) this.events?.return(undefined).catch(() => {});
    else await this.events?.return(undefined);
    throw error;
  }

  /**
   * Sets `error.usage` from the error event's own `usage`, else from the events after it: the rest
   * of the events already read, then more of the body, until `[DONE]` or the end, for at most
   * `USAGE_WAIT_MS` (a server that stays open after an error must not hold the error up).
   * True when it stopped waiting with a read still in progress.
   */
  private async attachUsage(error: StreamChunkError): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      const started = setTimeout(() => resolve(undefined), USAGE_WAIT_MS);
      unrefTimer(started);
      timer = started;
    });
    try {
      for (let item = error.chunk; ; ) {
        const usage = isFields(item) ? item.usage : undefined;
        if (isFields(usage)) {
          error.usage = redactValue(usage, knownSecretList());
          return false;
        }
        const event = this.batch[this.position++];
        if (event === undefined) {
          if (this.events === undefined) return false;
          const step = await Promise.race([this.events.next().catch(() => DONE), timeout]);
          if (step === undefined) return true;
          if (step.done) return false;
          this.batch = step.value;
          this.position = 0;
          item = undefined;
        } else if (event.data === '[DONE]') {
          return false;
        } else {
          try {
            item = JSON.parse(event.data);
          } catch {
            item = undefined;
          }
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** The consumer left early: cancel the request. */
  private stopIterating(): Promise<IteratorResult<T>> {
    if (this.busy !== undefined) return this.busy.then(() => this.stopIterating());
    if (this.finished) return Promise.resolve(DONE);
    this.finished = true;
    return this.exclusive(async () => {
      if (this.items !== undefined) {
        // A tee branch: the source is cancelled once both branches are done (see teeIterator).
        await this.items.return?.();
        return DONE;
      }
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
    // Our own errors (the idle timeout, a connection error the transport already named) pass as
    // they are: wrapping them again would repeat their message inside another.
    if (cause instanceof OpenRouterError) return cause;
    const { signal } = this.controller;
    if (signal.aborted && isTimeout(signal.reason)) return new APITimeoutError();
    // The transport's own read error already says what happened: wrapping it again doubled the message.
    if (cause instanceof OpenRouterError) return cause;
    return new APIConnectionError(`The connection was lost while reading the stream: ${describe(cause)}`, { cause });
  }

  private chunkError(error: StreamErrorPayload, chunk: unknown): StreamChunkError {
    // Never the stream's own 200: see `errorStatus`. A server may echo the key into the error:
    // the error redacts its body itself, and the chunk is redacted here. The chunk's `id` goes into
    // the body too, where `generationId` finds it (as for an error in a 200 JSON body).
    // An error event without one (Messages, Responses) takes the id the stream's earlier items gave.
    const id = generationIdOf(chunk) ?? this.generationId;
    const body = id === undefined ? { error } : { id, error };
    const thrown: StreamChunkError = apiError('stream', body, this.response.headers);
    thrown.chunk = redactValue(chunk, knownSecretList());
    return thrown;
  }
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
/** How long the rest of a body after its last event may take to end before the request is cancelled. */
const DRAIN_MS = 1000;
/** How long an error event waits for the usage that may follow it (see `attachUsage`). */
const USAGE_WAIT_MS = 1000;
/** `takeChunk` found no item among the events read so far. */
const READ_MORE = Symbol('read more');
/** `takeChunk` found the end (`[DONE]`, or the protocol's last event was delivered). */
const END = Symbol('end');

/** The `gen-...` id of a chat chunk, of Messages' `message_start` message, or of a Responses event's response. */
function generationIdOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { id, message, response } = item as { id?: unknown; message?: { id?: unknown }; response?: { id?: unknown } };
  for (const candidate of [id, message?.id, response?.id]) {
    if (typeof candidate === 'string' && candidate.startsWith('gen-')) return candidate;
  }
  return undefined;
}

function parseChunk(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch (cause) {
    throw new OpenRouterError(`A stream event's data is not valid JSON: ${data.slice(0, 200)}`, { cause });
  }
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
