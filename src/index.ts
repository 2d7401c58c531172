export { OpenRouter, OpenRouter as default } from './client';
export { APIPromise } from './core/api-promise';
export * from './core/errors';
export type { Logger, LogLevel } from './core/logger';
export type { ClientOptions, FetchOptions, HeadersInit, HeaderValue, RequestOptions } from './core/options';
export { Stream } from './core/stream';
// Structured outputs and the tool loop (src/lib/): one export per file, up to './lib/tool'.
export {
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  StructuredOutputParseError,
  ToolRoundLimitError,
} from './lib/errors';
export {
  ChatCompletionRunner,
  ChatCompletionStreamingRunner,
  type RunnableTool,
  type RunnableTools,
  type RunToolsOptions,
  type ToolCallContext,
  type ToolCallError,
  type TotalUsage,
} from './lib/run-tools';
export type {
  InferSchemaOutput,
  JSONSchemaObject,
  SchemaIssue,
  StandardJSONSchemaV1,
  StandardSchemaV1,
  StandardSchemaWithJSON,
} from './lib/standard-schema';
export {
  type JSONSchemaFormat,
  type ParsedChatCompletion,
  type ParsedOutput,
  type ParsedResponse,
  parseCompletion,
  parseResponse,
  type ResponseLike,
  type StructuredOutputFormat,
  toResponseFormat,
  toResponsesTextFormat,
} from './lib/structured-output';
export {
  type ParsableTool,
  type RunnableParsableTool,
  type ToolArguments,
  type ToolDefinitionOptions,
  tool,
} from './lib/tool';
export type {
  Chat,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionParseParams,
  ChatCompletionRunToolsParams,
  ChatCompletionStream,
  ChatCompletionStreamingRunToolsParams,
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
