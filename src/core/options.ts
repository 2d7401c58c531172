// The options of the client and of each request, and their validation: bad values are reported
// when they are given, before any request is sent.

import type { Logger, LogLevel } from '../internal/logger';
import { OpenRouterError } from './errors';
import type { UsageRecord } from './usage-ledger';

/**
 * A header value; `null` removes a header the client would otherwise send, `undefined` changes
 * nothing. Names are case-insensitive. An `Authorization` value replaces the API key.
 */
export type HeaderValue = string | null | undefined;
export type HeadersInit = Record<string, HeaderValue>;

export interface ClientOptions {
  /** API key, or a function returning one (called per request, so keys can rotate). Default: env OPENROUTER_API_KEY. */
  apiKey?: string | (() => string | Promise<string>) | undefined;
  /** Default: env OPENROUTER_BASE_URL, else https://openrouter.ai/api/v1. */
  baseURL?: string | undefined;
  /** Milliseconds to wait for an answer (for streams: for its headers). Default 600000 (10 minutes). */
  timeout?: number | undefined;
  /**
   * For streams: milliseconds a stream may go without receiving anything (an event or a keep-alive
   * comment) before it ends with `APITimeoutError`. `timeout` bounds the wait for a stream's
   * headers only; this bounds each silence after them, however long the whole stream lasts.
   * OpenRouter sends a keep-alive comment every few seconds while a model is working, so a silence
   * this long means a dead connection. `Infinity`: no limit. Default 300000 (5 minutes).
   */
  idleTimeout?: number | undefined;
  /** Retries on 408, 409, 429, 5xx and connection failures. Default 2. */
  maxRetries?: number | undefined;
  /** A fetch implementation. Default: globalThis.fetch. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request; `null` removes one the client would send. */
  defaultHeaders?: HeadersInit | undefined;
  /** Your app's URL, sent as HTTP-Referer for attribution on openrouter.ai. Default: env OPENROUTER_HTTP_REFERER. */
  appUrl?: string | undefined;
  /** Your app's name, sent as X-OpenRouter-Title (and the legacy X-Title). Default: env OPENROUTER_APP_TITLE. */
  appTitle?: string | undefined;
  /** Your app's categories, sent comma-separated as X-OpenRouter-Categories. Default: env OPENROUTER_APP_CATEGORIES. */
  appCategories?: string | readonly string[] | undefined;
  /**
   * The longest wait before a retry, in ms, that a 429's rate-limit reset may ask for: a reset later
   * than this (a daily free-model quota) is not retried, the `RateLimitError` comes at once. Default 60000.
   */
  maxRetryWait?: number | undefined;
  /** Called with the usage (cost, tokens, generation id) of every answer and finished stream that reports one. */
  onUsage?: ((record: UsageRecord) => void) | undefined;
  /**
   * A cap on the spend recorded by this client (`client.usage.totals().spend`, USD): once reached,
   * requests that name a model are refused with `SpendLimitError` before they are sent.
   */
  spendLimit?: number | string | undefined;
  /**
   * Extra `RequestInit` fields passed to every fetch call (`dispatcher`, `keepalive`, `cache`, ...).
   * The SDK's `method`, `headers`, `body` and `signal` cannot be set here (an error says so);
   * per-request `fetchOptions` are merged over these.
   */
  fetchOptions?: FetchOptions | undefined;
  /** What to log: 'off' (default), 'error', 'warn', 'info' or 'debug'. Default: env OPENROUTER_LOG, else 'off'. */
  logLevel?: LogLevel | undefined;
  /** Where log lines go. Default: `console`. The API key is redacted from every line. */
  logger?: Logger | undefined;
}

/**
 * `RequestInit` fields other than those the SDK sets itself; `dispatcher` is undici's (Node), and
 * other runtime-specific fields pass through as given.
 */
export type FetchOptions = Omit<RequestInit, 'method' | 'headers' | 'body' | 'signal'> & {
  /** undici's Agent, ProxyAgent, ... (Node's fetch). */
  dispatcher?: unknown;
  // The SDK sets these itself: a compile error here, and a clear runtime error for untyped callers.
  method?: never;
  headers?: never;
  body?: never;
  signal?: never;
  [field: string]: unknown;
};

/** Options of one request; they override the client's. */
export interface RequestOptions {
  /** Cancels the request (and the stream) when aborted. */
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  /** For a stream: the longest silence between events or keep-alives (see ClientOptions.idleTimeout). */
  idleTimeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Headers of this request; `null` removes one. */
  headers?: HeadersInit | undefined;
  /**
   * Fields merged into the JSON body, over the request's own (for fields the SDK's types do not
   * know yet). Only for methods that send a body.
   */
  extraBody?: Record<string, unknown> | undefined;
  /** Parameters merged into the query string, over the request's own; `undefined` and `null` are left out. */
  extraQuery?: Record<string, string | number | boolean | null | undefined> | undefined;
  /** Extra `RequestInit` fields for this request, merged over the client's `fetchOptions`. */
  fetchOptions?: FetchOptions | undefined;
}

/** Fields of `RequestInit` the SDK sets itself: `fetchOptions` may not carry them. */
const RESERVED_FETCH_FIELDS = ['method', 'headers', 'body', 'signal'] as const;

export function checkFetchOptions(value: unknown, where: string): FetchOptions | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OpenRouterError(`${where}: fetchOptions must be an object of RequestInit fields.`);
  }
  for (const field of RESERVED_FETCH_FIELDS) {
    if (field in value) {
      throw new OpenRouterError(
        `${where}: fetchOptions.${field} is not allowed: the SDK sets ${field} itself (use its own option).`,
      );
    }
  }
  return value as FetchOptions;
}

export function checkPlainObject(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OpenRouterError(
      `request options: ${name} must be a plain object, got ${Array.isArray(value) ? 'an array' : String(value)}.`,
    );
  }
  return value as Record<string, unknown>;
}

export const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';
export const DEFAULT_TIMEOUT = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES = 2;
/** 5 minutes: many missed keep-alives, so never a live stream, even behind a proxy that buffers them. */
export const DEFAULT_IDLE_TIMEOUT = 5 * 60 * 1000;
/** The longest delay a timer can take (larger ones fire at once): longer idle timeouts mean none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A positive number of milliseconds, or `Infinity` (no limit; also what anything beyond a timer's range becomes). */
export function checkIdleTimeout(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new OpenRouterError(
      `${where}: idleTimeout must be a positive number of milliseconds (or Infinity for none), got ${String(value)}.`,
    );
  }
  return value > MAX_TIMER_MS ? Number.POSITIVE_INFINITY : value;
}

export function checkTimeout(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new OpenRouterError(`${where}: timeout must be a positive number of milliseconds, got ${String(value)}.`);
  }
  return value;
}

export function checkMaxRetries(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new OpenRouterError(`${where}: maxRetries must be a whole number >= 0, got ${String(value)}.`);
  }
  return value;
}

export function checkBaseURL(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OpenRouterError(`baseURL must be an absolute http(s) URL, got ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OpenRouterError(`baseURL must be an http(s) URL, got ${JSON.stringify(value)}.`);
  }
  return value.replace(/\/+$/, '');
}

export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || typeof (value as AbortSignal).aborted !== 'boolean') {
    throw new OpenRouterError('signal must be an AbortSignal.');
  }
  return value as AbortSignal;
}
