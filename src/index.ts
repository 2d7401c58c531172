export { OpenRouter, OpenRouter as default } from './client';
export { APIPromise } from './core/api-promise';
export * from './core/errors';
export type { ClientOptions, HeadersInit, HeaderValue, RequestOptions } from './core/options';
export { Stream } from './core/stream';
export type {
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionStream,
} from './resources/chat';
export type * from './types';
export { VERSION } from './version';
