// The stream of an image generation call (`POST /images` with `stream: true`).

import { Stream, type StreamOptions } from './stream';
import { imagesProtocol } from './streams/protocols';
import type { UnknownStreamEvent } from './streams/unknown-event';

/** Any image generation stream event. */
export interface ImageStreamEventLike {
  type: string;
}

/**
 * Its events: `image_generation.partial_image`, `image_generation.text_chunk`,
 * `image_generation.completed` (one per image), of types the SDK does not know yet too (typed
 * `UnknownStreamEvent`); an `error` event is thrown as its `APIError`. `TEvent` is the generated
 * image stream event union.
 */
export class ImagesStream<TEvent extends ImageStreamEventLike = ImageStreamEventLike> extends Stream<
  TEvent | UnknownStreamEvent
> {
  constructor(response: Response, controller: AbortController, userSignal?: AbortSignal, options: StreamOptions = {}) {
    super(response, controller, userSignal, { protocol: imagesProtocol, ...options });
  }
}
