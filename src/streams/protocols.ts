// What differs between the streaming operations: how an item reports an error, and which item is
// the protocol's last. Everything else (SSE framing, `[DONE]`, comments, aborting) is `Stream`'s.

import { statusFromErrorCode } from '../core/errors';
import { isFields } from '../internal/fields';
import type { ServerSentEvent } from '../internal/sse';

/** An error reported inside a stream, normalised to the shape of an OpenRouter error body's `error`. */
export interface StreamErrorPayload {
  code?: number | string | null;
  message?: string;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface StreamProtocol {
  /** The error `item` reports (the stream throws it instead of delivering the item), if any. */
  errorIn(item: unknown, event: ServerSentEvent): StreamErrorPayload | undefined;
  /** Whether `item` is the last of its stream: iteration ends right after delivering it. */
  isLast(item: unknown): boolean;
}

/** The item's `type`, else the SSE `event:` name (Anthropic-style streams send both). */
function typeOf(item: unknown, event: ServerSentEvent): unknown {
  return isFields(item) && item.type !== undefined ? item.type : event.event;
}

/** `{ error: {...} }` next to the data, as chat chunks, Messages and image error events carry it. */
function nestedError(item: unknown): StreamErrorPayload | undefined {
  if (!isFields(item)) return undefined;
  const { error } = item;
  return isFields(error) ? (error as StreamErrorPayload) : undefined;
}

const never = (): boolean => false;

/** Chat completions: a chunk with a top-level `error` object; the end is `[DONE]` (or the body's end). */
export const chatProtocol: StreamProtocol = {
  errorIn: nestedError,
  isLast: never,
};

/** (A function, not a module-level Set: bundlers keep a `new Set` even where nothing uses it.) */
const isResponsesLast = (type: unknown): boolean =>
  type === 'response.completed' || type === 'response.failed' || type === 'response.incomplete';

/**
 * The Responses API: an `error` event carries `code`, `message` and `param` at its top level.
 * `response.failed` is not thrown: it ends the stream and carries the failed response, as the
 * non-streamed call returns it.
 */
export const responsesProtocol: StreamProtocol = {
  errorIn(item, event) {
    if (typeOf(item, event) !== 'error' || !isFields(item)) return undefined;
    const nested = nestedError(item);
    if (nested !== undefined) return nested;
    const { type: _type, sequence_number: _sequence, ...payload } = item;
    return payload as StreamErrorPayload;
  },
  isLast: (item) => isFields(item) && isResponsesLast(item.type),
};

/**
 * Anthropic Messages: `event: error` with `{ type: 'error', error: { type, message } }`; the error's
 * `type` (`overloaded_error`, ...) stands in for a code. The end is `message_stop`.
 */
export const messagesProtocol: StreamProtocol = {
  errorIn(item, event) {
    if (typeOf(item, event) !== 'error') return undefined;
    const error = nestedError(item);
    if (error === undefined) return { message: 'The stream reported an error without details.' };
    return error.code === undefined || error.code === null ? { ...error, code: error.type as string } : error;
  },
  isLast: (item) => isFields(item) && item.type === 'message_stop',
};

/**
 * Image generation: `{ type: 'error', error: { code, message, type } }`. A request for several
 * images may send several `image_generation.completed` events, so the end is `[DONE]` or the body's end.
 */
export const imagesProtocol: StreamProtocol = {
  errorIn(item, event) {
    if (typeOf(item, event) !== 'error') return undefined;
    const error = nestedError(item);
    if (error === undefined) return { message: 'The stream reported an error without details.' };
    return error.code === undefined || error.code === null ? { ...error, code: error.type as string } : error;
  },
  isLast: never,
};

/**
 * Status-like meanings of the string codes streams use (OpenAI-style codes, Anthropic error types,
 * OpenRouter's `error_type`s), for choosing the `APIError` subclass.
 */
const STATUS_BY_CODE: Record<string, number> = {
  invalid_request_error: 400,
  invalid_request: 400,
  invalid_prompt: 400,
  context_length_exceeded: 400,
  authentication_error: 401,
  invalid_api_key: 401,
  payment_required: 402,
  insufficient_credits: 402,
  permission_error: 403,
  permission_denied: 403,
  moderation_error: 403,
  not_found_error: 404,
  not_found: 404,
  model_not_found: 404,
  request_timeout: 408,
  timeout: 408,
  request_too_large: 413,
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  rate_limited: 429,
  api_error: 500,
  server_error: 500,
  internal_error: 500,
  internal_server_error: 500,
  upstream_error: 502,
  provider_error: 502,
  bad_gateway: 502,
  service_unavailable: 503,
  provider_unavailable: 503,
  overloaded_error: 529,
  provider_overloaded: 529,
};

/**
 * The status an in-stream error is reported with. A stream's HTTP status is a 200, which says
 * nothing about the failure: a numeric code wins, then a known string code or type, then 500.
 */
export function streamErrorStatus(error: StreamErrorPayload): number {
  const numeric = statusFromErrorCode(error.code);
  if (numeric !== undefined) return numeric;
  for (const name of [error.code, error.type, error.error_type]) {
    if (typeof name === 'string' && Object.hasOwn(STATUS_BY_CODE, name)) return STATUS_BY_CODE[name] as number;
  }
  return 500;
}
