// The resource classes, as types (what `client.models`, `client.keys`, ... are); made only by the client.
export type * from '../generated/resources.gen';
export { OpenRouter, OpenRouter as default } from './client';
export { APIPromise, type WithResponse } from './core/api-promise';
export type { ClientOptions, FetchOptions, HeadersInit, HeaderValue, RequestOptions } from './core/options';
export { MAX_PAGES, PagePromise } from './core/pagination';
export type { ProviderError } from './core/provider-error';
export * from './core/public-errors';
export type { RateLimit } from './core/rate-limit';
export { Stream } from './core/stream';
export { SpendLimitError, type UsageLedger, type UsageRecord, type UsageTotals } from './core/usage-ledger';
export type { Logger, LogLevel } from './internal/logger';
export type { NoEndpoints } from './internal/no-endpoints';
export type { RequestFunction, Route, RouteArgs, RouteResult } from './internal/route-request';
export { toFile, type Uploadable } from './internal/uploads';
// Structured outputs and the tool loop (src/lib/): one export per file, up to './lib/tool'.
export {
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  StructuredOutputParseError,
  ToolRoundLimitError,
} from './lib/errors';
export type { GenerationSource, WaitForGenerationOptions } from './lib/generation-wait';
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
  ChatCompletionStreamingRunToolsParams,
  Completions,
} from './resources/chat';
// The stream classes are values: `XStream.fromReadableStream(body)` rebuilds a forwarded stream.
export { ChatCompletionStream } from './resources/chat';
export type {
  Base64EmbeddingsResponse,
  EmbeddingCreateParamsBase64,
  EmbeddingCreateParamsFloat,
  Embeddings,
  EmbeddingsResponseOf,
  FloatEmbeddingsResponse,
} from './resources/embeddings';
export type {
  ImageGenerateParams,
  ImageGenerateParamsNonStreaming,
  ImageGenerateParamsStreaming,
  ImageStream,
  ImageStreamEvent,
  Images,
} from './resources/images';
export { ImagesStream } from './resources/images';
export type {
  MessageCreateParams,
  MessageCreateParamsNonStreaming,
  MessageCreateParamsStreaming,
  MessageStream,
  Messages,
} from './resources/messages';
export { MessagesStream } from './resources/messages';
export type {
  ResponseCreateParams,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  ResponseParseParams,
  ResponseStream,
  Responses,
} from './resources/responses';
export { ResponsesStream } from './resources/responses';
export type * from './types';
export { VERSION } from './version';
