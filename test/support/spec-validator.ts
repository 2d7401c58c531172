// Validates JSON bodies against the response schemas of openapi/openapi.yaml with a JSON Schema
// 2020-12 validator (OpenAPI 3.1's schema dialect), the way an independent client would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

export const specPath = fileURLToPath(new URL('../../openapi/openapi.yaml', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is read as plain data
export type OpenAPIDocument = any;

export function loadSpec(): OpenAPIDocument {
  return parse(readFileSync(specPath, 'utf8'));
}

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly spec: OpenAPIDocument = loadSpec()) {
    // `example` and the OpenAPI `format`s are annotations: not checked, not rejected.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    this.ajv.addSchema({ $id: 'openapi.json', components: spec.components });
  }

  /** The validator of a response body: `operation('get', '/models')` for status 200 JSON. */
  response(method: string, path: string, status = '200', mediaType = 'application/json'): ValidateFunction {
    const key = `${method} ${path} ${status} ${mediaType}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const schema = this.spec.paths?.[path]?.[method]?.responses?.[status]?.content?.[mediaType]?.schema;
    if (!schema) throw new Error(`openapi.yaml has no ${mediaType} schema for ${key}`);
    const validate = this.ajv.compile(rebase(schema));
    this.cache.set(key, validate);
    return validate;
  }

  /** The validator of a component schema by name. */
  component(name: string): ValidateFunction {
    const key = `#${name}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (!this.spec.components?.schemas?.[name]) throw new Error(`openapi.yaml has no component schema ${name}`);
    const validate = this.ajv.getSchema(`openapi.json#/components/schemas/${name}`);
    if (!validate) throw new Error(`could not compile component ${name}`);
    this.cache.set(key, validate);
    return validate;
  }

  /** The errors of the last validation, readable. */
  static describe(validate: ValidateFunction): string {
    return (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`)
      .join('\n');
  }
}

// Inline schemas point at '#/components/...': make those references absolute to the added document.
function rebase(schema: unknown): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
}
