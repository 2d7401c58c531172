// Uploads: request bodies the description sends as multipart/form-data (files.create,
// audio.transcriptions.create). The caller gives a plain object whose file fields are a Blob, a File
// or bytes; it becomes a FormData here, and fetch writes the multipart body with its boundary.
import { OpenRouterError } from '../core/errors';
import { checkedBody } from './args';

/** What a file field takes. A `File` (or `new File([bytes], 'audio.wav')`) also gives the part its filename. */
export type Uploadable = Blob | File | Uint8Array | ArrayBuffer;

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
        `${method}: \`${name}\` must be a Blob, a File, a Uint8Array or an ArrayBuffer, got ${value === null ? 'null' : typeof value}.`,
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
