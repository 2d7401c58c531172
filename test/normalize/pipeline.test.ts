import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Doc, mergeReport, pipeline } from './support';

// The whole normalizer on the repository's real inputs: openapi/sources, names.yaml, base.yaml, overlays.
const { normalize, fixFragment } = await pipeline();
const { renderMergeReport } = await mergeReport();

const openapiDir = fileURLToPath(new URL('../../openapi/', import.meta.url));
const first = normalize(openapiDir);
const second = normalize(openapiDir);
const doc = first.document;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const operations = Object.entries(doc.paths as Record<string, Doc>).flatMap(([route, item]) =>
  Object.entries(item as Doc)
    .filter(([method]) => HTTP_METHODS.includes(method))
    .map(([method, op]) => ({ key: `${method.toUpperCase()} ${route}`, op: op as Doc })),
);

/** Every object in `value` with where it is. */
function* objects(value: unknown, path: string[] = []): Generator<[string[], Doc]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* objects(item, [...path, String(i)]);
  } else if (value !== null && typeof value === 'object') {
    yield [path, value];
    for (const [key, item] of Object.entries(value)) yield* objects(item, [...path, key]);
  }
}

describe('normalize (the real inputs)', () => {
  it('is deterministic: two runs give the same document, key order included, and the same conflicts', () => {
    expect(second.document).toEqual(first.document);
    expect(JSON.stringify(second.document)).toBe(JSON.stringify(first.document));
    expect(second.conflicts).toEqual(first.conflicts);
    expect(second.overlays).toEqual(first.overlays);
  });

  it('gives exactly what the committed openapi/openapi.yaml holds (it is up to date)', () => {
    const committed = parse(readFileSync(new URL('openapi.yaml', `file://${openapiDir}`), 'utf8'));
    expect(doc).toEqual(committed);
    expect(JSON.stringify(doc)).toBe(JSON.stringify(committed));
  });

  it('gives exactly the committed openapi/merge-report.md', () => {
    const committed = readFileSync(new URL('merge-report.md', `file://${openapiDir}`), 'utf8');
    expect(renderMergeReport(first.conflicts, first.invalidExamples)).toBe(committed);
  });

  it('reports only real contradictions: what was kept and what was dropped differ', () => {
    expect(first.conflicts.length).toBeGreaterThan(0);
    const same = first.conflicts.filter(
      (c) =>
        isDeepStrictEqual(c.kept, c.dropped) ||
        (Array.isArray(c.kept) &&
          Array.isArray(c.dropped) &&
          isDeepStrictEqual([...c.kept].sort(), [...c.dropped].sort())),
    );
    expect(same).toEqual([]);
  });

  it('applies every overlay file, in name order', () => {
    expect(first.overlays.length).toBeGreaterThan(0);
    expect(first.overlays).toEqual([...first.overlays].sort());
    expect(first.overlays.every((file) => file.endsWith('.yaml'))).toBe(true);
  });

  it('has every operation of the published description and of the docs pages, each with a unique camelCase operationId', () => {
    const published = parse(
      readFileSync(new URL('sources/published/openrouter-openapi.yaml', `file://${openapiDir}`), 'utf8'),
    );
    const publishedKeys = Object.entries(published.paths as Record<string, Doc>).flatMap(([route, item]) =>
      Object.keys(item as Doc)
        .filter((method) => HTTP_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${route}`),
    );
    const keys = operations.map(({ key }) => key);
    expect(publishedKeys.filter((key) => !keys.includes(key))).toEqual([]);
    // The docs pages' two operations the published description no longer has, kept deprecated.
    const pagesOnly = keys.filter((key) => !publishedKeys.includes(key)).sort();
    expect(pagesOnly).toEqual(['GET /models/embeddings', 'GET /parameters/{author}/{slug}']);
    for (const key of pagesOnly) expect(operations.find((o) => o.key === key)?.op.deprecated, key).toBe(true);
    const ids = operations.map(({ op }) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('listModels');
    expect(ids).toContain('createChatCompletion');
  });

  it('has no OpenAPI 3.0 `nullable` anywhere', () => {
    const found = [...objects(doc)].filter(([, node]) => 'nullable' in node).map(([path]) => path.join('.'));
    expect(found).toEqual([]);
  });

  it('has no schema named Error, and every $ref resolves', () => {
    const schemas = doc.components.schemas as Record<string, Doc>;
    expect(Object.keys(schemas)).not.toContain('Error');
    const refs = [...objects(doc)].map(([, node]) => node.$ref).filter((ref): ref is string => typeof ref === 'string');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref.startsWith('#/components/schemas/') && ref.slice('#/components/schemas/'.length) in schemas, ref).toBe(
        true,
      );
    }
  });

  it('has no Authorization header parameter (the bearer scheme says it once)', () => {
    const params = operations.flatMap(({ op }) => (op.parameters ?? []) as Doc[]);
    expect(params.filter((p) => p.in === 'header' && String(p.name).toLowerCase() === 'authorization')).toEqual([]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('answers every 4xx/5xx with the ErrorResponse body', () => {
    const errors = operations.flatMap(({ key, op }) =>
      Object.entries(op.responses as Record<string, Doc>)
        .filter(([status]) => /^[45]/.test(status))
        .map(([status, response]) => ({ at: `${key} ${status}`, content: response.content })),
    );
    expect(errors.length).toBeGreaterThanOrEqual(operations.length);
    for (const { at, content } of errors) {
      // The Anthropic-compatible endpoint answers errors in Anthropic's own shape.
      const expected = at.startsWith('POST /messages ') ? 'AnthropicMessagesErrorResponse' : 'ErrorResponse';
      expect(content?.['application/json']?.schema, at).toEqual({ $ref: `#/components/schemas/${expected}` });
    }
    expect(doc.components.schemas.ErrorResponse).toBeDefined();
  });

  it.each([
    'ProviderName',
    'InputModality',
    'OutputModality',
    'Parameter',
    'ModelGroup',
    'Quantization',
    'InstructType',
    'EndpointStatus',
    'FinishReason',
    'ReasoningEffort',
  ])(
    'makes %s an open enum: its type, anyOf a branch of named known values and an open branch of that type',
    (name) => {
      const schema = doc.components.schemas[name];
      expect(schema.enum).toBeUndefined();
      expect(schema['x-open-enum']).toBeUndefined();
      const [known, open, ...rest] = schema.anyOf as Doc[];
      expect(known.enum.length).toBeGreaterThan(1);
      expect(Object.keys(known).sort()).toEqual(['enum', 'type', 'x-enum-varnames']);
      expect(known['x-enum-varnames']).toHaveLength(known.enum.length);
      expect(open).toEqual({ type: known.type });
      expect(rest.every((branch) => isDeepStrictEqual(branch, { type: 'null' }))).toBe(true);
      expect(rest.length).toBeLessThanOrEqual(1);
      expect(schema.type).toEqual(rest.length === 1 ? [known.type, 'null'] : known.type);
    },
  );

  it('leaves no `x-open-enum` marker behind', () => {
    expect([...objects(doc)].filter(([, node]) => 'x-open-enum' in node).map(([path]) => path.join('.'))).toEqual([]);
  });
});

describe('fixFragment', () => {
  it('fixes a copy of the page document and leaves the page as it was', () => {
    const page = {
      openapi: '3.1.1',
      paths: {
        '/models': {
          get: {
            operationId: 'get-models',
            tags: [['subpackage_models']],
            parameters: [{ name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } }],
            responses: {
              '200': {
                description: 'OK',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/ModelsListResponse' } } },
              },
              '400': { description: 'Bad Request', content: {} },
            },
          },
        },
      },
      components: {
        schemas: {
          ModelsListResponse: {
            type: 'object',
            properties: {
              group: { type: 'string', enum: [{ value: 'GPT' }], nullable: true },
              price: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'number' }] },
              kind: { type: 'string', enum: [{ type: 'stringLiteral', value: 'model' }] },
            },
          },
        },
      },
    };
    const before = structuredClone(page);
    const names = {
      tags: { subpackage_models: 'Models' },
      operationIds: { 'GET /models': 'listModels' },
      schemas: { ModelsListResponse: 'ListModelsResponse' },
    };
    const fixed = fixFragment(page, names, 'test page', () => {
      throw new Error('no two schemas share a name here');
    });
    expect(page).toEqual(before);
    expect(fixed).toEqual({
      openapi: '3.1.1',
      paths: {
        '/models': {
          get: {
            operationId: 'listModels',
            tags: ['Models'],
            responses: {
              '200': {
                description: 'OK',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/ListModelsResponse' } } },
              },
              '400': {
                description: 'Bad Request',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          ListModelsResponse: {
            type: 'object',
            properties: {
              group: { type: ['string', 'null'], enum: ['GPT', null] },
              price: { oneOf: [{ type: 'number' }, { type: 'string' }] },
              kind: { type: 'string', const: 'model' },
            },
          },
        },
      },
    });
  });
});
