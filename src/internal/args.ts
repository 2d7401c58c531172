// A method's arguments, checked before any request: a model id must be `author/slug[:variant]`, a key
// hash a plain segment (./http.ts then percent-encodes each value into its own segment), a body a
// plain object; and `stream: true` in a body selects the stream.

import type { APIPromise } from '../core/api-promise';
import { OpenRouterError } from '../core/errors';
import type { RequestOptions } from '../core/options';
import { parseModelId } from '../helpers/model-id';
import type { HttpClient, Operation, StreamFactory } from './http';

/** `openai/gpt-4o:free` -> `{ author: 'openai', slug: 'gpt-4o:free' }`, or a clear error. */
export function modelPath(model: string): { author: string; slug: string } {
  if (typeof model !== 'string')
    throw new OpenRouterError(`A model id must be a string like "openai/gpt-4o", got ${typeof model}.`);
  const { author, slug } = parseModelId(model);
  return { author, slug };
}

/** A key hash as the API gives it; '.' and '..' would be read as path navigation, so they are refused. */
export function keyHashPath(hash: string): { hash: string } {
  if (typeof hash !== 'string' || hash.trim() === '' || hash === '.' || hash === '..') {
    throw new OpenRouterError(
      `A key hash must be a non-empty string (the \`hash\` of a key from keys.list()), got ${JSON.stringify(hash)}.`,
    );
  }
  return { hash };
}

/** Request bodies must be plain objects; anything else is a mistake worth naming before sending. */
export function checkedBody<T>(body: T, method: string): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OpenRouterError(
      `${method} takes a request body object, got ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}.`,
    );
  }
  return body;
}

/**
 * Any other path parameter (an id, a slug, a version): a non-empty string, or a number, that is not
 * '.' or '..'. Percent-encoded into its own segment by the dispatcher.
 */
export function pathParam(value: unknown, name: string, method: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '' || value === '.' || value === '..') {
    throw new OpenRouterError(`${method}: \`${name}\` must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** A required query parameter taken as a positional argument, such as the id of generations.get(id). */
export function requiredQueryParam(value: unknown, name: string, method: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new OpenRouterError(`${method}: \`${name}\` must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** A request that asks for a stream of events. */
export type Streaming<Body> = Body & { stream: true };
/** A request answered with one body (`stream` absent or false). */
export type NonStreaming<Body> = Body & { stream?: false | null | undefined };

/** Sends `body` to `operation`: as a stream made by `toStream` when it says `stream: true`, else for JSON. */
export function createMaybeStreaming<Result, StreamType>(
  http: HttpClient,
  operation: Operation,
  method: string,
  body: { stream?: boolean | null | undefined },
  options: RequestOptions | undefined,
  toStream: StreamFactory<StreamType>,
): APIPromise<Result | StreamType> {
  // Checked inside the call, so a bad body rejects the returned promise rather than throwing.
  const args = () => ({ body: checkedBody(body, method) });
  if (typeof body === 'object' && body !== null && body.stream === true) {
    return http.request(operation, args, options, toStream);
  }
  return http.request<Result>(operation, args, options);
}
