import { createChatCompletion } from '../../generated/operations.gen';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../../generated/types.gen';
import { ChatCompletionStream as ChunkMergingStream } from '../core/accumulate';
import type { APIPromise } from '../core/api-promise';
import type { HttpClient, StreamFactory } from '../core/http';
import type { RequestOptions } from '../core/options';
import type { Stream } from '../core/stream';
import { createMaybeStreaming } from './streaming';

/** A chat request that asks for a stream of chunks. */
export type ChatCompletionCreateParamsStreaming = ChatCompletionRequest & { stream: true };
/** A chat request answered with one completion (`stream` absent or false). */
export type ChatCompletionCreateParamsNonStreaming = ChatCompletionRequest & { stream?: false | null | undefined };
export type ChatCompletionCreateParams = ChatCompletionCreateParamsStreaming | ChatCompletionCreateParamsNonStreaming;

/** The stream of a chat completion: iterate it with `for await`, or merge it with `finalCompletion()`. */
export interface ChatCompletionStream extends Stream<ChatCompletionChunk> {
  /** Reads the rest of the stream and returns the chunks merged into one completion. */
  finalCompletion(): Promise<ChatCompletion>;
}

/** The one place that makes the stream of a chat completion. */
export const toChatCompletionStream: StreamFactory<ChatCompletionStream> = (response, controller, userSignal) =>
  new ChunkMergingStream<ChatCompletionChunk>(response, controller, userSignal) as unknown as ChatCompletionStream;

export class Completions {
  constructor(private readonly http: HttpClient) {}

  /**
   * Create a chat completion.
   *
   * Sends a request for a model response for the given chat conversation. Supports both streaming
   * and non-streaming modes.
   *
   * With `stream: true` the result is a {@link ChatCompletionStream} of chunks instead of a
   * {@link ChatCompletion}. Fields the description does not know yet can be sent as they are: the
   * request type admits extra keys.
   */
  create(body: ChatCompletionCreateParamsStreaming, options?: RequestOptions): APIPromise<ChatCompletionStream>;
  create(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ChatCompletion>;
  create(body: ChatCompletionCreateParams, options?: RequestOptions): APIPromise<ChatCompletion | ChatCompletionStream>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion | ChatCompletionStream> {
    return createMaybeStreaming(
      this.http,
      createChatCompletion,
      'chat.completions.create',
      body,
      options,
      toChatCompletionStream,
    );
  }
}

export class Chat {
  readonly completions: Completions;
  constructor(http: HttpClient) {
    this.completions = new Completions(http);
  }
}
