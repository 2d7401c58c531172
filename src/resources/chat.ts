import { createChatCompletion } from '../../generated/operations.gen';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatMessage,
} from '../../generated/types.gen';
import { APIPromise } from '../core/api-promise';
import { OpenRouterError } from '../core/errors';
import type { RequestOptions } from '../core/options';
import { checkedBody } from '../internal/args';
import type { HttpClient, StreamFactory } from '../internal/http';
import {
  ChatCompletionRunner,
  ChatCompletionStreamingRunner,
  type CreateCompletion,
  type RunnableTools,
  type RunToolsOptions,
} from '../lib/run-tools';
import {
  type ParsedChatCompletion,
  type ParsedOutput,
  parseCompletion,
  resolveFormat,
  type StructuredOutputFormat,
  toResponseFormat,
} from '../lib/structured-output';
import { ChatCompletionStream as ChunkMergingStream } from '../streams/chat';

/** A chat request that asks for a stream of chunks. */
export type ChatCompletionCreateParamsStreaming = ChatCompletionRequest & { stream: true };
/** A chat request answered with one completion (`stream` absent or false). */
export type ChatCompletionCreateParamsNonStreaming = ChatCompletionRequest & { stream?: false | null | undefined };
export type ChatCompletionCreateParams = ChatCompletionCreateParamsStreaming | ChatCompletionCreateParamsNonStreaming;

/** `T` without the keys `K`; unlike `Omit`, it keeps the other properties of a type with an index signature. */
type OmitKeys<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/** A request of `parse()`: `response_format` is a schema or a named format (see {@link StructuredOutputFormat}). */
export type ChatCompletionParseParams<Format extends StructuredOutputFormat = StructuredOutputFormat> = OmitKeys<
  ChatCompletionRequest,
  'response_format' | 'stream'
> & {
  response_format?: Format;
  stream?: false | null | undefined;
};

/** A request of `runTools()`: every tool has a `function` to run. */
export type ChatCompletionRunToolsParams<Args extends readonly unknown[] = readonly unknown[]> = OmitKeys<
  ChatCompletionRequest,
  'tools' | 'stream'
> & {
  tools: RunnableTools<Args>;
  stream?: false | null | undefined;
};

/** A request of `runTools()` that streams each round. */
export type ChatCompletionStreamingRunToolsParams<Args extends readonly unknown[] = readonly unknown[]> = OmitKeys<
  ChatCompletionRequest,
  'tools' | 'stream'
> & {
  tools: RunnableTools<Args>;
  stream: true;
};

/**
 * The stream of a chat completion: iterate it with `for await`, or merge it with `finalCompletion()`.
 * A class (a value) so that `ChatCompletionStream.fromReadableStream(body)` rebuilds a forwarded one.
 */
export class ChatCompletionStream extends ChunkMergingStream<ChatCompletionChunk, ChatCompletion> {}

/** The one place that makes the stream of a chat completion (also used by src/standalone.ts). */
export const toChatCompletionStream: StreamFactory<ChatCompletionStream> = (
  response,
  controller,
  userSignal,
  readOptions,
) => new ChatCompletionStream(response, controller, userSignal, readOptions);

export class Completions {
  constructor(private readonly http: HttpClient) {}

