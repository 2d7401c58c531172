// client.responses: the Responses API (OpenAI's shape), JSON or a stream of its events.
import { createResponse } from '../../generated/operations.gen';
import type { CreateResponseResponse, ResponsesRequest, StreamEvents } from '../../generated/types.gen';
import { APIPromise } from '../core/api-promise';
import { OpenRouterError } from '../core/errors';
import type { RequestOptions } from '../core/options';
import { checkedBody, createMaybeStreaming, type NonStreaming, type Streaming } from '../internal/args';
import type { HttpClient, StreamFactory } from '../internal/http';
import {
  type ParsedOutput,
  type ParsedResponse,
  parseResponse,
  resolveFormat,
  type StructuredOutputFormat,
  toResponsesTextFormat,
} from '../lib/structured-output';
import { ResponsesStream as EventMergingStream } from '../streams/responses';

export type ResponseCreateParamsStreaming = Streaming<ResponsesRequest>;
export type ResponseCreateParamsNonStreaming = NonStreaming<ResponsesRequest>;
export type ResponseCreateParams = ResponseCreateParamsStreaming | ResponseCreateParamsNonStreaming;

/** A request of `responses.parse()`: `text.format` is a schema or a named format (see {@link StructuredOutputFormat}). */
export type ResponseParseParams<Format extends StructuredOutputFormat = StructuredOutputFormat> = Omit<
  ResponsesRequest,
  'text' | 'stream'
> & {
  text: Omit<NonNullable<ResponsesRequest['text']>, 'format'> & { format: Format };
  stream?: false | null | undefined;
};

/** The events of a streamed response (the description's `x-sse-data`), and `finalResponse()`. */
export class ResponsesStream extends EventMergingStream<StreamEvents, CreateResponseResponse> {}
/** The same type, by the name the method signatures use. */
export type ResponseStream = ResponsesStream;
/** The one place that makes the stream. */
export const toResponseStream: StreamFactory<ResponseStream> = (response, controller, userSignal, readOptions) =>
  new ResponsesStream(response, controller, userSignal, readOptions);

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

  /**
   * Create a response whose text is parsed into a typed value: `text.format` is a schema of your
   * own library (zod, valibot, arktype, any Standard Schema with a JSON Schema converter) or
   * `{ name, schema, strict?, validator? }`. It is sent as a `json_schema` text format; the
   * answer's `output_parsed` (and `parsed` on each `output_text`) is the validated value, `null`
   * when the model refused. The Responses twin of `chat.completions.parse`.
   */
  parse<Format extends StructuredOutputFormat>(
    body: ResponseParseParams<Format>,
    options?: RequestOptions,
  ): APIPromise<ParsedResponse<CreateResponseResponse, ParsedOutput<Format>>> {
    const source = Promise.resolve().then(async () => {
      const checked = checkedBody(body, 'responses.parse');
      if ((checked as { stream?: unknown }).stream === true) {
        throw new OpenRouterError('responses.parse does not stream: leave stream unset.');
      }
      const format = resolveFormat(checked.text?.format, 'responses.parse');
      const request = { ...checked, text: { ...checked.text, format: toResponsesTextFormat(format) } };
      const { data, response } = await this.create(request as ResponseCreateParamsNonStreaming, options).withResponse();
      return {
        data: (await parseResponse(data as never, format)) as unknown as ParsedResponse<
          CreateResponseResponse,
          ParsedOutput<Format>
        >,
        response,
      };
    });
    return new APIPromise(source);
  }
}
