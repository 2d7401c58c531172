// The error names users import, from the root and from the standalone entry alike (errors.ts also
// holds the private status and class decision, which stays unexported).
export {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  OpenRouterError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  ProviderOverloadedError,
  ProviderTimeoutError,
  RateLimitError,
  RequestTimeoutError,
  ServiceUnavailableError,
  statusFromErrorCode,
  UnprocessableEntityError,
} from './errors';
