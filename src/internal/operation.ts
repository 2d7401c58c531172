// One operation of the description as the dispatcher (src/core/http.ts) calls it: its method, URL
// template, whether it sends the API key, its body's content type and whether its answer is bytes. generated/operations.gen.ts
// makes one per operation with `operation(...)`, so 99 operations cost a line each, not a function each.
import type { HeadersInit } from '../core/options';

export type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** How the dispatcher sends one request, per HTTP method (see HttpClient's dispatcher). */
export type Dispatcher = Record<HttpMethod, (request: OperationRequest) => Promise<unknown>>;

/** What an operation hands the dispatcher: its own fields, then the call's (path, query, body, headers, transport). */
export interface OperationRequest {
  url: string;
  security?: readonly unknown[];
  headers?: HeadersInit;
  [key: string]: unknown;
}

/** What a resource method calls: the call's parts and the dispatcher in, the dispatcher's result out. */
export type Operation = (options: {
  client: Dispatcher;
  headers?: HeadersInit;
  [key: string]: unknown;
}) => Promise<unknown>;

/** An operation that also says its route (`GET /generation`) and whether its answer is bytes: client.request() reads these. */
export interface DescribedOperation extends Operation {
  readonly route: string;
  readonly binary: boolean;
}

const BEARER = [{ scheme: 'bearer', type: 'http' }] as const;

/**
 * `operation('get', '/generation')`. `secured: false` sends no API key (the OAuth code exchange);
 * `body: 'json'` sets `Content-Type: application/json`, `body: 'form'` leaves it to fetch (a multipart
 * boundary); `binary: true` marks an answer of bytes. The caller's headers come last, so they win.
 */
export function operation(
  method: HttpMethod,
  url: string,
  { secured = true, body, binary = false }: { secured?: boolean; body?: 'json' | 'form'; binary?: boolean } = {},
): DescribedOperation {
  const contentType = body === 'json' ? 'application/json' : body === 'form' ? null : undefined;
  const send: Operation = (options) =>
    options.client[method]({
      ...(secured ? { security: BEARER } : {}),
      url,
      ...options,
      headers: contentType === undefined ? options.headers : { 'Content-Type': contentType, ...options.headers },
    });
  return Object.assign(send, { route: `${method.toUpperCase()} ${url}`, binary });
}

/** `/keys/{hash}` with `{ hash: 'a/b' }` -> `/keys/a%2Fb`: each value percent-encoded into its own segment. */
export function serializePath(url: string, path: Record<string, unknown>): string {
  return url.replace(/\{([^}]+)\}/g, (placeholder, name: string) => {
    const value = path[name];
    return value === undefined || value === null ? placeholder : encodeURIComponent(String(value));
  });
}
