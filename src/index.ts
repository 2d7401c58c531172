// The resource classes, as types (what `client.models`, `client.keys`, ... are); made only by the client.
export type * from '../generated/resources.gen';
// The types of the API, generated from openapi/openapi.yaml: request and response bodies as the
// API sends them (snake_case, nothing renamed).
export type * from '../generated/types.gen';
export { OpenRouter, OpenRouter as default } from './client';
export { APIPromise } from './core/api-promise';
export * from './core/errors';
export type { ClientOptions, HeadersInit, HeaderValue, RequestOptions } from './core/options';
export { MAX_PAGES, PagePromise } from './core/pagination';
export type { RequestFunction, Route, RouteArgs, RouteResult } from './core/request';
export { Stream } from './core/stream';
export type {
  Chat,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionStream,
  Completions,
} from './resources/chat';
export type {
  ImageGenerateParams,
  ImageGenerateParamsNonStreaming,
  ImageGenerateParamsStreaming,
  ImageStream,
  ImageStreamEvent,
  Images,
} from './resources/images';
export type {
  MessageCreateParams,
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  MessageStream,
  Messages,
} from './resources/messages';
export type {
  ResponseCreateParams,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  ResponseStream,
  Responses,
} from './resources/responses';
export type { Uploadable } from './resources/uploads';
export type * from './types';
export { VERSION } from './version';
