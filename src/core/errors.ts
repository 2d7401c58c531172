// One error hierarchy for everything the client throws. Nothing here ever holds the request's
// headers, so the API key cannot leak through a message, `toJSON()` or `util.inspect`.

/** The root of every error thrown by this SDK. */
export class OpenRouterError extends Error {
  override name = 'OpenRouterError';
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

/** An error body's `code` as an HTTP status, when it is one (400 to 599, a number or a numeric string). */
export function statusFromErrorCode(code: unknown): number | undefined {
  const status = typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : code;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
}

/** The API answered with a non-2xx status (or sent an error object inside a stream). */
export class APIError extends OpenRouterError {
  override name = 'APIError';
  /** HTTP status of the response. */
  readonly status: number;
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

  constructor(status: number, body: unknown, headers: Headers, attempts = 1) {
    const payload = errorPayload(body);
    const detail =
      payload?.message ?? (typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : 'no error message');
    super(`${status} ${detail}`);
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.code = payload?.code;
    this.metadata = payload?.metadata;
    this.attempts = attempts;
  }

  /** Builds the error class that matches the status (an `APIError` for statuses without their own class). */
  static from(status: number, body: unknown, headers: Headers, attempts = 1): APIError {
    const ErrorClass = errorClassByStatus[status] ?? APIError;
    return new ErrorClass(status, body, headers, attempts);
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
  constructor(message = 'Connection error.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The request took longer than its `timeout`. */
export class APITimeoutError extends APIConnectionError {
  override name = 'APITimeoutError';
  constructor(message = 'Request timed out.') {
    super(message);
  }
}

/** The caller's `AbortSignal` fired. */
export class APIUserAbortError extends OpenRouterError {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted.') {
    super(message);
  }
}
