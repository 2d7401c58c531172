// The one request path: `request(operation, args, options)`. The operation (a plain descriptor from
// generated/operations.gen.ts) says what to send (method, URL template, security, body kind, answer
// kind); the call's arguments fill it in (path, query, body); this file builds the request (URL,
// headers, the key), the transport sends it (timeouts, retries, error mapping), and the answer
// becomes the promised data: JSON, the `Response` (bytes), or a stream.

import { APIPromise } from '../core/api-promise';
import { NotFoundError, OpenRouterError } from '../core/errors';
import {
  type ClientOptions,
  checkBaseURL,
  checkFetchOptions,
  checkIdleTimeout,
  checkMaxRetries,
  checkPlainObject,
  checkSignal,
  checkTimeout,
  DEFAULT_BASE_URL,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT,
  type FetchOptions,
  type HeadersInit,
  type RequestOptions,
} from '../core/options';
import type { StreamOptions } from '../core/stream';
import type { UsageLedger } from '../core/usage-ledger';
import { VERSION } from '../version';
import { attributionHeaders } from './attribution';
import { answerTexts, streamObservers } from './call-ids';
import { checkLogger, Log, resolveLogLevel } from './logger';
import { explainNoEndpoints } from './no-endpoints';
import { rememberSecrets } from './redact';
import { linkSignals, readEnv } from './runtime';
import { createTransport, type OutgoingRequest } from './transport';

/**
 * One operation of the description, as data: `{ method: 'GET', url: '/models/{author}/{slug}/endpoints' }`.
 * `secured: false` sends no API key (the OAuth code exchange); `body: 'json'` sends
 * `Content-Type: application/json`, `body: 'form'` leaves it to fetch (a multipart boundary);
 * `binary: true` marks an answer of bytes (resolved to the unread `Response`).
 */
export interface Operation {
  readonly method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly secured?: false;
  readonly body?: 'json' | 'form';
  readonly binary?: true;
}

/** What a method passes for its operation: the parts of the request the spec names. */
export interface CallArgs {
  path?: Record<string, string>;
  query?: object | undefined;
  body?: unknown;
}

type ApiKeySource = string | (() => string | Promise<string>);

/** Turns a streaming response into what the method returns (a Stream). */
export type StreamFactory<T> = (
  response: Response,
  controller: AbortController,
  userSignal: AbortSignal | undefined,
  options: Pick<StreamOptions, 'idleTimeout' | 'observer'>,
) => T;

// A header value must be visible ASCII: a key with a newline or a non-ASCII character would make
// `Headers.set` throw a TypeError that quotes the value, and so the key.
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';

export class HttpClient {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  /** Milliseconds of silence a stream may have; `Infinity`: no limit. */
  readonly idleTimeout: number;
  readonly #fetch: typeof fetch;
  readonly #apiKey: ApiKeySource | undefined;
  readonly #headers: HeadersInit;
  readonly #fetchOptions: FetchOptions | undefined;
  readonly #log: Log;
  readonly #maxRetryWait: number | undefined;
  /** The record of what the calls cost, when the client keeps one (the OpenRouter class always does). */
  readonly usage: UsageLedger | undefined;

