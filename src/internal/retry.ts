// The whole retry policy, as pure functions the transport asks: which answers and failures are worth
// another try, which requests may be sent twice (idempotency, and the failures that prove nothing was
// sent), and how long to wait. The transport (./transport.ts) stays about I/O.
import { OpenRouterError } from '../core/errors';
import { resetWaitMs } from '../core/rate-limit';

const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** A server-requested delay longer than this is treated as nonsense and replaced by our own backoff. */
const MAX_SERVER_DELAY_MS = 60_000;
/** Seconds in `Retry-After`: digits only, so a date like "1 Jan 2030" is never read as 1 second. */
const SECONDS_PATTERN = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * Statuses worth another try: 408 (request timeout), 409 (lock conflict), 429 (rate limited)
 * and every 5xx (the server or the upstream provider failed, not the request).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry).
 * The server's `retry-after-ms` or `Retry-After` wins when it is within 0..60 s; otherwise
 * exponential backoff from 0.5 s, doubling, capped at 8 s, shortened by up to 25% of jitter
 * so that many clients rate-limited together do not all come back at the same instant.
 */
export function retryDelayMs(
  attempt: number,
  headers?: Headers | undefined,
  random: () => number = Math.random,
): number {
  const requested = headers === undefined ? undefined : serverRequestedDelayMs(headers);
  if (requested !== undefined) return requested;
  const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempt), MAX_BACKOFF_MS);
  return backoff * (1 - 0.25 * random());
}

/** The delay `retry-after-ms` or `Retry-After` asks for, when it is within 0..60 s. */
export function serverRequestedDelayMs(headers: Headers): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null) {
    const delay = milliseconds.trim() === '' ? Number.NaN : Number(milliseconds);
    if (isSaneDelay(delay)) return delay;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    // Otherwise an HTTP date; Date.parse gives NaN when it is not one.
    const delay = SECONDS_PATTERN.test(retryAfter) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - Date.now();
    if (isSaneDelay(delay)) return delay;
  }
  return undefined;
}

/** The longest wait a 429's rate-limit reset may ask for, unless the client says otherwise (`maxRetryWait`). */
const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;

/**
 * A 429 without `Retry-After` waits for the reset its body names (OpenRouter's limits put it in
 * `error.metadata.headers`): that wait, `undefined` for the usual backoff when the body names none,
 * or `false` when the reset is later than `maxRetryWait` (a daily quota), which is not retried.
 */
export function rateLimitWait(
  body: unknown,
  headers: Headers,
  maxRetryWait = DEFAULT_MAX_RETRY_WAIT_MS,
): number | undefined | false {
  const wait = resetWaitMs(body, headers);
  return wait === undefined || wait <= maxRetryWait ? wait : false;
}

function isSaneDelay(delay: number): boolean {
  // NaN fails both comparisons, so unparseable values fall through to the backoff.
  return delay >= 0 && delay <= MAX_SERVER_DELAY_MS;
}

/**
 * Methods a server may safely receive twice: only these are retried after a failure that may have
 * come after the request reached the server (a reset, a timeout, a body cut off mid-read).
 */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/**
 * Whether a request that failed without an answer may be sent again: always when it is idempotent;
 * otherwise only when the failure proves it never left (`not-sent`: refused, DNS, TLS). After a
 * timeout, a reset or a body cut off mid-read, a POST may already have been handled.
 */
export function maySendAgain(idempotent: boolean, failure: FetchFailureKind | 'timeout' | 'body-read'): boolean {
  return idempotent || failure === 'not-sent';
}

// What a rejected fetch says about the request: whether it was a network failure at all, and if so
// whether it proves that nothing reached the server (so that even a POST may be sent again).

/**
 * `not-sent`: the connection never opened (refused, DNS, connect timeout, TLS handshake), so the
 * server cannot have seen the request. `maybe-sent`: a network failure after which the request may
 * have arrived (a reset, a socket closed, or a runtime that does not say). `not-network`: the
 * provided fetch threw something that is not a network failure (a bug in it, a custom Error).
 */
export type FetchFailureKind = 'not-sent' | 'maybe-sent' | 'not-network';

export interface FetchFailure {
  kind: FetchFailureKind;
  /** The system or library error code found on the error or its causes (`ECONNREFUSED`), if any. */
  code: string | undefined;
}

/**
 * Codes that mean the request was never written: refused, DNS, unreachable, connect timeout, and TLS
 * (the handshake comes before the request: EPROTO, ERR_TLS_*, ERR_SSL_*, certificate codes). Node's
 * undici puts them on `error.cause.code` (`TypeError('fetch failed')`), node-fetch v2 on the
 * `FetchError` itself; Bun uses its own names (ConnectionRefused, FailedToOpenSocket).
 */
const NOT_SENT_CODE =
  /^(ECONNREFUSED|ENOTFOUND|EAI_(AGAIN|NONAME|NODATA)|ENETUNREACH|EHOSTUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|ConnectionRefused|FailedToOpenSocket|EPROTO|ERR_(TLS|SSL)_\w+|\w*CERT\w*|UNABLE_TO_\w+)$/;

/** Other codes of network failures, after which the request may have reached the server. */
const MAYBE_SENT_CODE = /^(E[A-Z]+|UND_ERR_[A-Z_]+|ERR_STREAM_PREMATURE_CLOSE|ConnectionClosed)$/;

/**
 * Messages runtimes give a network failure without a code: undici ("fetch failed"), Chrome ("Failed
 * to fetch"), Firefox ("NetworkError when attempting to fetch resource."), Safari ("Load failed",
 * "The network connection was lost."), Deno ("error sending request ..."), workerd ("Network
 * connection lost."), whatwg-fetch and React Native ("Network request failed"), undici's "terminated".
 */
const NETWORK_MESSAGE =
  /^(fetch failed|failed to fetch|networkerror when attempting to fetch resource|load failed|network request failed|terminated|error sending request|the network connection was lost|network connection lost)/i;

export function classifyFetchFailure(error: unknown): FetchFailure {
  const code = errorCode(error);
  if (code !== undefined && NOT_SENT_CODE.test(code)) return { kind: 'not-sent', code };
  if (code !== undefined && MAYBE_SENT_CODE.test(code)) return { kind: 'maybe-sent', code };
  // Deno gives no code, but names the phase: "error sending request ...: client error (Connect): ...".
  if (causeMessages(error).some((message) => message.includes('client error (Connect)'))) {
    return { kind: 'not-sent', code: undefined };
  }
  if (error instanceof Error && (error.name === 'FetchError' || NETWORK_MESSAGE.test(error.message))) {
    return { kind: 'maybe-sent', code };
  }
  return { kind: 'not-network', code: undefined };
}

function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    messages.push(current.message);
    current = current.cause;
  }
  return messages;
}

/** The first string `code` on the error or its `cause` chain (undici nests it one or two levels down). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && /^[A-Za-z0-9_]{2,40}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The error that replaces a runtime's permission refusal, never retried; undefined for any other
 * error. (Deno without `--allow-net` for the host throws `NotCapable`, older Deno `PermissionDenied`:
 * not a connection failure, and reported as what it is.)
 */
export function permissionRefusal(error: unknown): OpenRouterError | undefined {
  const { name, message } = (error ?? {}) as Partial<Error>;
  // Deno's message names the missing permission and the host ("Requires net access to ..."), never a header.
  if (name === 'NotCapable' || name === 'PermissionDenied') {
    return new OpenRouterError(`${name}, no permission: ${message}`, { cause: error });
  }
}
