// One error hierarchy for everything the client throws. Nothing here ever holds the request's
// headers, and every error redacts what it is given (message, cause, body, response headers) with
// the keys this process has sent, in its constructor: whatever path a server's text took to get
// here, the API key cannot leak through a message, the stack, `toJSON()` or `util.inspect`.

import type { NoEndpoints } from '../internal/no-endpoints';
import { knownSecretList, redactCause, redactHeaders, redactText, redactValue } from '../internal/redact';
import { type ProviderError, providerError } from './provider-error';
import { type RateLimit, rateLimitOf } from './rate-limit';

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
  /** Anthropic-style streams name the error by `type`, OpenRouter's sometimes by `error_type`. */
  type?: unknown;
  error_type?: unknown;
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

/** Where an API error was reported: the HTTP status of a non-2xx answer, a 2xx JSON body, or a stream's event. */
export type ErrorSource = number | 'body' | 'stream';

/**
 * The one rule for an API error's status, and so its class (see `APIError.from`):
 * - a non-2xx answer: its HTTP status;
 * - an error inside a 2xx answer: its `code` when that is an HTTP status (`502`, `"502"`). The 200 says
 *   nothing about the failure, so it is never the status. Otherwise, in a stream, the status a known
 *   string code or type stands for (`rate_limit_exceeded`: 429), else 500 (the stream failed); in a
 *   JSON body, `undefined`: a plain `APIError` that keeps the string `code`.
 */
export function errorStatus(where: ErrorSource, body: unknown): number | undefined {
  if (typeof where === 'number') return where;
  const error = errorPayload(body);
  const numeric = statusFromErrorCode(error?.code);
  if (numeric !== undefined || where === 'body') return numeric;
  for (const name of [error?.code, error?.type, error?.error_type]) {
    if (typeof name === 'string' && Object.hasOwn(STATUS_BY_CODE, name)) return STATUS_BY_CODE[name] as number;
  }
  return 500;
}

/** The `APIError` (subclass by `errorStatus`) of an error reported `where`. */
export function apiError(where: ErrorSource, body: unknown, headers: Headers, attempts = 1): APIError {
  return APIError.from(errorStatus(where, body), body, headers, attempts);
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

// An error reported inside a 2xx JSON answer: OpenRouter answers 200 once processing has started,
// and reports a failure after that as `{ error: { code, message, metadata } }`.

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
