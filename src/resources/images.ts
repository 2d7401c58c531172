// client.images: image generation, JSON or a stream of its events; `images.models` is generated.

import { createImage } from '../../generated/operations.gen';
import { ImagesBase } from '../../generated/resources.gen';
import type {
  CreateImageResponse,
  ImageGenCompletedEvent,
  ImageGenerationRequest,
  ImageGenPartialImageEvent,
  ImageGenStreamErrorEvent,
  ImageGenTextChunkEvent,
} from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/options';
import { createMaybeStreaming, type NonStreaming, type Streaming } from '../internal/args';
import type { StreamFactory } from '../internal/http';
import { ImagesStream as ImageCollectingStream } from '../streams/images';

export type ImageGenerateParamsStreaming = Streaming<ImageGenerationRequest>;
export type ImageGenerateParamsNonStreaming = NonStreaming<ImageGenerationRequest>;
export type ImageGenerateParams = ImageGenerateParamsStreaming | ImageGenerateParamsNonStreaming;

/** One event of a streamed image generation (the description's `x-sse-data`). */
export type ImageStreamEvent =
  | ImageGenPartialImageEvent
  | ImageGenTextChunkEvent
  | ImageGenCompletedEvent
  | ImageGenStreamErrorEvent;
export class ImagesStream extends ImageCollectingStream<ImageStreamEvent, CreateImageResponse> {}
/** The same type, by the name the method signatures use. */
export type ImageStream = ImagesStream;
/** The one place that makes the stream. */
export const toImageStream: StreamFactory<ImageStream> = (response, controller, userSignal, readOptions) =>
  new ImagesStream(response, controller, userSignal, readOptions);

export class Images extends ImagesBase {
  /**
   * Generate an image.
   *
   * Generates an image from a text prompt via the image generation router
   *
   * With `stream: true` the result is an {@link ImageStream} of events instead of one answer.
   */
  generate(body: ImageGenerateParamsStreaming, options?: RequestOptions): APIPromise<ImageStream>;
  generate(body: ImageGenerateParamsNonStreaming, options?: RequestOptions): APIPromise<CreateImageResponse>;
  generate(body: ImageGenerateParams, options?: RequestOptions): APIPromise<CreateImageResponse | ImageStream>;
  generate(body: ImageGenerateParams, options?: RequestOptions): APIPromise<CreateImageResponse | ImageStream> {
    return createMaybeStreaming(this.http, createImage, 'images.generate', body, options, toImageStream);
  }
}
