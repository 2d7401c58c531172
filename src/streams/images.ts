// The stream of an image generation call (`POST /images` with `stream: true`).

import {
  Stream,
  type StreamOptions,
  type StreamProtocol,
  typedErrorEvent,
  type UnknownStreamEvent,
} from '../core/stream';

/**
 * Image generation: `{ type: 'error', error: { code, message, type } }`. A request for several
 * images may send several `image_generation.completed` events, so the end is `[DONE]` or the body's end.
 */
export const imagesProtocol: StreamProtocol = {
  errorIn: typedErrorEvent,
  isLast: () => false,
};

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
export class ImagesStream<
  TEvent extends ImageStreamEventLike = ImageStreamEventLike,
  TResult = ImagesResultLike,
> extends Stream<TEvent | UnknownStreamEvent> {
  private readonly images: { b64_json: string; media_type?: string }[] = [];
  private created: number | undefined;
  private usage: unknown;

  constructor(response: Response, controller: AbortController, userSignal?: AbortSignal, options: StreamOptions = {}) {
    super(response, controller, userSignal, { protocol: imagesProtocol, ...options });
  }

  // Each `image_generation.completed` carries one final image (partial images and text are previews).
  protected override onChunk(event: TEvent | UnknownStreamEvent): void {
    if (event.type !== 'image_generation.completed') return;
    const { b64_json, media_type, created, usage } = event as unknown as CompletedLike;
    if (typeof b64_json !== 'string') return;
    this.images.push(media_type === undefined ? { b64_json } : { b64_json, media_type });
    if (typeof created === 'number') this.created = created;
    if (usage !== undefined) this.usage = usage;
  }

  /**
   * Reads the rest of the stream and returns what the non-streamed call returns:
   * `{ created, data: [{ b64_json, media_type }], usage }`, one entry per completed image.
   */
  async finalImages(): Promise<TResult> {
    await this.consumeRest();
    return {
      created: this.created ?? Math.floor(Date.now() / 1000),
      data: this.images,
      ...(this.usage === undefined ? {} : { usage: this.usage }),
    } as TResult;
  }
}

/** What `finalImages()` returns: the shape of the non-streamed `POST /images` answer. */
export interface ImagesResultLike {
  created: number;
  data: { b64_json: string; media_type?: string }[];
  usage?: unknown;
}

interface CompletedLike {
  b64_json?: unknown;
  media_type?: string;
  created?: unknown;
  usage?: unknown;
}
