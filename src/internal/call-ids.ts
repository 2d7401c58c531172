// The ids of a successful call, without reading headers: the request id (for support requests) and
// the generation id (`gen-...`, for `GET /generation`).
import type { UsageObserver } from '../core/usage-ledger';

/** @internal The observer of each stream the client made, which learns the stream's generation id. */
export const streamObservers = new WeakMap<object, UsageObserver>();

/** @internal The body of each JSON answer, which the client read, for `asResponse()`. */
export const answerTexts = new WeakMap<Response, string>();

/** The request id the server gave (`x-request-id`, else Cloudflare's `cf-ray`). */
export function requestIdOf(response: Response): string | undefined {
  return response.headers.get('x-request-id') ?? response.headers.get('cf-ray') ?? undefined;
}

/**
 * The generation id of a call's result: the `x-generation-id` header, else a `gen-...` `id` of the
 * answer, else (for a stream this client made) the id of its first chunk, once it has been read.
 */
export function generationIdOf(data: unknown, response?: Response): string | undefined {
  const header = response?.headers.get('x-generation-id');
  if (header) return header;
  const id =
    typeof data === 'object' && data !== null
      ? (streamObservers.get(data)?.generationId ?? (data as { id?: unknown }).id)
      : undefined;
  return typeof id === 'string' && id.startsWith('gen-') ? id : undefined;
}
