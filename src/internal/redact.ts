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

/**
 * A thrown value safe to keep as an error's `cause`: itself, or a plain Error with its message
 * redacted (and its own cause, when that holds a secret, made safe the same way).
 */
export function redactCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (secrets.length === 0 || cause === undefined || cause === null) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const stack = cause instanceof Error ? (cause.stack ?? '') : '';
  const inner = cause instanceof Error ? cause.cause : undefined;
  const safeInner = depth < 8 ? redactCause(inner, secrets, depth + 1) : undefined;
  if (redactText(message, secrets) === message && redactText(stack, secrets) === stack && safeInner === inner) {
    return cause;
  }
  const safe = new Error(redactText(message, secrets), safeInner === undefined ? undefined : { cause: safeInner });
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
 * Every key this process has sent (the newest `MAX_KNOWN` of them), in the order last used. This is
 * the one list every text a server provided is scrubbed with on its way into something the SDK
 * builds: `OpenRouterError` (and so every error class) redacts its message, cause, body, headers
 * and chunk with it in its constructor, and the logger redacts every line with it. A path that
 * forgets to pass a call's secrets along (a re-wrapped stream body, a body quoted into a message)
 * cannot leak the key, because nothing needs to be passed.
 * Bounded, so a server minting a key per user does not grow it for ever; the transport also
 * redacts each call's own key, which covers keys that have fallen out of the list.
 */
const knownSecrets = new Set<string>();
const MAX_KNOWN = 1000;

/** Adds the secrets a request carries to the known ones (see `knownSecrets`). */
export function rememberSecrets(secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    knownSecrets.delete(secret); // re-added last: the most recently used key is the last evicted
    knownSecrets.add(secret);
    if (knownSecrets.size > MAX_KNOWN) knownSecrets.delete(knownSecrets.values().next().value as string);
  }
}

/** The known secrets, for the helpers above that take a list. */
export function knownSecretList(): readonly string[] {
  return knownSecrets.size === 0 ? [] : [...knownSecrets];
}
