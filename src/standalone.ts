// The tree-shakable entry: every operation as a function of a small core client, named by its
// operationId, so an app that calls two operations ships two (plus the transport).
//
//   import { createClient, getGeneration, getCredits } from 'openrouter-ts/standalone';
//   const client = createClient({ apiKey });
//   const { data } = await getCredits(client);
//
// The generated functions are in generated/standalone.gen.ts; the four that stream, and embeddings
// (whose answer type follows `encoding_format`), are here.
import {
  createChatCompletion as chatOperation,
  createImage as imageOperation,
  createMessage as messageOperation,
  createResponse as responseOperation,
} from '../generated/operations.gen';
import type {
  ChatCompletion,
  CreateEmbeddingsRequest,
  CreateEmbeddingsResponse,
  CreateImageResponse,
  CreateMessageResponse,
  CreateResponseResponse,
} from '../generated/types.gen';
import type { APIPromise } from './core/api-promise';
import type { ClientOptions, RequestOptions } from './core/options';
import type { UsageLedger } from './core/usage-ledger';
import { createMaybeStreaming } from './internal/args';
import { HttpClient } from './internal/http';
import {
  type ChatCompletionCreateParams,
  type ChatCompletionCreateParamsNonStreaming,
  type ChatCompletionCreateParamsStreaming,
  type ChatCompletionStream,
  toChatCompletionStream,
} from './resources/chat';
import {
  type Base64EmbeddingsResponse,
  type EmbeddingCreateParamsBase64,
  type EmbeddingCreateParamsFloat,
  type FloatEmbeddingsResponse,
  sendEmbeddings,
} from './resources/embeddings';
import {
  type ImageGenerateParams,
  type ImageGenerateParamsNonStreaming,
  type ImageGenerateParamsStreaming,
  type ImageStream,
  toImageStream,
} from './resources/images';
import {
  type MessageCreateParams,
  type MessageCreateParamsNonStreaming,
  type MessageCreateParamsStreaming,
  type MessageStream,
  toMessageStream,
} from './resources/messages';
import {
  type ResponseCreateParams,
  type ResponseCreateParamsNonStreaming,
  type ResponseCreateParamsStreaming,
  type ResponseStream,
  toResponseStream,
} from './resources/responses';

export * from '../generated/standalone.gen';
export { APIPromise } from './core/api-promise';
export type { ClientOptions, RequestOptions } from './core/options';
export { PagePromise } from './core/pagination';
export * from './core/public-errors';
export { SpendLimitError, UsageLedger } from './core/usage-ledger';
export { type GenerationSource, type WaitForGenerationOptions, waitForGeneration } from './lib/generation-wait';

/** The core client the functions take: the options, the key, the transport. */
export type CoreClient = HttpClient;

/**
 * A core client with the same options as `new OpenRouter(options)`. `onUsage` and `spendLimit` need
 * a usage record: `createClient(options, new UsageLedger(onUsage, spendLimit))` (then `client.usage`).
 */
export function createClient(options: ClientOptions = {}, usage?: UsageLedger): CoreClient {
  return new HttpClient(options, usage);
}

/** `client.chat.completions.create` as a function. */
export function createChatCompletion(
  client: CoreClient,
  body: ChatCompletionCreateParamsStreaming,
  options?: RequestOptions,
): APIPromise<ChatCompletionStream>;
export function createChatCompletion(
  client: CoreClient,
  body: ChatCompletionCreateParamsNonStreaming,
  options?: RequestOptions,
): APIPromise<ChatCompletion>;
export function createChatCompletion(
  client: CoreClient,
  body: ChatCompletionCreateParams,
  options?: RequestOptions,
): APIPromise<ChatCompletion | ChatCompletionStream>;
export function createChatCompletion(client: CoreClient, body: ChatCompletionCreateParams, options?: RequestOptions) {
  return createMaybeStreaming(client, chatOperation, 'createChatCompletion', body, options, toChatCompletionStream);
}

/** `client.responses.create` as a function. */
export function createResponse(
  client: CoreClient,
  body: ResponseCreateParamsStreaming,
  options?: RequestOptions,
): APIPromise<ResponseStream>;
export function createResponse(
  client: CoreClient,
  body: ResponseCreateParamsNonStreaming,
  options?: RequestOptions,
): APIPromise<CreateResponseResponse>;
export function createResponse(
  client: CoreClient,
  body: ResponseCreateParams,
  options?: RequestOptions,
): APIPromise<CreateResponseResponse | ResponseStream>;
export function createResponse(client: CoreClient, body: ResponseCreateParams, options?: RequestOptions) {
  return createMaybeStreaming(client, responseOperation, 'createResponse', body, options, toResponseStream);
}

/** `client.messages.create` as a function. */
export function createMessage(
  client: CoreClient,
  body: MessageCreateParamsStreaming,
  options?: RequestOptions,
): APIPromise<MessageStream>;
export function createMessage(
  client: CoreClient,
  body: MessageCreateParamsNonStreaming,
  options?: RequestOptions,
): APIPromise<CreateMessageResponse>;
export function createMessage(
  client: CoreClient,
  body: MessageCreateParams,
  options?: RequestOptions,
): APIPromise<CreateMessageResponse | MessageStream>;
export function createMessage(client: CoreClient, body: MessageCreateParams, options?: RequestOptions) {
  return createMaybeStreaming(client, messageOperation, 'createMessage', body, options, toMessageStream);
}

/** `client.images.generate` as a function. */
export function createImage(
  client: CoreClient,
  body: ImageGenerateParamsStreaming,
  options?: RequestOptions,
): APIPromise<ImageStream>;
export function createImage(
  client: CoreClient,
  body: ImageGenerateParamsNonStreaming,
  options?: RequestOptions,
): APIPromise<CreateImageResponse>;
export function createImage(
  client: CoreClient,
  body: ImageGenerateParams,
  options?: RequestOptions,
): APIPromise<CreateImageResponse | ImageStream>;
export function createImage(client: CoreClient, body: ImageGenerateParams, options?: RequestOptions) {
  return createMaybeStreaming(client, imageOperation, 'createImage', body, options, toImageStream);
}

/** `client.embeddings.create` as a function: `number[]` embeddings, base64 strings for `encoding_format: 'base64'`. */
export function createEmbeddings(
  client: CoreClient,
  body: EmbeddingCreateParamsBase64,
  options?: RequestOptions,
): APIPromise<Base64EmbeddingsResponse>;
export function createEmbeddings(
  client: CoreClient,
  body: EmbeddingCreateParamsFloat,
  options?: RequestOptions,
): APIPromise<FloatEmbeddingsResponse>;
export function createEmbeddings(
  client: CoreClient,
  body: CreateEmbeddingsRequest,
  options?: RequestOptions,
): APIPromise<CreateEmbeddingsResponse>;
export function createEmbeddings(client: CoreClient, body: CreateEmbeddingsRequest, options?: RequestOptions) {
  return sendEmbeddings(client, body, options, 'createEmbeddings');
}
