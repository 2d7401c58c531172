// The options of the client and of each request, and their validation: bad values are reported
// when they are given, before any request is sent.
import { OpenRouterError } from './errors';

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
  /** Retries on 408, 409, 429, 5xx and connection failures. Default 2. */
  maxRetries?: number | undefined;
  /** A fetch implementation. Default: globalThis.fetch. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request; `null` removes one the client would send. */
  defaultHeaders?: HeadersInit | undefined;
  /** Your app's URL, sent as HTTP-Referer for attribution on openrouter.ai. */
  appUrl?: string | undefined;
  /** Your app's name, sent as X-Title for attribution on openrouter.ai. */
  appTitle?: string | undefined;
}

/** Options of one request; they override the client's. */
export interface RequestOptions {
  /** Cancels the request (and the stream) when aborted. */
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Headers of this request; `null` removes one. */
  headers?: HeadersInit | undefined;
}

export const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';
export const DEFAULT_TIMEOUT = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES = 2;

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

/**
 * Reads an environment variable where there is one (Node, Deno, Bun); never throws: browsers and
 * workers have no environment, and Deno without `--allow-env` throws `NotCapable` on any read, even
 * through its `process` global.
 */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get?: (key: string) => string | undefined } };
  };
  try {
    return (g.process?.env?.[name] ?? g.Deno?.env?.get?.(name))?.trim() || undefined;
  } catch {
    return undefined;
  }
}
