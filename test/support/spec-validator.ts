// Finds the schema of a response by operation (method, path, status, media type; for a stream,
// the `x-sse-data` schema of one event's data) and validates JSON values against it with a JSON
// Schema 2020-12 validator (OpenAPI 3.1's schema dialect), the way an independent client would.
// OPENAPI_SPEC=<file> points the spec tests at another document than openapi/openapi.yaml.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

export const specPath = process.env.OPENAPI_SPEC
  ? resolve(process.env.OPENAPI_SPEC)
  : fileURLToPath(new URL('../../openapi/openapi.yaml', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is read as plain data
export type OpenAPIDocument = any;

export function loadSpec(): OpenAPIDocument {
  return parse(readFileSync(specPath, 'utf8'));
}

export interface ResponseOperation {
  method: string;
  path: string;
  status: string;
  mediaType: 'application/json' | 'text/event-stream';
}

/** Where a response schema is: a JSON pointer into the document, or why there is none. */
export type SchemaLocation = { pointer: string } | { missing: string };

export function pointerOf(...segments: string[]): string {
  return segments.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The value at a JSON pointer of the document. */
export function atPointer(spec: OpenAPIDocument, pointer: string): unknown {
  let node = spec;
  for (const segment of pointer.split('/').slice(1)) {
    node = node?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node;
}

/** The schema of an operation's response body (JSON), or of one event's data (`x-sse-data`). */
export function locateResponseSchema(spec: OpenAPIDocument, op: ResponseOperation): SchemaLocation {
  const name = `${op.method.toUpperCase()} ${op.path}`;
  const operation = spec.paths?.[op.path]?.[op.method];
  if (!operation) return { missing: `no operation ${name}` };
  // OpenAPI's order: the exact status, its range (`4XX`), then `default`.
  const status = [op.status, `${op.status[0]}XX`, 'default'].find((s) => operation.responses?.[s]);
  if (!status) return { missing: `${name} has no ${op.status} response` };
  let responsePointer = pointerOf('paths', op.path, op.method, 'responses', status);
  let response = operation.responses[status];
  if (typeof response.$ref === 'string') {
    responsePointer = response.$ref.replace(/^#/, '');
    response = atPointer(spec, responsePointer);
  }
  const content = response?.content?.[op.mediaType];
  if (!content) return { missing: `${name} ${op.status} has no ${op.mediaType} content` };
  if (op.mediaType === 'text/event-stream') {
    const ref = content['x-sse-data']?.$ref;
    if (typeof ref !== 'string') return { missing: `${name} ${op.status} text/event-stream has no x-sse-data $ref` };
    if (atPointer(spec, ref.replace(/^#/, '')) === undefined)
      return { missing: `${name}: x-sse-data ${ref} is absent` };
    return { pointer: ref.replace(/^#/, '') };
  }
  if (!content.schema) return { missing: `${name} ${op.status} ${op.mediaType} has no schema` };
  return { pointer: `${responsePointer}${pointerOf('content', op.mediaType, 'schema')}` };
}

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly spec: OpenAPIDocument = loadSpec()) {
    // `example` and the OpenAPI `format`s are annotations: not checked, not rejected.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    // The whole document, so that any schema in it is reachable by its JSON pointer.
    this.ajv.addSchema({ ...spec, $id: 'openapi.json' });
  }

  /** The validator of the schema at a JSON pointer of the document. */
  at(pointer: string): ValidateFunction {
    const cached = this.cache.get(pointer);
    if (cached) return cached;
    const fragment = pointer
      .split('/')
      .map((s) => encodeURIComponent(s))
      .join('/');
    const validate = this.ajv.compile({ $ref: `openapi.json#${fragment}` });
    this.cache.set(pointer, validate);
    return validate;
  }

  /** The validator of a response body: `response('get', '/models')` for status 200 JSON. */
  response(
    method: string,
    path: string,
    status = '200',
    mediaType: ResponseOperation['mediaType'] = 'application/json',
  ) {
    const location = locateResponseSchema(this.spec, { method, path, status, mediaType });
    if ('missing' in location) throw new Error(`${specPath}: ${location.missing}`);
    return this.at(location.pointer);
  }

  /** The errors of the last validation, readable. */
  static describe(validate: ValidateFunction, limit = 10): string {
    return (validate.errors ?? [])
      .slice(0, limit)
      .map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)} (${e.schemaPath})`)
      .join('\n');
  }
}
