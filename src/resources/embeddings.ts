// client.embeddings.create: the request decides the answer's shape. The API sends each embedding as
// an array of floats, or as a base64 string when the request asks `encoding_format: 'base64'`; the
// overloads give each request its answer type. `embeddings.models` is generated.
import { createEmbeddings } from '../../generated/operations.gen';
import { EmbeddingsBase } from '../../generated/resources.gen';
import type { CreateEmbeddingsRequest, CreateEmbeddingsResponse } from '../../generated/types.gen';
import type { APIPromise } from '../core/api-promise';
import type { RequestOptions } from '../core/options';
import { checkedBody } from '../internal/args';
import type { HttpClient } from '../internal/http';

type EmbeddingItem = CreateEmbeddingsResponse['data'][number];

/** The embeddings answer whose every `data[].embedding` is `E`. */
export type EmbeddingsResponseOf<E> = Omit<CreateEmbeddingsResponse, 'data'> & {
  data: Array<Omit<EmbeddingItem, 'embedding'> & { embedding: E }>;
};
/** Floats: what the API sends without `encoding_format`, or with `'float'`. */
export type FloatEmbeddingsResponse = EmbeddingsResponseOf<number[]>;
/** Base64 strings of little-endian float32s: what the API sends for `encoding_format: 'base64'`. */
export type Base64EmbeddingsResponse = EmbeddingsResponseOf<string>;

export type EmbeddingCreateParamsBase64 = CreateEmbeddingsRequest & { encoding_format: 'base64' };
export type EmbeddingCreateParamsFloat = CreateEmbeddingsRequest & { encoding_format?: 'float' | undefined };

/** The one place that sends the request (also used by src/standalone.ts). */
export function sendEmbeddings(
  http: HttpClient,
  body: CreateEmbeddingsRequest,
  options: RequestOptions | undefined,
  method: string,
): APIPromise<CreateEmbeddingsResponse> {
  return http.request(createEmbeddings, () => ({ body: checkedBody(body, method) }), options);
}

export class Embeddings extends EmbeddingsBase {
  /**
   * Submit an embedding request.
   *
   * Submits an embedding request to the embeddings router. Each `data[].embedding` is a
   * `number[]`, or a base64 string with `encoding_format: 'base64'`.
   */
  create(body: EmbeddingCreateParamsBase64, options?: RequestOptions): APIPromise<Base64EmbeddingsResponse>;
  create(body: EmbeddingCreateParamsFloat, options?: RequestOptions): APIPromise<FloatEmbeddingsResponse>;
  create(body: CreateEmbeddingsRequest, options?: RequestOptions): APIPromise<CreateEmbeddingsResponse>;
  create(body: CreateEmbeddingsRequest, options?: RequestOptions): APIPromise<CreateEmbeddingsResponse> {
    return sendEmbeddings(this.http, body, options, 'embeddings.create');
  }
}
