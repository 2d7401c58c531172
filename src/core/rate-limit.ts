// What a 429 says about the limit it hit. OpenRouter's own limits put the rate-limit headers in the
// body (`error.metadata.headers`: X-RateLimit-Limit / -Remaining / -Reset, the reset in epoch ms) and
// name the limit in the message (`Rate limit exceeded: limit_rpm/<model>/...`, `free-models-per-day`);
// a provider's limit comes as `Provider returned error` with `metadata.provider_name` and a `raw`
// such as "... is temporarily rate-limited upstream".

/** The limit a 429 hit, as far as the answer says. */
export interface RateLimit {
  /** `'openrouter'`: a limit of your key or account on OpenRouter; `'provider'`: the upstream provider's. */
  source: 'openrouter' | 'provider';
  /** The limit's name from the message: `'free-models-per-day'`, `'limit_rpm/<model>/<id>'`, ... */
  name: string | undefined;
  /** Requests allowed in the window (`X-RateLimit-Limit`). */
  limit: number | undefined;
  /** Requests left in the window (`X-RateLimit-Remaining`). */
  remaining: number | undefined;
  /** When the limit resets (`X-RateLimit-Reset`). */
  resetAt: Date | undefined;
  /** The provider that rate-limited the request (`metadata.provider_name`), when given. */
  provider: string | undefined;
}

const LIMIT_NAME = /rate limit exceeded:\s*(\S+?)\.?(?:\s|$)/i;

/** Reads the limit out of a 429's parsed body and its response headers (the body's headers win). */
export function rateLimitOf(body: unknown, headers: Headers): RateLimit {
  const error = member(body, 'error');
  const message = member(error, 'message');
  const metadata = member(error, 'metadata');
  const provider = member(metadata, 'provider_name');
  const raw = member(metadata, 'raw');
  const inBody = member(metadata, 'headers');
  const header = (name: string): string | undefined => {
    if (typeof inBody === 'object' && inBody !== null) {
      for (const [key, value] of Object.entries(inBody)) {
        if (key.toLowerCase() === name && value != null) return String(value);
      }
    }
    return headers.get(name) ?? undefined;
  };
  return {
    // Only a provider's error names its provider or carries its `raw` answer.
    source: typeof provider === 'string' || raw != null ? 'provider' : 'openrouter',
    name: typeof message === 'string' ? LIMIT_NAME.exec(message)?.[1] : undefined,
    limit: count(header('x-ratelimit-limit')),
    remaining: count(header('x-ratelimit-remaining')),
    resetAt: resetTime(header('x-ratelimit-reset')),
    provider: typeof provider === 'string' ? provider : undefined,
  };
}

/**
 * How long until a 429's limit resets, in ms, from its body or headers; `undefined` when it does not
 * say, or when the reset has already passed (then the usual backoff applies).
 */
export function resetWaitMs(body: unknown, headers: Headers, now = Date.now()): number | undefined {
  const resetAt = rateLimitOf(body, headers).resetAt;
  const wait = resetAt === undefined ? Number.NaN : resetAt.getTime() - now;
  return wait > 0 ? wait : undefined;
}

function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function count(text: string | undefined): number | undefined {
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Epoch milliseconds (OpenRouter's), epoch seconds, or seconds from now (small values), as a Date. */
function resetTime(text: string | undefined): Date | undefined {
  const value = count(text);
  if (value === undefined) return undefined;
  if (value >= 1e11) return new Date(value);
  if (value >= 1e9) return new Date(value * 1000);
  return new Date(Date.now() + value * 1000);
}
