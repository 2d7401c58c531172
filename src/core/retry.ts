// The retry policy as pure functions, so the transport stays about I/O and the policy is testable alone.

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

function isSaneDelay(delay: number): boolean {
  // NaN fails both comparisons, so unparseable values fall through to the backoff.
  return delay >= 0 && delay <= MAX_SERVER_DELAY_MS;
}
