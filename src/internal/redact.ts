// Keeps the API key out of everything the SDK hands back or logs: a server (or a proxy) may echo
// the Authorization header into an error body, a header or a message.

const REDACTED = '[redacted]';
/** Shorter strings are not treated as secrets: replacing them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 8;

/** The secrets a request carries: its bearer token (what `Authorization: Bearer <key>` sends). */
export function secretsOf(headers: Headers): string[] {
  const authorization = headers.get('authorization');
  if (authorization === null) return [];
  const token = authorization.replace(/^\s*bearer\s+/i, '').trim();
  return token.length >= MIN_SECRET_LENGTH ? [token] : [];
}

/** `text` with every secret replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let safe = text;
  for (const secret of secrets) if (safe.includes(secret)) safe = safe.replaceAll(secret, REDACTED);
  return safe;
}

/** Response headers with every secret removed from their values (the same object when none has one). */
export function redactHeaders(headers: Headers, secrets: readonly string[]): Headers {
  if (secrets.length === 0) return headers;
  let copy: Headers | undefined;
  headers.forEach((value, name) => {
    const safe = redactText(value, secrets);
    if (safe === value) return;
    copy ??= new Headers(headers);
    copy.set(name, safe);
  });
  return copy ?? headers;
}

/** A thrown value safe to keep as an error's `cause`: itself, or a plain Error with its message redacted. */
export function redactCause(cause: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const stack = cause instanceof Error ? (cause.stack ?? '') : '';
  if (redactText(message, secrets) === message && redactText(stack, secrets) === stack) return cause;
  const safe = new Error(redactText(message, secrets));
  if (cause instanceof Error) safe.name = cause.name;
  return safe;
}

/** `value` with every secret removed from its strings, nested ones included (a copy when anything changed). */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) copy[name] = redactValue(item, secrets);
    return copy;
  }
  return value;
}

/**
 * The secrets of the request each streamed response answers: the stream reads its error chunks
 * long after the transport returned, and scrubs them with these.
 */
const streamSecrets = new WeakMap<Response, readonly string[]>();

export function rememberSecrets(response: Response, secrets: readonly string[]): Response {
  if (secrets.length > 0) streamSecrets.set(response, secrets);
  return response;
}

/** `value` without the secrets of the request `response` answers. */
export function redactForResponse(response: Response, value: unknown): unknown {
  return redactValue(value, streamSecrets.get(response) ?? []);
}