  /**
   * Create a chat completion.
   *
   * Sends a request for a model response for the given chat conversation. Supports both streaming
   * and non-streaming modes.
   *
   * With `stream: true` the result is a {@link ChatCompletionStream} of chunks instead of a
   * {@link ChatCompletion}. The request type is closed (a misspelt field does not compile): send a
   * field the description does not know yet with the `extraBody` request option.
   */
  create(body: ChatCompletionCreateParamsStreaming, options?: RequestOptions): APIPromise<ChatCompletionStream>;
  create(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ChatCompletion>;
  create(body: ChatCompletionCreateParams, options?: RequestOptions): APIPromise<ChatCompletion | ChatCompletionStream>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion | ChatCompletionStream> {
    // Checked inside the call, so a bad body rejects the returned promise rather than throwing.
    const args = () => ({ body: checkedBody(body, 'chat.completions.create') });
    if (typeof body === 'object' && body !== null && body.stream === true) {
      return this.http.request(createChatCompletion, args, options, toChatCompletionStream);
    }
    return this.http.request<ChatCompletion>(createChatCompletion, args, options);
  }

  // ---- Structured outputs and the tool loop (src/lib/structured-output.ts, src/lib/run-tools.ts) ----

  /**
   * Create a chat completion whose answer is parsed with a schema.
   *
   * `response_format` is a schema of your own library (zod 4.2+, arktype, valibot through
   * `toStandardJsonSchema`: anything implementing Standard Schema and Standard JSON Schema), or
   * `{ name, schema, strict?, validator? }`. It is sent as `{ type: 'json_schema', json_schema: { name,
   * schema, strict: true } }`, and each choice's `message.parsed` is the validated value (`null` on a
   * refusal). Invalid JSON or a schema mismatch rejects with `StructuredOutputParseError` (with the
   * raw text); `finish_reason` `length` / `content_filter` reject with `LengthFinishReasonError` /
   * `ContentFilterFinishReasonError`. Tools made by `tool()` get `parsed_arguments` on their calls.
   */
  parse<Format extends StructuredOutputFormat = never>(
    body: ChatCompletionParseParams<Format>,
    options?: RequestOptions,
  ): APIPromise<ParsedChatCompletion<ParsedOutput<Format>>> {
    const source = Promise.resolve().then(async () => {
      const checked = checkedBody(body, 'chat.completions.parse');
      if ((checked as { stream?: unknown }).stream === true) {
        throw new OpenRouterError('chat.completions.parse does not stream: leave stream unset.');
      }
      const format =
        checked.response_format === undefined
          ? undefined
          : resolveFormat(checked.response_format, 'chat.completions.parse');
      const request = { ...checked, ...(format !== undefined && { response_format: toResponseFormat(format) }) };
      const { data, response } = await this.create(
        request as ChatCompletionCreateParamsNonStreaming,
        options,
      ).withResponse();
      const tools = (checked as { tools?: readonly unknown[] }).tools;
      return { data: await parseCompletion<ChatCompletion, Format>(data, format, tools), response };
    });
    return new APIPromise(source);
  }

  /**
   * Run a tool loop: ask the model, run the tools it calls (those of one message in parallel), send
   * their results back as `tool` messages, and repeat until the model answers without tools.
   *
   * Each tool is `{ type: 'function', function: { name, description?, parameters?, parse?, function } }`
   * (or made by `tool()`). A tool that throws, arguments its `parse` rejects and unknown tool names
   * are answered with an `Error: ...` text to the model and recorded in `runner.toolCallErrors`.
   * After `maxRounds` requests (default 10) with tools still asked for, the runner rejects with
   * `ToolRoundLimitError`. `signal` (or `runner.abort()`) cancels the request in flight and ignores
   * pending tool results; the runner rejects with `APIUserAbortError`. With `stream: true`, each
   * round streams, and the runner is also an async iterable of all chunks.
   */
  runTools<const Args extends readonly unknown[]>(
    body: ChatCompletionStreamingRunToolsParams<Args>,
    options?: RunToolsOptions,
  ): ChatCompletionStreamingRunner<ChatMessage, ChatCompletion, ChatCompletionChunk>;
  runTools<const Args extends readonly unknown[]>(
    body: ChatCompletionRunToolsParams<Args>,
    options?: RunToolsOptions,
  ): ChatCompletionRunner<ChatMessage, ChatCompletion, ChatCompletionChunk>;
  runTools(
    body: ChatCompletionRunToolsParams | ChatCompletionStreamingRunToolsParams,
    options?: RunToolsOptions,
  ): ChatCompletionRunner<ChatMessage, ChatCompletion, ChatCompletionChunk> {
    const checked = checkedBody(body, 'chat.completions.runTools');
    const create = ((request, requestOptions) =>
      this.create(request as ChatCompletionCreateParams, requestOptions)) as CreateCompletion<
      ChatCompletion,
      ChatCompletionChunk
    >;
    return checked.stream === true
      ? new ChatCompletionStreamingRunner(create, checked, options)
      : new ChatCompletionRunner(create, checked, options);
  }
}

export class Chat {
  readonly completions: Completions;
  constructor(http: HttpClient) {
    this.completions = new Completions(http);
  }
}
