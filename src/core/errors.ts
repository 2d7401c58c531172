// One error hierarchy for everything the client throws. Nothing here ever holds the request's
// headers, and every error redacts what it is given (message, cause, body, response headers) with
// the keys this process has sent, in its constructor: whatever path a server's text took to get
// here, the API key cannot leak through a message, the stack, `toJSON()` or `util.inspect`.
import type { NoEndpoints } from './no-endpoints';
import { type ProviderError, providerError } from './provider-error';
import { type RateLimit, rateLimitOf } from './rate-limit';
import { knownSecretList, redactCause, redactHeaders, redactText, redactValue } from './redact';

/** The root of every error thrown by this SDK. */
export class OpenRouterError extends Error {
  override name = 'OpenRouterError';

  constructor(message?: string, options?: ErrorOptions) {
    // Redacted before `super`: the stack is captured with the message it is given.
    super(
      message === undefined ? undefined : redactText(message, knownSecretList()),
      options?.cause === undefined ? options : { ...options, cause: redactCause(options.cause, knownSecretList()) },
    );
  }
}

/** The `error` object of an OpenRouter error body: `{ error: { code, message, metadata? } }`. */
interface ErrorPayload {
  code?: number | string;
  message?: string;
  metadata?: Record<string, unknown>;
}

function errorPayload(body: unknown): ErrorPayload | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as ErrorPayload) : undefined;
}

/**
 * Where servers put their words, most specific first: OpenRouter's and OpenAI's `error.message`,
 * OAuth's `error_description`, FastAPI's `detail` (a string or a list of `{ msg }`), a bare string
 * `error`, `errors` lists, ... A value of another shape than expected (an object `message`) is
 * searched the same way, so nothing is shown as `[object Object]`.
 */
const TEXT_KEYS = ['message', 'error_description', 'detail', 'error', 'msg', 'errors', 'title', 'description'];
/** Text shown from a body without any of those keys (its JSON) or from a plain-text body. */
const MAX_SHOWN = 200;

/** The server's text in an error body, whatever its shape; `undefined` for an empty one. */
function errorText(body: unknown): string | undefined {
  return typeof body === 'string' ? textIn(body.slice(0, MAX_SHOWN), 0) : textIn(body, 0);
}

function textIn(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value !== 'object' || value === null || depth > 4) return undefined;
  if (Array.isArray(value))
    return (
      value
        .map((item) => textIn(item, depth + 1))
        .filter(Boolean)
        .join('; ') || undefined
    );
  for (const key of TEXT_KEYS) {
    const text = textIn((value as Record<string, unknown>)[key], depth + 1);
    if (text !== undefined) return text;
  }
  // No known key: the object itself, as JSON (numbers, codes and all), rather than nothing.
  const json = JSON.stringify(value);
  return json === '{}' ? undefined : json.slice(0, MAX_SHOWN);
}

/** An error body's `code` as an HTTP status, when it is one (400 to 599, a number or a numeric string). */
export function statusFromErrorCode(code: unknown): number | undefined {
  const status = typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : code;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
}

/**
 * The API reported an error: a non-2xx status, an error object in a 200 JSON body (OpenRouter
 * answers 200 once it has started processing, then reports a failure in the body), or an error
 * chunk inside a stream.
 *
 * `status` is the HTTP status for a non-2xx answer. For an error reported inside a 200 answer it is
 * the error's `code` when that code is an HTTP status (`502` or `"502"`), and the class follows it
 * (a `BadGatewayError`); a code that is not one (`"server_error"`) gives a plain `APIError` whose
 * `status` is `undefined` and whose `code` keeps the string: the 200 is never reported as the
 * error's status.
 */
export class APIError extends OpenRouterError {
  override name = 'APIError';
  /** HTTP status of the error; `undefined` for an error inside a 200 answer whose `code` is not an HTTP status. */
  readonly status: number | undefined;
  /** Response headers. */
  readonly headers: Headers;
  /** The response body as sent: parsed JSON when it was JSON, else the text. */
  readonly body: unknown;
  /** `error.code` from the body, when there is one. */
  readonly code: number | string | undefined;
  /** `error.metadata` from the body (for example `provider_name` and `raw` on provider errors). */
  readonly metadata: Record<string, unknown> | undefined;
  /** How many HTTP attempts were made, retries included. */
  readonly attempts: number;

