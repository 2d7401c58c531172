// GET /generation answers 404 for a few seconds after a generation ends, until its stats are
// written. This waits for them: the 404 is asked again, with growing pauses, for a bounded time.
import { getGeneration } from '../../generated/operations.gen';
import type { GetGenerationResponse } from '../../generated/types.gen';
import { APIUserAbortError, NotFoundError, OpenRouterError } from '../core/errors';
import type { RequestOptions } from '../core/options';
import { generationIdOf } from '../internal/call-ids';
import type { HttpClient } from '../internal/http';

/** A generation: its `gen-...` id, an answer with an `id` (a completion), or a stream this client made, once read. */
export type GenerationSource = string | { readonly id?: unknown } | AsyncIterable<unknown>;

export interface WaitForGenerationOptions extends RequestOptions {
  /** How long to keep asking while the answer is 404, in ms. Default 30000. */
  waitTimeout?: number | undefined;
  /** The first pause between two asks, in ms; it doubles up to 2 s. Default 250. */
  interval?: number | undefined;
}

const MAX_INTERVAL_MS = 2_000;

/** The stats of a generation (`GET /generation?id=`), asking again while they are not written yet (404). */
export async function waitForGeneration(
  client: HttpClient,
  source: GenerationSource,
  options: WaitForGenerationOptions = {},
): Promise<GetGenerationResponse> {
  const id = typeof source === 'string' ? source : (generationIdOf(source) ?? idField(source));
  if (typeof id !== 'string' || id === '') {
    throw new OpenRouterError(
      'waitForGeneration: no generation id: give the `gen-...` id, a completion, or a stream after reading it.',
    );
  }
  const { waitTimeout = 30_000, interval = 250, ...requestOptions } = options;
  for (const [name, value] of [
    ['waitTimeout', waitTimeout],
    ['interval', interval],
  ] as const) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new OpenRouterError(
        `waitForGeneration: ${name} must be a number of milliseconds >= 0, got ${String(value)}.`,
      );
    }
  }
  const deadline = Date.now() + waitTimeout;
  for (let pause = Math.max(interval, 1); ; pause = Math.min(pause * 2, MAX_INTERVAL_MS)) {
    try {
      return await client.request<GetGenerationResponse>(getGeneration, { query: { id } }, requestOptions);
    } catch (error) {
      if (!(error instanceof NotFoundError) || Date.now() + pause > deadline) throw error;
    }
    await sleep(pause, requestOptions.signal);
  }
}

function idField(source: unknown): unknown {
  return typeof source === 'object' && source !== null ? (source as { id?: unknown }).id : undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError());
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      if (signal?.aborted) reject(new APIUserAbortError());
      else resolve();
    }
  });
}
