// Recognizes an error reported inside a 2xx JSON answer: OpenRouter answers 200 once processing
// has started, and reports a failure after that as `{ error: { code, message, metadata } }`.

/** Fields of a successful answer: a body with one of them is never taken for an error. */
const SUCCESS_FIELDS = ['choices', 'data'] as const;

/**
 * True when `body` is an object whose top-level `error` is an object with a `message` or a `code`,
 * and which has none of the success fields (so `{ data: [...], error: null }` is a success).
 */
export function isErrorBody(body: unknown): body is { error: { code?: unknown; message?: unknown } } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { error } = body as { error?: unknown };
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return false;
  if (!('message' in error) && !('code' in error)) return false;
  return !SUCCESS_FIELDS.some((field) => field in body);
}
