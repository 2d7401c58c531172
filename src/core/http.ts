// Sends one API call: the operation (generated/operations.gen.ts, made by src/core/operation.ts) says
// what to send (method, URL template, security, content type), the dispatcher below builds it (path
// and query, headers, the key), the transport sends it (timeouts, retries, error mapping), and the
// answer becomes the promised data.
//
// The dispatcher stands in for hey-api's generated fetch client, which is not generated: that runtime
// cost ~2.4 KB gzipped, ~50 us per call (option spreads, header and URL building, a Request built only
// to be read back) and brings a server-sent-events client with an unbounded retry loop that this SDK
// must not use.
import { VERSION } from '../version';
import { APIPromise } from './api-promise';
import { attributionHeaders } from './attribution';
import { answerTexts, streamObservers } from './call-ids';
import { NotFoundError, OpenRouterError } from './errors';
import { linkSignals } from './link-signals';
import { checkLogger, Log, resolveLogLevel } from './logger';
import { explainNoEndpoints } from './no-endpoints';
import { type Dispatcher, type Operation, serializePath } from './operation';
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
  readEnv,
} from './options';
import { rememberSecrets } from './redact';
import type { StreamObserver } from './stream';
import { createTransport, type OutgoingRequest } from './transport';
import type { UsageLedger } from './usage-ledger';

/** What a resource method passes for its operation: the parts of the request the spec names. */
export interface CallArgs {
  path?: Record<string, string>;
  query?: object | undefined;
  body?: unknown;
}

/** What the dispatcher resolves to, and so what a generated operation function returns here. */
interface OperationResult {
  response: Response;
  request: OutgoingRequest;
}

/** What a generated operation function hands its client: the operation's own fields plus ours. */
interface GeneratedRequest {
  url: string;
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: HeadersInit;
  security?: readonly unknown[];
  transport: (request: OutgoingRequest) => Promise<Response>;
}

type ApiKeySource = string | (() => string | Promise<string>);

/** Marks a call whose answer is handed over as the unread `Response` (see `binary`). */
const RAW_RESPONSE: StreamFactory<Response> = (response) => response;

/** Turns a streaming response into what the method returns (a Stream). */
export type StreamFactory<T> = (
  response: Response,
  controller: AbortController,
  userSignal: AbortSignal | undefined,
  options: StreamReadOptions,
) => T;

/** How the stream reads its body; `idleTimeout` undefined: no limit. */
export interface StreamReadOptions {
  idleTimeout: number | undefined;
  /** Watches the stream for the client's usage record. */
  observer?: StreamObserver | undefined;
}

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
  readonly #client: Dispatcher;
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
    const dispatch = (method: string) => (request: GeneratedRequest) => this.#dispatch(method, request);
    this.#client = {
      get: dispatch('GET'),
      post: dispatch('POST'),
      put: dispatch('PUT'),
      patch: dispatch('PATCH'),
      delete: dispatch('DELETE'),
    } as unknown as Dispatcher;
  }

  /** Calls `operation` and resolves to the JSON body of its answer. */
  // `args` may be a function: then checking the arguments (model ids, key hashes, bodies) happens
  // inside the promise, so a bad argument rejects it like any other failure instead of throwing.
  call<T>(operation: Operation, args: CallArgs | (() => CallArgs), options?: RequestOptions): APIPromise<T> {
    return new APIPromise(this.#send(operation, args, options, undefined) as Promise<{ data: T; response: Response }>);
  }

  /**
   * Calls an `operation` whose answer is not JSON (audio, file or video bytes) and resolves to its
   * `Response` with the body unread, to stream or save; a non-2xx answer still rejects with its APIError.
   */
  binary(operation: Operation, args: CallArgs | (() => CallArgs), options?: RequestOptions): APIPromise<Response> {
    return new APIPromise(
      this.#send(operation, args, options, RAW_RESPONSE) as Promise<{ data: Response; response: Response }>,
    );
  }

  /** Calls a streaming `operation` and resolves to what `toStream` makes of the open response. */
  stream<T>(
    operation: Operation,
    args: CallArgs | (() => CallArgs),
    options: RequestOptions | undefined,
    toStream: StreamFactory<T>,
  ) {
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
    const raw = toStream === RAW_RESPONSE;
    // A stream is cancelled by the consumer leaving the loop (this controller) or by the user's signal.
    const controller = toStream && !raw ? new AbortController() : undefined;
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
      const { response, request } = (await operation({
        client: this.#client,
        ...parts,
        ...(body === undefined ? {} : { body }),
        ...(extraQuery === undefined ? {} : { query: { ...parts.query, ...extraQuery } }),
        // A stream request still gets its errors as JSON (the spec documents them as application/json):
        // accepting only text/event-stream would let a negotiating server answer them with a 200 stream or a 406.
        headers: form
          ? mergeHeaders(headers, { 'content-type': null }) // fetch sets multipart/form-data with the boundary
          : toStream && !raw
            ? mergeHeaders({ Accept: 'text/event-stream, application/json' }, headers)
            : headers,
        // An Authorization header of the caller's replaces the key (`null`: send none), so the
        // security scheme, which would set the key over it, is skipped.
        ...(headers.authorization !== undefined ? { security: [] } : {}),
        transport: createTransport({
          fetch: this.#fetch,
          timeout,
          maxRetries,
          maxRetryWait: this.#maxRetryWait,
          signal: signal ?? null,
          body,
          fetchOptions,
          log: this.#log,
          stream: Boolean(toStream),
          binary: raw,
          onText: toStream
            ? undefined
            : (received) => {
                text = received;
              },
        }),
      })) as OperationResult;
      if (raw) return { data: response, response };
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

  /** Builds the request a generated operation function describes, and sends it with the call's transport. */
  async #dispatch(method: string, operation: GeneratedRequest): Promise<OperationResult> {
    let url = this.baseURL + (operation.path ? serializePath(operation.url, operation.path) : operation.url);
    const search = serializeQuery(operation.query);
    if (search) url += `?${search}`;
    const headers = new Headers();
    // In order: a later `null` removes what an earlier entry set (names are case-insensitive).
    for (const name in operation.headers) {
      const value = operation.headers[name];
      if (value === null) headers.delete(name);
      else if (value !== undefined) headers.set(name, value);
    }
    if (operation.body === undefined) headers.delete('content-type');
    if (operation.security?.length) headers.set('authorization', `Bearer ${await this.#resolveKey()}`);
    const request: OutgoingRequest = { url, method, headers };
    return { response: await operation.transport(request), request };
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
 * when the generated client builds the request.
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
