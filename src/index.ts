export { OpenRouter, OpenRouter as default } from './client';
export { APIPromise } from './core/api-promise';
export * from './core/errors';
export type { Logger, LogLevel } from './core/logger';
export type { ClientOptions, FetchOptions, HeadersInit, HeaderValue, RequestOptions } from './core/options';
export { Stream } from './core/stream';
export type {
  Chat,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionStream,
  Completions,
} from './resources/chat';
// The resource classes, as types (what `client.models`, `client.keys`, ... are); made only by the client.
export type { Endpoints } from './resources/endpoints';
export type { Keys } from './resources/keys';
export type { Models } from './resources/models';
export type { OAuth } from './resources/oauth';
export type { Providers } from './resources/providers';
export type * from './types';
export { VERSION } from './version';
