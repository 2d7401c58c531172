// Uploads: request bodies the description sends as multipart/form-data (files.create,
// audio.transcriptions.create). The caller gives a plain object whose file fields are a Blob, a File
// or bytes; it becomes a FormData here, and fetch writes the multipart body with its boundary.
import { OpenRouterError } from '../core/errors';
import { checkedBody } from './args';

/**
 * What a file field takes. A `File` also gives the part its file name and type: the API tells a
 * file's format (an audio file's, say) from them. Bare bytes (a `Uint8Array`, an `ArrayBuffer`)
 * or a `Blob` have no name: they are sent as `blob`, `application/octet-stream` (a Blob's own type
 * when it has one), which the API may not be able to read. Wrap bytes with
 * {@link toFile}`(bytes, 'speech.wav', { type: 'audio/wav' })` to name them.
 */
export type Uploadable = Blob | File | Uint8Array | ArrayBuffer;

/**
 * Bytes as a `File` with a name (and a content type), for an upload field: the API tells the
 * format from them. `type` defaults to a Blob's own type, else none. Throws without a name.
 */
export function toFile(
  bytes: Blob | ArrayBuffer | ArrayBufferView,
  name: string,
  options: { type?: string } = {},
): File {
  if (typeof name !== 'string' || name === '') {
    throw new OpenRouterError("toFile needs a file name, such as 'speech.wav' (the API reads the format from it).");
  }
  if (!(bytes instanceof Blob || bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes))) {
    throw new OpenRouterError(
      `toFile takes a Uint8Array, an ArrayBuffer (or a view of one) or a Blob, got ${typeof bytes}.`,
    );
  }
  return new File([bytes as BlobPart], name, { type: options.type ?? (bytes instanceof Blob ? bytes.type : '') });
}

/** A multipart body type with its binary fields (`format: binary`, typed `string` by openapi-typescript) made uploadable. */
export type WithUploads<Body, Files extends keyof Body> = Omit<Body, Files> & { [K in Files]: Uploadable };

function isUploadable(value: unknown): value is Uploadable {
  return value instanceof Blob || value instanceof Uint8Array || value instanceof ArrayBuffer;
}

/** The multipart body of `body`: file fields as file parts, arrays as repeated fields, objects as JSON. */
export function formBody(body: object, method: string, files: readonly string[]): FormData {
  checkedBody(body, method);
  for (const name of files) {
    const value = (body as Record<string, unknown>)[name];
    if (!isUploadable(value)) {
      throw new OpenRouterError(
        `${method}: \`${name}\` must be a Blob, a File, a Uint8Array or an ArrayBuffer (toFile(bytes, name) gives bytes a file name), got ${value === null ? 'null' : typeof value}.`,
      );
    }
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, part(item));
  }
  return form;
}

/**
 * For operations that take either JSON or multipart (audio.transcriptions.create): multipart when a
 * file field holds bytes, else the JSON body as it is.
 */
export function jsonOrFormBody<T extends object>(body: T, method: string, files: readonly string[]): T | FormData {
  checkedBody(body, method);
  return files.some((name) => isUploadable((body as Record<string, unknown>)[name]))
    ? formBody(body, method, files)
    : body;
}

function part(value: unknown): string | Blob {
  if (value instanceof Blob) return value;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return new Blob([value as BlobPart]);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
