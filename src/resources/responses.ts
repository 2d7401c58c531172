// client.responses: the Responses API (OpenAI's shape), JSON or a stream of its events.
import { createResponse } from '../../generated/operations.gen';
import type { CreateResponseResponse, ResponsesRequest, StreamEvents } from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { HttpClient, StreamFactory } from '../core/http';
import type { RequestOptions } from '../core/options';
import { ResponsesStream } from '../core/responses-accumulate';
import { createMaybeStreaming, type NonStreaming, type Streaming } from './streaming';

export type ResponseCreateParamsStreaming = Streaming<ResponsesRequest>;
export type ResponseCreateParamsNonStreaming = NonStreaming<ResponsesRequest>;
export type ResponseCreateParams = ResponseCreateParamsStreaming | ResponseCreateParamsNonStreaming;

/** The events of a streamed response (the description's `x-sse-data`), and `finalResponse()`. */
export type ResponseStream = ResponsesStream<StreamEvents, CreateResponseResponse>;
/** The one place that makes the stream. */
export const toResponseStream: StreamFactory<ResponseStream> = (response, controller, userSignal, readOptions) =>
  new ResponsesStream<StreamEvents, CreateResponseResponse>(response, controller, userSignal, readOptions);

export class Responses {
  constructor(protected readonly http: HttpClient) {}

  /**
   * Create a response.
   *
   * Creates a streaming or non-streaming response using OpenResponses API format
   *
   * With `stream: true` the result is a {@link ResponseStream} of events instead of one response.
   */
  create(body: ResponseCreateParamsStreaming, options?: RequestOptions): APIPromise<ResponseStream>;
  create(body: ResponseCreateParamsNonStreaming, options?: RequestOptions): APIPromise<CreateResponseResponse>;
  create(body: ResponseCreateParams, options?: RequestOptions): APIPromise<CreateResponseResponse | ResponseStream>;
  create(body: ResponseCreateParams, options?: RequestOptions): APIPromise<CreateResponseResponse | ResponseStream> {
    return createMaybeStreaming(this.http, createResponse, 'responses.create', body, options, toResponseStream);
  }
}
