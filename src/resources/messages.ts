// client.messages: the Anthropic Messages API shape, JSON or a stream of its events.
import { createMessage } from '../../generated/operations.gen';
import type { CreateMessageResponse, MessagesRequest, MessagesStreamEvents } from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/options';
import { createMaybeStreaming, type NonStreaming, type Streaming } from '../internal/args';
import type { HttpClient, StreamFactory } from '../internal/http';
import { MessagesStream as EventMergingStream } from '../streams/messages';

export type MessageCreateParamsStreaming = Streaming<MessagesRequest>;
export type MessageCreateParamsNonStreaming = NonStreaming<MessagesRequest>;
export type MessageCreateParams = MessageCreateParamsStreaming | MessageCreateParamsNonStreaming;

/** The events of a streamed message (the description's `x-sse-data`), and `finalMessage()`. */
export class MessagesStream extends EventMergingStream<MessagesStreamEvents, CreateMessageResponse> {}
/** The same type, by the name the method signatures use. */
export type MessageStream = MessagesStream;
/** The one place that makes the stream. */
export const toMessageStream: StreamFactory<MessageStream> = (response, controller, userSignal, readOptions) =>
  new MessagesStream(response, controller, userSignal, readOptions);

export class Messages {
  constructor(protected readonly http: HttpClient) {}

  /**
   * Create a message.
   *
   * Creates a message using the Anthropic Messages API format. Supports text, images, PDFs, tools, and extended thinking.
   *
   * With `stream: true` the result is a {@link MessageStream} of events instead of one message.
   */
  create(body: MessageCreateParamsStreaming, options?: RequestOptions): APIPromise<MessageStream>;
  create(body: MessageCreateParamsNonStreaming, options?: RequestOptions): APIPromise<CreateMessageResponse>;
  create(body: MessageCreateParams, options?: RequestOptions): APIPromise<CreateMessageResponse | MessageStream>;
  create(body: MessageCreateParams, options?: RequestOptions): APIPromise<CreateMessageResponse | MessageStream> {
    return createMaybeStreaming(this.http, createMessage, 'messages.create', body, options, toMessageStream);
  }
}