  constructor(options: ClientOptions, usage?: UsageLedger) {
    if (typeof options !== 'object' || options === null)
      throw new OpenRouterError('OpenRouter options must be an object.');
    this.baseURL = checkBaseURL(options.baseURL ?? readEnv('OPENROUTER_BASE_URL') ?? DEFAULT_BASE_URL);
    this.timeout = checkTimeout(options.timeout, 'OpenRouter options') ?? DEFAULT_TIMEOUT;
    this.maxRetries = checkMaxRetries(options.maxRetries, 'OpenRouter options') ?? DEFAULT_MAX_RETRIES;
    this.idleTimeout = checkIdleTimeout(options.idleTimeout, 'OpenRouter options') ?? DEFAULT_IDLE_TIMEOUT;
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw new OpenRouterError(`fetch must be a function (a fetch implementation), got ${typeof options.fetch}.`);
    }
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new OpenRouterError(
        'No fetch implementation: pass `fetch` to new OpenRouter() (this runtime has no global fetch).',
      );
    }
    this.#fetch = fetchImpl;
    this.#fetchOptions = checkFetchOptions(options.fetchOptions, 'OpenRouter options');
    this.#maxRetryWait = checkMaxRetryWait(options.maxRetryWait);
    // Given by the caller, so that an app using only the standalone functions ships no ledger.
    if (usage === undefined && (options.onUsage !== undefined || options.spendLimit !== undefined)) {
      throw new OpenRouterError(
        'onUsage and spendLimit need a usage record: createClient(options, new UsageLedger(onUsage, spendLimit)).',
      );
    }
    this.usage = usage;
    this.#log = new Log(resolveLogLevel(options.logLevel), checkLogger(options.logger));
    const apiKey = options.apiKey ?? readEnv('OPENROUTER_API_KEY');
    if (apiKey !== undefined && typeof apiKey !== 'string' && typeof apiKey !== 'function') {
      throw new OpenRouterError('apiKey must be a string or a function returning one.');
    }
    // An empty key is a missing key: reported at the first call, like no key at all.
    if (typeof apiKey === 'string' && apiKey !== '') {
      checkKey(apiKey);
      rememberSecrets([apiKey]);
    }
    this.#apiKey = apiKey;
    this.#headers = mergeHeaders(
      isBrowser ? {} : { 'User-Agent': `openrouter-ts/${VERSION}` },
      attributionHeaders(options),
      options.defaultHeaders,
    );
  }

  /**
   * Sends `operation` and resolves to its answer: the JSON body; the `Response` with its body unread
   * for an operation whose answer is bytes (a non-2xx answer still rejects with its APIError); or,
   * given `toStream`, what it makes of the open event stream.
   */
  // `args` may be a function: then checking the arguments (model ids, key hashes, bodies) happens
  // inside the promise, so a bad argument rejects it like any other failure instead of throwing.
  request<T>(
    operation: Operation,
    args: CallArgs | (() => CallArgs),
    options?: RequestOptions,
    toStream?: StreamFactory<T>,
  ): APIPromise<T> {
    return new APIPromise(this.#send(operation, args, options, toStream) as Promise<{ data: T; response: Response }>);
  }

  async #send<T>(
    operation: Operation,
    args: CallArgs | (() => CallArgs),
    options: RequestOptions | undefined,
    toStream: StreamFactory<T> | undefined,
  ): Promise<{ data: unknown; response: Response }> {
    const parts = typeof args === 'function' ? args() : args;
    const userSignal = checkSignal(options?.signal);
    const timeout = checkTimeout(options?.timeout, 'request options') ?? this.timeout;
    const maxRetries = checkMaxRetries(options?.maxRetries, 'request options') ?? this.maxRetries;
    const idleLimit = checkIdleTimeout(options?.idleTimeout, 'request options') ?? this.idleTimeout;
    const idleTimeout = idleLimit === Number.POSITIVE_INFINITY ? undefined : idleLimit;
    const headers = options?.headers ? mergeHeaders(this.#headers, options.headers) : this.#headers;
    const fetchOptions = mergeFetchOptions(
      this.#fetchOptions,
      checkFetchOptions(options?.fetchOptions, 'request options'),
    );
    const extraBody = checkPlainObject(options?.extraBody, 'extraBody');
    const extraQuery = checkPlainObject(options?.extraQuery, 'extraQuery');
    const binary = operation.binary === true;
    // A stream is cancelled by the consumer leaving the loop (this controller) or by the user's signal.
    const controller = toStream ? new AbortController() : undefined;
    const signal = controller && userSignal ? linkSignals(userSignal, controller) : (controller?.signal ?? userSignal);
    // A non-stream answer is read by the transport, within the timeout, and handed over as text.
    let text: string | undefined;
    try {
      // Serialized here, once (with a clear error for what JSON cannot hold): every attempt, and a
      // redirect, resend this string.
      // A FormData body (an upload) is sent as it is: fetch writes it with its multipart boundary;
      // `extraBody` fields are appended to it.
      const form = parts.body instanceof FormData;
      const fullBody =
        extraBody === undefined
          ? parts.body
          : form
            ? withExtraFields(parts.body as FormData, extraBody)
            : withExtraBody(parts.body, extraBody);
      this.usage?.check(fullBody);
      const body = fullBody === undefined ? undefined : form ? (fullBody as FormData) : serializeJsonBody(fullBody);
      let url = this.baseURL + (parts.path ? serializePath(operation.url, parts.path) : operation.url);
      const search = serializeQuery(
        (extraQuery === undefined ? parts.query : { ...parts.query, ...extraQuery }) as Record<string, unknown>,
      );
      if (search) url += `?${search}`;
      const request: OutgoingRequest = {
        url,
        method: operation.method,
        // A stream request still gets its errors as JSON (the spec documents them as application/json):
        // accepting only text/event-stream would let a negotiating server answer them with a 200 stream or a 406.
        headers: await this.#requestHeaders(
          operation,
          form
            ? mergeHeaders(headers, { 'content-type': null }) // fetch sets multipart/form-data with the boundary
            : toStream
              ? mergeHeaders({ Accept: 'text/event-stream, application/json' }, headers)
              : headers,
          body !== undefined,
        ),
        body,
      };
      const response = await createTransport({
        fetch: this.#fetch,
        timeout,
        maxRetries,
        maxRetryWait: this.#maxRetryWait,
        signal,
        fetchOptions,
        log: this.#log,
        stream: Boolean(toStream) || binary,
        binary,
        onText:
          toStream || binary
            ? undefined
            : (received) => {
                text = received;
              },
      })(request);
      if (binary) return { data: response, response };
      if (toStream && controller) {
        await ensureEventStream(response, request, controller);
        // The fallback's listener goes when the controller aborts: at the end of the body at the latest.
        const streamed =
          userSignal && !AbortSignal.any
            ? new Response(
                response.body?.pipeThrough(new TransformStream({ flush: () => controller.abort() })),
                response,
              )
            : response;
        const observer = this.usage?.observe();
        const stream = toStream(streamed, controller, userSignal, { idleTimeout, observer });
        if (observer && typeof stream === 'object' && stream !== null) streamObservers.set(stream, observer);
        return { data: stream, response };
      }
      const data = parseJsonBody(text, response, request);
      this.usage?.record(data, false);
      answerTexts.set(response, text as string);
      return { data, response };
    } catch (error) {
      controller?.abort(); // the call is over: nothing may hold on to the caller's signal
      if (error instanceof NotFoundError) explainNoEndpoints(error, parts.body);
      throw this.#redacted(error);
    }
  }

  /**
   * The request's headers: the operation's content type, then `record` in order (a `null` removes
   * what an earlier entry set; names are case-insensitive), then the key, unless the caller gave an
   * `Authorization` of their own (`null`: send none).
   */
  async #requestHeaders(operation: Operation, record: HeadersInit, hasBody: boolean): Promise<Headers> {
    const headers = new Headers();
    if (operation.body === 'json') headers.set('content-type', 'application/json');
    for (const name in record) {
      const value = record[name];
      if (value === null) headers.delete(name);
      else if (value !== undefined) headers.set(name, value);
    }
    if (!hasBody) headers.delete('content-type');
    if (operation.secured !== false && record.authorization === undefined) {
      headers.set('authorization', `Bearer ${await this.#resolveKey()}`);
    }
    return headers;
  }

  async #resolveKey(): Promise<string> {
    const source = this.#apiKey;
    const key = typeof source === 'function' ? await source() : source;
    if (typeof key !== 'string' || key === '') {
      throw new OpenRouterError(
        typeof source === 'function'
          ? 'The apiKey function returned no key (it must return a non-empty string).'
          : 'Missing API key: pass `apiKey` to new OpenRouter({ apiKey }) or set the OPENROUTER_API_KEY environment variable.',
      );
    }
    checkKey(key);
    return key;
  }

  /**
   * Errors that did not come from this SDK are wrapped; nothing that leaves here contains the key
   * (the error's constructor redacts every key sent, the client's string key included).
   */
  #redacted(error: unknown): unknown {
    if (error instanceof OpenRouterError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new OpenRouterError(`Could not send the request: ${message}`);
  }
}