  constructor(status: number | undefined, unsafeBody: unknown, unsafeHeaders: Headers, attempts = 1) {
    const secrets = knownSecretList();
    const body = redactValue(unsafeBody, secrets);
    const headers = redactHeaders(unsafeHeaders, secrets);
    const payload = errorPayload(body);
    const detail = errorText(body) ?? 'no error message';
    super(
      status !== undefined
        ? `${status} ${detail}`
        : payload?.code !== undefined
          ? `${payload.code}: ${detail}`
          : detail,
    );
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.code = payload?.code;
    this.metadata = payload?.metadata;
    this.attempts = attempts;
  }

  /** Builds the error class that matches the status (an `APIError` for statuses without their own class). */
  static from(status: number | undefined, body: unknown, headers: Headers, attempts = 1): APIError {
    const ErrorClass = (status !== undefined ? errorClassByStatus[status] : undefined) ?? APIError;
    return new ErrorClass(status, body, headers, attempts);
  }

  /** The request id the server gave (`x-request-id`, else Cloudflare's `cf-ray`), for support requests. */
  get requestId(): string | undefined {
    return this.headers.get('x-request-id') ?? this.headers.get('cf-ray') ?? undefined;
  }

  /** The generation id (`gen-...`): the `x-generation-id` header, else the body's `id` when it is one. */
  get generationId(): string | undefined {
    const header = this.headers.get('x-generation-id');
    if (header !== null) return header;
    const id = typeof this.body === 'object' && this.body !== null ? (this.body as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id.startsWith('gen-') ? id : undefined;
  }

  /** The upstream provider's error (`metadata.provider_name` and `metadata.raw`, parsed when JSON), when there is one. */
  get provider(): ProviderError | undefined {
    return providerError(this.metadata);
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      metadata: this.metadata,
      body: this.body,
      attempts: this.attempts,
      requestId: this.requestId,
      generationId: this.generationId,
    };
  }
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
export class PaymentRequiredError extends APIError {
  override name = 'PaymentRequiredError';
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
  /** For "No endpoints found that support ...": the parameters of the request it is about. */
  noEndpoints?: NoEndpoints;
}
export class RequestTimeoutError extends APIError {
  override name = 'RequestTimeoutError';
}
export class PayloadTooLargeError extends APIError {
  override name = 'PayloadTooLargeError';
}
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /** Which limit was hit, whose it is (OpenRouter's or the provider's), and when it resets. */
  get rateLimit(): RateLimit {
    return rateLimitOf(this.body, this.headers);
  }
}
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}
export class BadGatewayError extends APIError {
  override name = 'BadGatewayError';
}
export class ServiceUnavailableError extends APIError {
  override name = 'ServiceUnavailableError';
}
/** 524: the upstream provider took too long (Cloudflare's origin timeout). */
export class ProviderTimeoutError extends APIError {
  override name = 'ProviderTimeoutError';
}
/** 529: the upstream provider is overloaded. */
export class ProviderOverloadedError extends APIError {
  override name = 'ProviderOverloadedError';
}

const errorClassByStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: PaymentRequiredError,
  403: PermissionDeniedError,
  404: NotFoundError,
  408: RequestTimeoutError,
  413: PayloadTooLargeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
  502: BadGatewayError,
  503: ServiceUnavailableError,
  524: ProviderTimeoutError,
  529: ProviderOverloadedError,
};

/** No HTTP response arrived: DNS, refused or reset connections, a body cut off in transit. */
export class APIConnectionError extends OpenRouterError {
  override name = 'APIConnectionError';
  /** How many HTTP attempts were made, retries included (also stated in the message). */
  readonly attempts: number;
  constructor(message = 'Connection error.', options?: { cause?: unknown; attempts?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.attempts = options?.attempts ?? 1;
  }
}

/** The request took longer than its `timeout`. */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError';
  constructor(message = 'Request timed out.', options?: { attempts?: number }) {
    super(message, options);
  }
}

/** The caller's `AbortSignal` fired. */
export class APIUserAbortError extends OpenRouterError {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted.') {
    super(message);
  }
}
