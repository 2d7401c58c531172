// Builds byte streams and responses that arrive in exactly the pieces a test chooses.
import { readFileSync } from 'node:fs';
import { type ReadOptions, readServerSentEventBatches, type ServerSentEvent } from '../../../src/internal/sse';

const encoder = new TextEncoder();

/** The events of an SSE body one at a time (the SDK reads them a batch per read of the body). */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  options?: ReadOptions,
): AsyncGenerator<ServerSentEvent> {
  for await (const batch of readServerSentEventBatches(body, options)) yield* batch;
}

export function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A hand-written fixture from test/fixtures/sse, as bytes. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/sse/${name}`, import.meta.url)));
}

/** A body that hands out one piece per read, in order, then closes. */
export function bodyOf(pieces: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next++];
      if (piece === undefined) controller.close();
      else controller.enqueue(piece);
    },
  });
}

export function responseOf(pieces: readonly Uint8Array[], init?: ResponseInit): Response {
  return new Response(bodyOf(pieces), init);
}

/** `data` cut at the given offsets (sorted, deduplicated by the caller or not: empty pieces are kept). */
export function splitAt(data: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(data.subarray(start, cut));
    start = cut;
  }
  pieces.push(data.subarray(start));
  return pieces;
}

export function onePiecePerByte(data: Uint8Array): Uint8Array[] {
  return Array.from(data, (_, i) => data.subarray(i, i + 1));
}

export async function decodeAll(pieces: readonly Uint8Array[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(bodyOf(pieces))) events.push(event);
  return events;
}

/**
 * A body fed by hand that errors when `signal` aborts, as a fetch body does when its request's
 * signal fires. `cancelled` records whether the reader cancelled it.
 */
export function manualBody(signal?: AbortSignal) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  signal?.addEventListener('abort', () => {
    try {
      controller.error(signal.reason);
    } catch {
      // Already closed or errored: nothing left to interrupt.
    }
  });
  return {
    stream,
    state,
    push: (text: string) => controller.enqueue(bytes(text)),
    close: () => controller.close(),
    fail: (reason: unknown) => controller.error(reason),
  };
}