/** `/keys/{hash}` with `{ hash: 'a/b' }` -> `/keys/a%2Fb`: each value percent-encoded into its own segment. */
function serializePath(url: string, path: Record<string, unknown>): string {
  return url.replace(/\{([^}]+)\}/g, (placeholder, name: string) => {
    const value = path[name];
    return value === undefined || value === null ? placeholder : encodeURIComponent(String(value));
  });
}

function checkMaxRetryWait(value: unknown): number | undefined {
  if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value < 0)) {
    throw new OpenRouterError(
      `OpenRouter options: maxRetryWait must be a number of milliseconds >= 0, got ${String(value)}.`,
    );
  }
  return value;
}

function checkKey(key: string): void {
  if (!HEADER_SAFE.test(key)) {
    throw new OpenRouterError(
      'apiKey contains characters that cannot be sent in an HTTP header (whitespace, control or non-ASCII characters); check how it was read.',
    );
  }
}

/** The client's fetch options with the request's over them. */
function mergeFetchOptions(client: FetchOptions | undefined, request: FetchOptions | undefined) {
  if (request === undefined) return client;
  return client === undefined ? request : { ...client, ...request };
}

/** The request body with `extraBody`'s fields over its own. */
function withExtraBody(body: unknown, extraBody: Record<string, unknown>): Record<string, unknown> {
  if (body === undefined) {
    throw new OpenRouterError('request options: extraBody is given, but this request sends no body.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OpenRouterError('request options: extraBody can only be merged into an object body.');
  }
  return { ...(body as Record<string, unknown>), ...extraBody };
}

/** A multipart body with `extraBody`'s fields set over its own (objects as JSON text). */
function withExtraFields(form: FormData, extraBody: Record<string, unknown>): FormData {
  const merged = new FormData();
  for (const [name, value] of form) if (!(name in extraBody)) merged.append(name, value);
  for (const [name, value] of Object.entries(extraBody)) {
    if (value === undefined) continue;
    merged.append(
      name,
      typeof value === 'object' && value !== null && !(value instanceof Blob)
        ? JSON.stringify(value)
        : (value as string | Blob),
    );
  }
  return merged;
}

/**
 * Header records merged by lower-cased name (header names are case-insensitive), later records
 * winning. `undefined` means "not given" and changes nothing; `null` is kept, and removes the header
 * when the request is built.
 */
function mergeHeaders(...records: (HeadersInit | undefined)[]): HeadersInit {
  const merged: HeadersInit = {};
  for (const record of records) {
    if (record === undefined) continue;
    for (const [name, value] of Object.entries(record)) {
      if (value !== undefined) merged[name.toLowerCase()] = value;
    }
  }
  return merged;
}

/**
 * The JSON of a request body, or an error that says why there is none, before anything is sent.
 * (The generated serializer silently turns a BigInt into a string, which the API then rejects or
 * misreads; a circular object failed as "Could not send the request: Converting circular ...".)
 */
function serializeJsonBody(body: unknown): string {
  try {
    return JSON.stringify(body, (_key, value: unknown) => {
      if (typeof value === 'bigint') {
        throw new TypeError(`BigInt ${value} cannot be sent as JSON; convert it to a number or a string`);
      }
      return value;
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OpenRouterError(`The request body cannot be serialized as JSON: ${reason}`);
  }
}

/** `a=1&b=true`: the query parameters here are flat strings, numbers and booleans; absent ones are left out. */
function serializeQuery(query: Record<string, unknown> | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  }
  return parts.join('&');
}

/**
 * A 2xx answer to a stream request must be an event stream: a JSON or HTML body would otherwise
 * iterate as zero chunks and end as if nothing were wrong. The transport has already read such a
 * body within the timeout, and thrown the APIError of an error body; anything else is reported here.
 * A missing content type is let through (some proxies drop it).
 */
async function ensureEventStream(
  response: Response,
  request: OutgoingRequest,
  controller: AbortController,
): Promise<void> {
  const type = response.headers.get('content-type');
  if (type === null || type.includes('text/event-stream')) return;
  const text = await response.text().catch(() => '');
  controller.abort();
  throw new OpenRouterError(
    `${answered(request, response)} with ${type} where an event stream was asked for: ${start(text)}`,
  );
}

/** `POST /chat/completions answered 200`, for the messages of answers that are not what was asked. */
function answered(request: OutgoingRequest, response: Response): string {
  return `${request.method} ${new URL(request.url).pathname} answered ${response.status}`;
}

/** The first 200 characters of a body, on one line. */
function start(text: string): string {
  return `${text.slice(0, 200).replace(/\s+/g, ' ')}${text.length > 200 ? '…' : ''}`;
}

/** The answer's text as JSON, or an error that says what came instead. */
function parseJsonBody(text: string | undefined, response: Response, request: OutgoingRequest): unknown {
  // `answered` only for an error: parsing a URL on every successful call is measurable.
  if (text === undefined || text.length === 0) {
    throw new OpenRouterError(`${answered(request, response)} with an empty body where JSON was expected.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new OpenRouterError(`${answered(request, response)} with a body that is not JSON (${type}): ${start(text)}`);
  }
}
