import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  type DiffResult,
  diffSpecs,
  loadSpec,
  operationsTouched,
  parseSpec,
  renderMarkdown,
} from '../../scripts/spec-diff/index.mjs';

const SCRIPT = resolve(__dirname, '../../scripts/spec-diff/cli.mjs');

type Json = Record<string, unknown>;

/** A minimal OpenAPI 3.1 document. */
function doc(paths: Json = {}, schemas: Json = {}): Json {
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths, components: { schemas } };
}

/** One JSON response. */
const ok = (schema: unknown, status = '200') => ({
  [status]: { description: 'ok', content: { 'application/json': { schema } } },
});
/** One operation with a JSON request body. */
const post = (schema: unknown, extra: Json = {}) => ({
  post: {
    operationId: 'create',
    requestBody: { required: true, content: { 'application/json': { schema } } },
    responses: ok({ type: 'object' }),
    ...extra,
  },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Json, required: string[] = []) => ({ type: 'object', properties, required });

const EMPTY: DiffResult = { breaking: [], attention: [], nonBreaking: [] };

describe('diffSpecs: no change', () => {
  it('reports nothing for identical documents, and the markdown says so', () => {
    const d = doc({ '/a': post(obj({ x: { type: 'string' } }, ['x'])) }, { A: obj({ y: ref('A') }) });
    const result = diffSpecs(d, structuredClone(d));
    expect(result).toEqual(EMPTY);
    expect(renderMarkdown(result)).toBe('No API changes.\n');
  });

  it('treats the spellings of nullability and allOf-wrapped refs as equal', () => {
    const a = doc(
      { '/a': { get: { operationId: 'a', responses: ok(obj({ x: { type: ['string', 'null'] }, y: ref('B') })) } } },
      { B: { type: 'string' } },
    );
    const b = doc(
      {
        '/a': {
          get: {
            operationId: 'a',
            responses: ok(
              obj({ x: { anyOf: [{ type: 'string' }, { type: 'null' }] }, y: { allOf: [ref('B')], description: 'd' } }),
            ),
          },
        },
      },
      { B: { type: 'string' } },
    );
    expect(diffSpecs(a, b)).toEqual(EMPTY);
  });

  it('rejects non-objects', () => {
    expect(() => diffSpecs(null, {})).toThrow(TypeError);
  });
});

describe('diffSpecs: operations', () => {
  const get = (operationId: string) => ({ get: { operationId, responses: ok({ type: 'string' }) } });

  it('reports removed operations as breaking and added ones as non-breaking, naming the operationId', () => {
    const result = diffSpecs(doc({ '/keys': get('listKeys') }), doc({ '/models': get('listModels') }));
    expect(result).toEqual({
      breaking: [
        {
          kind: 'operation-removed',
          group: 'Operations',
          location: 'GET /keys',
          message: 'operation removed (operationId `listKeys`)',
        },
      ],
      attention: [],
      nonBreaking: [
        {
          kind: 'operation-added',
          group: 'Operations',
          location: 'GET /models',
          message: 'operation added (operationId `listModels`)',
        },
      ],
    });
  });

  it('reports a renamed operationId as breaking', () => {
    const result = diffSpecs(doc({ '/models': get('getModels') }), doc({ '/models': get('listModels') }));
    expect(result).toEqual({
      ...EMPTY,
      breaking: [
        {
          kind: 'operation-id-changed',
          group: 'Operations',
          location: 'GET /models',
          message: 'operationId renamed from `getModels` to `listModels`',
        },
      ],
    });
  });

  it('matches operations whose path parameter was renamed, and reports the parameter change', () => {
    const op = (name: string) => ({
      get: {
        operationId: 'getKey',
        parameters: [{ name, in: 'path', required: true, schema: { type: 'string' } }],
        responses: ok({ type: 'string' }),
      },
    });
    const result = diffSpecs(doc({ '/keys/{id}': op('id') }), doc({ '/keys/{hash}': op('hash') }));
    expect(result.breaking).toEqual([
      {
        kind: 'parameter-added',
        group: 'Parameters',
        location: 'GET /keys/{hash} path parameter hash',
        message: 'required parameter added',
      },
      {
        kind: 'parameter-removed',
        group: 'Parameters',
        location: 'GET /keys/{hash} path parameter id',
        message: 'parameter removed',
      },
    ]);
    expect(result.nonBreaking).toEqual([
      {
        kind: 'path-template-changed',
        group: 'Operations',
        location: 'GET /keys/{hash}',
        message: 'path template was `/keys/{id}`',
      },
    ]);
  });
});

describe('diffSpecs: parameters', () => {
  const op = (parameters: unknown[]) =>
    doc({ '/models': { get: { operationId: 'list', parameters, responses: ok({ type: 'string' }) } } });
  const q = (name: string, required: boolean, schema: Json = { type: 'string' }) => ({
    name,
    in: 'query',
    required,
    schema,
  });

  it('classifies added, removed and requiredness changes', () => {
    const before = op([q('keep', false), q('gone', false), q('relax', true), q('tighten', false)]);
    const after = op([q('keep', false), q('relax', false), q('tighten', true), q('newreq', true), q('newopt', false)]);
    const at = (name: string) => `GET /models query parameter ${name}`;
    expect(diffSpecs(before, after)).toEqual({
      breaking: [
        { kind: 'parameter-removed', group: 'Parameters', location: at('gone'), message: 'parameter removed' },
        { kind: 'parameter-added', group: 'Parameters', location: at('newreq'), message: 'required parameter added' },
        {
          kind: 'parameter-now-required',
          group: 'Parameters',
          location: at('tighten'),
          message: 'parameter is now required',
        },
      ],
      attention: [],
      nonBreaking: [
        { kind: 'parameter-added', group: 'Parameters', location: at('newopt'), message: 'optional parameter added' },
        {
          kind: 'parameter-now-optional',
          group: 'Parameters',
          location: at('relax'),
          message: 'parameter is now optional',
        },
      ],
    });
  });

  it('reports a parameter type change as breaking, and a parameter enum that loses a value', () => {
    const before = op([
      q('limit', false, { type: 'integer' }),
      q('order', false, { type: 'string', enum: ['asc', 'desc'] }),
    ]);
    const after = op([q('limit', false, { type: 'string' }), q('order', false, { type: 'string', enum: ['asc'] })]);
    expect(diffSpecs(before, after)).toEqual({
      ...EMPTY,
      breaking: [
        {
          kind: 'type-changed',
          group: 'Parameters',
          location: 'GET /models query parameter limit',
          message: 'type changed from `integer` to `string`',
        },
        {
          kind: 'enum-value-removed',
          group: 'Parameters',
          location: 'GET /models query parameter order',
          message: 'enum value `desc` removed',
        },
      ],
    });
  });

  it('merges path-level parameters and resolves components.parameters references', () => {
    const before = {
      ...doc({
        '/m': { parameters: [{ $ref: '#/components/parameters/Page' }], get: { operationId: 'm', responses: ok({}) } },
      }),
      components: { parameters: { Page: q('page', false, { type: 'integer' }) } },
    };
    const after = {
      ...doc({
        '/m': { parameters: [{ $ref: '#/components/parameters/Page' }], get: { operationId: 'm', responses: ok({}) } },
      }),
      components: { parameters: { Page: q('page', true, { type: 'integer' }) } },
    };
    expect(diffSpecs(before, after).breaking).toEqual([
      {
        kind: 'parameter-now-required',
        group: 'Parameters',
        location: 'GET /m query parameter page',
        message: 'parameter is now required',
      },
    ]);
  });
});

describe('diffSpecs: request bodies', () => {
  it('classifies property changes in an inline request body', () => {
    const before = doc({
      '/chat': post(obj({ model: { type: 'string' }, gone: { type: 'string' }, n: { type: 'integer' } }, ['model'])),
    });
    const after = doc({
      '/chat': post(
        obj(
          { model: { type: 'string' }, n: { type: 'string' }, messages: { type: 'array' }, user: { type: 'string' } },
          ['model', 'messages'],
        ),
      ),
    });
    const at = (p: string) => `POST /chat request body ${p}`;
    expect(diffSpecs(before, after)).toEqual({
      breaking: [
        {
          kind: 'property-removed',
          group: 'Request bodies',
          location: at('gone'),
          message: 'optional property removed',
        },
        {
          kind: 'property-added',
          group: 'Request bodies',
          location: at('messages'),
          message: 'required property added',
        },
        {
          kind: 'type-changed',
          group: 'Request bodies',
          location: at('n'),
          message: 'type changed from `integer` to `string`',
        },
      ],
      attention: [],
      nonBreaking: [
        { kind: 'property-added', group: 'Request bodies', location: at('user'), message: 'optional property added' },
      ],
    });
  });

  it('reports request properties becoming required as breaking and optional as non-breaking', () => {
    const before = doc({ '/chat': post(obj({ a: { type: 'string' }, b: { type: 'string' } }, ['a'])) });
    const after = doc({ '/chat': post(obj({ a: { type: 'string' }, b: { type: 'string' } }, ['b'])) });
    expect(diffSpecs(before, after)).toEqual({
      breaking: [
        {
          kind: 'property-now-required',
          group: 'Request bodies',
          location: 'POST /chat request body b',
          message: 'is now required',
        },
      ],
      attention: [],
      nonBreaking: [
        {
          kind: 'property-now-optional',
          group: 'Request bodies',
          location: 'POST /chat request body a',
          message: 'is now optional',
        },
      ],
    });
  });

  it('reports a request body added, removed, and media types', () => {
    const none = doc({ '/x': { post: { operationId: 'create', responses: ok({ type: 'object' }) } } });
    const required = doc({ '/x': post({ type: 'object' }) });
    expect(diffSpecs(none, required).breaking).toEqual([
      {
        kind: 'request-body-added',
        group: 'Request bodies',
        location: 'POST /x request body',
        message: 'required request body added',
      },
    ]);
    expect(diffSpecs(required, none).breaking).toEqual([
      {
        kind: 'request-body-removed',
        group: 'Request bodies',
        location: 'POST /x request body',
        message: 'request body removed',
      },
    ]);
    const multipart = doc({
      '/x': post(
        {},
        { requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } } } } },
      ),
    });
    expect(diffSpecs(required, multipart)).toEqual({
      breaking: [
        {
          kind: 'media-type-removed',
          group: 'Request bodies',
          location: 'POST /x request body',
          message: 'request media type `application/json` removed',
        },
      ],
      attention: [],
      nonBreaking: [
        {
          kind: 'media-type-added',
          group: 'Request bodies',
          location: 'POST /x request body (multipart/form-data)',
          message: 'request media type `multipart/form-data` added',
        },
      ],
    });
  });
});

describe('diffSpecs: responses', () => {
  const endpoints = (endpoint: Json) =>
    doc({
      '/models/{author}/{slug}/endpoints': {
        get: {
          operationId: 'listEndpoints',
          responses: ok(obj({ data: obj({ endpoints: { type: 'array', items: endpoint } }, ['endpoints']) }, ['data'])),
        },
      },
    });
  const at = (p: string) => `GET /models/{author}/{slug}/endpoints 200 data.endpoints[].${p}`;

  it('classifies property changes in a nested inline response, naming the data path', () => {
    const before = endpoints(
      obj(
        {
          name: { type: 'string' },
          gone: { type: 'string' },
          uptime: { type: 'number' },
          tag: { type: 'string' },
          quant: { type: 'string' },
        },
        ['name', 'tag'],
      ),
    );
    const after = endpoints(
      obj(
        {
          name: { type: 'string' },
          uptime: { type: 'string' },
          tag: { type: 'string' },
          quant: { type: 'string' },
          extra: { type: 'string' },
        },
        ['name', 'quant', 'extra'],
      ),
    );
    expect(diffSpecs(before, after)).toEqual({
      breaking: [
        { kind: 'property-removed', group: 'Responses', location: at('gone'), message: 'optional property removed' },
        { kind: 'property-now-optional', group: 'Responses', location: at('tag'), message: 'is now optional' },
        {
          kind: 'type-changed',
          group: 'Responses',
          location: at('uptime'),
          message: 'type changed from `number` to `string`',
        },
      ],
      attention: [],
      nonBreaking: [
        { kind: 'property-added', group: 'Responses', location: at('extra'), message: 'required property added' },
        { kind: 'property-now-required', group: 'Responses', location: at('quant'), message: 'is now required' },
      ],
    });
  });

  it('reports status codes added and removed (a removed success status is breaking)', () => {
    const op = (responses: Json) => doc({ '/m': { get: { operationId: 'm', responses } } });
    const result = diffSpecs(op({ ...ok({}), ...ok({}, '404') }), op({ ...ok({}, '201'), ...ok({}, '429') }));
    expect(result).toEqual({
      breaking: [
        {
          kind: 'response-removed',
          group: 'Responses',
          location: 'GET /m 200',
          message: 'response status 200 removed',
        },
      ],
      attention: [],
      nonBreaking: [
        { kind: 'response-added', group: 'Responses', location: 'GET /m 201', message: 'response status 201 added' },
        {
          kind: 'response-removed',
          group: 'Responses',
          location: 'GET /m 404',
          message: 'response status 404 removed',
        },
        { kind: 'response-added', group: 'Responses', location: 'GET /m 429', message: 'response status 429 added' },
      ],
    });
  });
});

describe('diffSpecs: component schemas', () => {
  const withOp = (schemas: Json, where: 'request' | 'response' | 'none' = 'response') =>
    doc(
      where === 'response'
        ? {
            '/e': {
              get: { operationId: 'e', responses: ok(obj({ data: { type: 'array', items: ref('PublicEndpoint') } })) },
            },
          }
        : where === 'request'
          ? { '/e': post(ref('PublicEndpoint')) }
          : {},
      schemas,
    );

  it('reports schemas added and removed', () => {
    const result = diffSpecs(doc({}, { Old: { type: 'string' } }), doc({}, { New: { type: 'string' } }));
    expect(result).toEqual({
      breaking: [
        { kind: 'schema-removed', group: 'Schemas', location: 'components.schemas.Old', message: 'schema removed' },
      ],
      attention: [],
      nonBreaking: [
        { kind: 'schema-added', group: 'Schemas', location: 'components.schemas.New', message: 'schema added' },
      ],
    });
  });

  it('reports a change once, at the component, not at every operation that references it', () => {
    const before = withOp({ PublicEndpoint: obj({ name: { type: 'string' }, tag: { type: 'string' } }) });
    const after = withOp({ PublicEndpoint: obj({ name: { type: 'integer' } }) });
    expect(diffSpecs(before, after)).toEqual({
      ...EMPTY,
      breaking: [
        {
          kind: 'type-changed',
          group: 'Schemas',
          location: 'components.schemas.PublicEndpoint.properties.name',
          message: 'type changed from `string` to `integer`',
        },
        {
          kind: 'property-removed',
          group: 'Schemas',
          location: 'components.schemas.PublicEndpoint.properties.tag',
          message: 'optional property removed',
        },
      ],
    });
  });

  it('judges a component by where it is used: a required property added breaks requests only', () => {
    const schemas = (required: string[]) => ({
      PublicEndpoint: obj({ a: { type: 'string' }, b: { type: 'string' } }, required),
    });
    const change = {
      kind: 'property-now-required',
      group: 'Schemas',
      location: 'components.schemas.PublicEndpoint.properties.b',
      message: 'is now required',
    };
    expect(diffSpecs(withOp(schemas(['a']), 'request'), withOp(schemas(['a', 'b']), 'request'))).toEqual({
      ...EMPTY,
      breaking: [change],
    });
    expect(diffSpecs(withOp(schemas(['a']), 'response'), withOp(schemas(['a', 'b']), 'response'))).toEqual({
      ...EMPTY,
      nonBreaking: [change],
    });
    // Used nowhere: the stricter verdict.
    expect(diffSpecs(withOp(schemas(['a']), 'none'), withOp(schemas(['a', 'b']), 'none'))).toEqual({
      ...EMPTY,
      breaking: [change],
    });
  });

  it('walks nested arrays and maps inside a component with schema-style locations', () => {
    const before = withOp({
      PublicEndpoint: obj({
        tags: { type: 'array', items: obj({ v: { type: 'string' } }) },
        meta: { type: 'object', additionalProperties: { type: 'string' } },
      }),
    });
    const after = withOp({
      PublicEndpoint: obj({
        tags: { type: 'array', items: obj({ v: { type: 'number' } }) },
        meta: { type: 'object', additionalProperties: { type: 'number' } },
      }),
    });
    expect(diffSpecs(before, after).breaking).toEqual([
      {
        kind: 'type-changed',
        group: 'Schemas',
        location: 'components.schemas.PublicEndpoint.properties.meta.additionalProperties',
        message: 'type changed from `string` to `number`',
      },
      {
        kind: 'type-changed',
        group: 'Schemas',
        location: 'components.schemas.PublicEndpoint.properties.tags.items.properties.v',
        message: 'type changed from `string` to `number`',
      },
    ]);
  });

  it('reports properties inherited through allOf at the base component only', () => {
    const schemas = (baseProps: Json) => ({
      Base: obj(baseProps),
      Child: { allOf: [ref('Base'), obj({ own: { type: 'string' } })] },
    });
    const result = diffSpecs(
      doc({}, schemas({ id: { type: 'string' } })),
      doc({}, schemas({ id: { type: 'integer' } })),
    );
    expect(result).toEqual({
      ...EMPTY,
      breaking: [
        {
          kind: 'type-changed',
          group: 'Schemas',
          location: 'components.schemas.Base.properties.id',
          message: 'type changed from `string` to `integer`',
        },
      ],
    });
  });

  it('compares structurally when a reference points to another component, and says so', () => {
    const before = doc(
      { '/e': { get: { operationId: 'e', responses: ok(obj({ data: ref('A') })) } } },
      { A: obj({ x: { type: 'string' } }), B: obj({ x: { type: 'string' }, y: { type: 'string' } }) },
    );
    const after = doc(
      { '/e': { get: { operationId: 'e', responses: ok(obj({ data: ref('B') })) } } },
      { A: obj({ x: { type: 'string' } }), B: obj({ x: { type: 'string' }, y: { type: 'string' } }) },
    );
    expect(diffSpecs(before, after)).toEqual({
      ...EMPTY,
      nonBreaking: [
        {
          kind: 'schema-ref-changed',
          group: 'Responses',
          location: 'GET /e 200 data',
          message: 'now references `B` (was `A`)',
        },
        {
          kind: 'property-added',
          group: 'Responses',
          location: 'GET /e 200 data.y',
          message: 'optional property added',
        },
      ],
    });
  });
});

describe('diffSpecs: enums', () => {
  const inResponse = (schema: unknown) =>
    doc({ '/e': { get: { operationId: 'e', responses: ok(obj({ status: schema })) } } });
  const inRequest = (schema: unknown) => doc({ '/e': post(obj({ status: schema })) });
  const closed = (values: string[]) => ({ type: 'string', enum: values });
  const open = (values: string[]) => ({ anyOf: [{ type: 'string', enum: values }, { type: 'string' }] });

  it('reports a removed value as breaking in responses and in requests', () => {
    const change = (where: string, group: string) => ({
      kind: 'enum-value-removed',
      group,
      location: `${where} status`,
      message: 'enum value `b` removed',
    });
    expect(diffSpecs(inResponse(closed(['a', 'b'])), inResponse(closed(['a'])))).toEqual({
      ...EMPTY,
      breaking: [change('GET /e 200', 'Responses')],
    });
    expect(diffSpecs(inRequest(closed(['a', 'b'])), inRequest(closed(['a'])))).toEqual({
      ...EMPTY,
      breaking: [change('POST /e request body', 'Request bodies')],
    });
    expect(diffSpecs(inResponse(open(['a', 'b'])), inResponse(open(['a'])))).toEqual({
      ...EMPTY,
      breaking: [change('GET /e 200', 'Responses')],
    });
  });

  it('puts a value added to a closed response enum under "needs attention"', () => {
    expect(diffSpecs(inResponse(closed(['a'])), inResponse(closed(['a', 'b'])))).toEqual({
      ...EMPTY,
      attention: [
        {
          kind: 'enum-value-added',
          group: 'Responses',
          location: 'GET /e 200 status',
          message: 'enum value `b` added (closed enum: may surprise exhaustive switches)',
        },
      ],
    });
  });

  it('treats a value added to an open enum as non-breaking, in responses too', () => {
    expect(diffSpecs(inResponse(open(['a'])), inResponse(open(['a', 'b'])))).toEqual({
      ...EMPTY,
      nonBreaking: [
        {
          kind: 'enum-value-added',
          group: 'Responses',
          location: 'GET /e 200 status',
          message: 'enum value `b` added (open enum)',
        },
      ],
    });
  });

  it('treats a value added to a closed enum used only in requests as non-breaking', () => {
    const result = diffSpecs(inRequest(closed(['a'])), inRequest(closed(['a', 'b'])));
    expect(result.attention).toEqual([]);
    expect(result.nonBreaking.map((c) => [c.kind, c.location])).toEqual([
      ['enum-value-added', 'POST /e request body status'],
    ]);
  });

  it('puts a value added to a closed component enum used in responses under "needs attention"', () => {
    const d = (values: string[]) =>
      doc(
        { '/e': { get: { operationId: 'e', responses: ok(obj({ status: ref('Status') })) } } },
        { Status: closed(values) },
      );
    expect(diffSpecs(d(['a']), d(['a', 'b']))).toEqual({
      ...EMPTY,
      attention: [
        {
          kind: 'enum-value-added',
          group: 'Schemas',
          location: 'components.schemas.Status',
          message: 'enum value `b` added (closed enum: may surprise exhaustive switches)',
        },
      ],
    });
  });

  it('reports a closed response enum becoming open as needing attention', () => {
    expect(diffSpecs(inResponse(closed(['a'])), inResponse(open(['a'])))).toEqual({
      ...EMPTY,
      attention: [
        {
          kind: 'enum-opened',
          group: 'Responses',
          location: 'GET /e 200 status',
          message: 'enum is now open: any `string` is allowed besides the listed values',
        },
      ],
    });
  });

  it('quotes string values that would read as numbers, so `"0"` and `0` stay distinct', () => {
    const mixed = (values: unknown[]) => ({ type: ['integer', 'string'], enum: values });
    expect(diffSpecs(inResponse(mixed([0, '0'])), inResponse(mixed([0]))).breaking.map((c) => c.message)).toEqual([
      'enum value `"0"` removed',
    ]);
  });

  it('reads a oneOf of consts as a closed enum', () => {
    const consts = (values: string[]) => ({ oneOf: values.map((v) => ({ const: v, description: v })) });
    expect(diffSpecs(inResponse(consts(['a', 'b'])), inResponse(closed(['a', 'b'])))).toEqual(EMPTY);
    expect(diffSpecs(inResponse(consts(['a', 'b'])), inResponse(consts(['a']))).breaking.map((c) => c.message)).toEqual(
      ['enum value `b` removed'],
    );
  });
});

describe('diffSpecs: nullability', () => {
  const inResponse = (schema: unknown) =>
    doc({ '/e': { get: { operationId: 'e', responses: ok(obj({ f: schema })) } } });
  const inRequest = (schema: unknown) => doc({ '/e': post(obj({ f: schema })) });

  it('a response field becoming nullable is breaking (type array form)', () => {
    expect(diffSpecs(inResponse({ type: 'string' }), inResponse({ type: ['string', 'null'] }))).toEqual({
      ...EMPTY,
      breaking: [{ kind: 'became-nullable', group: 'Responses', location: 'GET /e 200 f', message: 'became nullable' }],
    });
  });

  it('a response field becoming nullable is breaking (anyOf form, around a $ref)', () => {
    const d = (f: unknown) =>
      doc({ '/e': { get: { operationId: 'e', responses: ok(obj({ f })) } } }, { S: { type: 'string' } });
    expect(diffSpecs(d(ref('S')), d({ anyOf: [ref('S'), { type: 'null' }] }))).toEqual({
      ...EMPTY,
      breaking: [{ kind: 'became-nullable', group: 'Responses', location: 'GET /e 200 f', message: 'became nullable' }],
    });
  });

  it('a request field becoming nullable is not breaking; no longer nullable is', () => {
    expect(
      diffSpecs(inRequest({ type: 'string' }), inRequest({ anyOf: [{ type: 'string' }, { type: 'null' }] })),
    ).toEqual({
      ...EMPTY,
      nonBreaking: [
        {
          kind: 'became-nullable',
          group: 'Request bodies',
          location: 'POST /e request body f',
          message: 'became nullable',
        },
      ],
    });
    expect(diffSpecs(inRequest({ type: ['string', 'null'] }), inRequest({ type: 'string' }))).toEqual({
      ...EMPTY,
      breaking: [
        {
          kind: 'no-longer-nullable',
          group: 'Request bodies',
          location: 'POST /e request body f',
          message: 'is no longer nullable',
        },
      ],
    });
  });
});

describe('diffSpecs: unions', () => {
  const inResponse = (variants: string[]) =>
    doc(
      { '/e': { get: { operationId: 'e', responses: ok({ oneOf: variants.map(ref) }) } } },
      Object.fromEntries(['A', 'B', 'C'].map((n) => [n, obj({ type: { const: n } })])),
    );

  it('a variant added to a response union needs attention; a removed one is breaking', () => {
    expect(diffSpecs(inResponse(['A', 'B']), inResponse(['A', 'C']))).toEqual({
      breaking: [
        { kind: 'variant-removed', group: 'Responses', location: 'GET /e 200', message: 'oneOf variant `B` removed' },
      ],
      attention: [
        { kind: 'variant-added', group: 'Responses', location: 'GET /e 200', message: 'oneOf variant `C` added' },
      ],
      nonBreaking: [],
    });
  });
});

describe('diffSpecs: $ref cycles', () => {
  it('terminates on self-referencing components and still reports their changes', () => {
    const tree = (valueType: string) =>
      doc(
        { '/t': { get: { operationId: 't', responses: ok(ref('Node')) } } },
        {
          Node: obj({
            value: { type: valueType },
            children: { type: 'array', items: ref('Node') },
            parent: ref('Node'),
          }),
        },
      );
    expect(diffSpecs(tree('string'), tree('number'))).toEqual({
      ...EMPTY,
      breaking: [
        {
          kind: 'type-changed',
          group: 'Schemas',
          location: 'components.schemas.Node.properties.value',
          message: 'type changed from `string` to `number`',
        },
      ],
    });
  });

  it('terminates when a renamed recursive component is compared structurally through the cycle', () => {
    const before = doc(
      { '/t': { get: { operationId: 't', responses: ok(ref('Node')) } } },
      { Node: obj({ next: ref('Node'), v: { type: 'string' } }) },
    );
    const after = doc(
      { '/t': { get: { operationId: 't', responses: ok(ref('Item')) } } },
      { Item: obj({ next: ref('Item'), v: { type: 'string' }, w: { type: 'string' } }) },
    );
    const result = diffSpecs(before, after);
    expect(result.breaking).toEqual([
      { kind: 'schema-removed', group: 'Schemas', location: 'components.schemas.Node', message: 'schema removed' },
    ]);
    expect(result.nonBreaking).toEqual([
      {
        kind: 'schema-ref-changed',
        group: 'Responses',
        location: 'GET /t 200',
        message: 'now references `Item` (was `Node`)',
      },
      {
        kind: 'schema-ref-changed',
        group: 'Responses',
        location: 'GET /t 200 next',
        message: 'now references `Item` (was `Node`)',
      },
      { kind: 'property-added', group: 'Responses', location: 'GET /t 200 w', message: 'optional property added' },
      { kind: 'schema-added', group: 'Schemas', location: 'components.schemas.Item', message: 'schema added' },
    ]);
  });
});

describe('diffSpecs: constraints, format and default', () => {
  /** One schema used in a request body (`POST /a`) or in a response (`GET /a`), before and after. */
  const inRequest = (schema: Json) => doc({ '/a': post(obj({ x: schema })) });
  const inResponse = (schema: Json) => doc({ '/a': { get: { operationId: 'a', responses: ok(obj({ x: schema })) } } });
  const changes = (result: DiffResult) => ({
    breaking: result.breaking.map((c) => `${c.kind}: ${c.message}`),
    attention: result.attention.map((c) => `${c.kind}: ${c.message}`),
    nonBreaking: result.nonBreaking.map((c) => `${c.kind}: ${c.message}`),
  });

  it('a tighter bound breaks requests and not responses; a looser one needs attention in responses', () => {
    const tighter = [
      { type: 'string', maxLength: 100 },
      { type: 'string', maxLength: 50 },
    ] as const;
    expect(changes(diffSpecs(inRequest(tighter[0]), inRequest(tighter[1])))).toEqual({
      breaking: ['constraint-tightened: `maxLength` changed from `100` to `50` (tighter)'],
      attention: [],
      nonBreaking: [],
    });
    expect(changes(diffSpecs(inResponse(tighter[0]), inResponse(tighter[1])))).toEqual({
      breaking: [],
      attention: [],
      nonBreaking: ['constraint-tightened: `maxLength` changed from `100` to `50` (tighter)'],
    });
    expect(changes(diffSpecs(inResponse(tighter[1]), inResponse(tighter[0])))).toEqual({
      breaking: [],
      attention: ['constraint-loosened: `maxLength` changed from `50` to `100` (looser)'],
      nonBreaking: [],
    });
  });

  it('minimum raised, maximum added, pattern changed and removed, minItems lowered, in a request', () => {
    const before = inRequest({ type: 'integer', minimum: 0, pattern: 'a', minItems: 2, multipleOf: 2 });
    const after = inRequest({ type: 'integer', minimum: 1, maximum: 10, minItems: 1, multipleOf: 3 });
    expect(changes(diffSpecs(before, after))).toEqual({
      breaking: [
        'constraint-tightened: `maximum` `10` added (tighter)',
        'constraint-tightened: `minimum` changed from `0` to `1` (tighter)',
        'constraint-tightened: `multipleOf` changed from `2` to `3` (tighter)',
      ],
      attention: [],
      nonBreaking: [
        'constraint-loosened: `minItems` changed from `2` to `1` (looser)',
        'constraint-loosened: `pattern` `a` removed (looser)',
      ],
    });
  });

  it('format: changed breaks requests and needs attention in responses; added to a request needs attention', () => {
    const int32 = { type: 'integer', format: 'int32' };
    const int64 = { type: 'integer', format: 'int64' };
    expect(changes(diffSpecs(inRequest(int32), inRequest(int64))).breaking).toEqual([
      'format-changed: `format` changed from `int32` to `int64`',
    ]);
    expect(changes(diffSpecs(inResponse(int32), inResponse(int64))).attention).toEqual([
      'format-changed: `format` changed from `int32` to `int64`',
    ]);
    expect(
      changes(diffSpecs(inRequest({ type: 'string' }), inRequest({ type: 'string', format: 'uri' }))).attention,
    ).toEqual(['format-changed: `format` `uri` added']);
    expect(
      changes(diffSpecs(inResponse({ type: 'string', format: 'uri' }), inResponse({ type: 'string' }))).attention,
    ).toEqual(['format-changed: `format` `uri` removed']);
  });

  it('default: a changed or removed request default needs attention; a new one or a response default does not', () => {
    const d = (value?: unknown) => ({ type: 'integer', ...(value === undefined ? {} : { default: value }) });
    expect(changes(diffSpecs(inRequest(d(10)), inRequest(d(20)))).attention).toEqual([
      'default-changed: `default` changed from `10` to `20`',
    ]);
    expect(changes(diffSpecs(inRequest(d(10)), inRequest(d()))).attention).toEqual([
      'default-changed: `default` `10` removed',
    ]);
    expect(changes(diffSpecs(inRequest(d()), inRequest(d(1)))).nonBreaking).toEqual([
      'default-changed: `default` `1` added',
    ]);
    expect(changes(diffSpecs(inResponse(d(10)), inResponse(d(20)))).nonBreaking).toEqual([
      'default-changed: `default` changed from `10` to `20`',
    ]);
  });

  it('sees constraints through nullable unions and inside components', () => {
    const before = doc(
      { '/a': post(ref('Name')) },
      { Name: obj({ n: { anyOf: [{ type: 'string', maxLength: 9 }, { type: 'null' }] } }) },
    );
    const after = doc(
      { '/a': post(ref('Name')) },
      { Name: obj({ n: { anyOf: [{ type: 'string', maxLength: 8 }, { type: 'null' }] } }) },
    );
    expect(diffSpecs(before, after).breaking).toEqual([
      {
        kind: 'constraint-tightened',
        group: 'Schemas',
        location: 'components.schemas.Name.properties.n',
        message: '`maxLength` changed from `9` to `8` (tighter)',
      },
    ]);
  });
});

describe('diffSpecs: constraints beside a reference or a nullable union', () => {
  it('compares a default beside a $ref, and a bound beside anyOf [T, null]', () => {
    const shape = (value: number, max: number) =>
      doc(
        {
          '/a': post(
            obj({
              mode: { $ref: '#/components/schemas/Mode', default: value },
              n: { anyOf: [{ type: 'integer' }, { type: 'null' }], maximum: max },
            }),
          ),
        },
        { Mode: { type: 'integer' } },
      );
    const result = diffSpecs(shape(1, 10), shape(2, 5));
    expect(result.breaking.map((c) => [c.location, c.message])).toEqual([
      ['POST /a request body n', '`maximum` changed from `10` to `5` (tighter)'],
    ]);
    expect(result.attention.map((c) => [c.location, c.message])).toEqual([
      ['POST /a request body mode', '`default` changed from `1` to `2`'],
    ]);
  });
});

describe('operationsTouched', () => {
  // GET /a -> A -> B (through an array), POST /c -> C; B changes, so does C, and D is used by no one.
  const schemas = (bType: string) => ({
    A: obj({ list: { type: 'array', items: ref('B') } }),
    B: obj({ v: { type: bType } }),
    C: obj({ w: { type: 'string' } }),
    D: { type: 'string' },
  });
  const paths = {
    '/a': { get: { operationId: 'getA', responses: ok(ref('A')) } },
    '/c': post(ref('C')),
  };

  it('follows $refs from a changed component to every operation that reaches it, in either document', () => {
    const before = doc(paths, { ...schemas('string'), Gone: { type: 'string' } });
    const after = doc(
      { ...paths, '/d': { get: { operationId: 'getD', responses: ok(ref('D')) } } },
      schemas('integer'),
    );
    before.paths = { ...paths, '/g': { get: { operationId: 'getG', responses: ok(ref('Gone')) } } };
    const result = diffSpecs(before, after);
    expect(operationsTouched(result, before, after)).toEqual({
      'components.schemas.B.properties.v': ['GET /a'],
      'components.schemas.Gone': ['GET /g'],
      'GET /d': ['GET /d'],
      'GET /g': ['GET /g'],
    });
  });

  it('renders the operations and SDK methods a change touches, and only the method for an operation change', () => {
    const before = doc(paths, schemas('string'));
    const after = doc(
      { '/c': paths['/c'], '/a': { get: { ...paths['/a'].get, deprecated: true } } },
      schemas('integer'),
    );
    const result = diffSpecs(before, after);
    const methods: Record<string, string> = { 'GET /a': 'client.a.get' };
    const markdown = renderMarkdown(result, {
      touches: operationsTouched(result, before, after),
      methodOf: (operation) => methods[operation],
    });
    expect(markdown).toContain(
      '- `components.schemas.B.properties.v`: type changed from `string` to `integer`; touches `GET /a` (`client.a.get`)',
    );
    expect(markdown).toContain('- `GET /a`: operation deprecated (`client.a.get`)');
  });
});

describe('renderMarkdown', () => {
  it('lists breaking changes first, then needs attention, then non-breaking, grouped in a fixed order', () => {
    const before = doc(
      {
        '/a': { get: { operationId: 'a', responses: ok(obj({ s: { type: 'string', enum: ['x'] } })) } },
        '/gone': { delete: { operationId: 'gone', responses: ok({}) } },
      },
      { Keep: obj({ p: { type: 'string' } }) },
    );
    const after = doc(
      {
        '/a': {
          get: {
            operationId: 'a',
            responses: ok(obj({ s: { type: 'string', enum: ['x', 'y'] }, n: { type: 'string' } })),
          },
        },
      },
      { Keep: obj({}), Added: { type: 'string' } },
    );
    const md = renderMarkdown(diffSpecs(before, after));
    expect(md).toBe(
      [
        '## API changes',
        '',
        '2 breaking changes, 1 change that needs attention, 2 non-breaking changes.',
        '',
        '### Breaking changes',
        '',
        '#### Operations',
        '',
        '- `DELETE /gone`: operation removed (operationId `gone`)',
        '',
        '#### Schemas',
        '',
        '- `components.schemas.Keep.properties.p`: optional property removed',
        '',
        '### Needs attention',
        '',
        'Compatible on the wire, but clients may now receive values or shapes they did not handle before (for example in an exhaustive `switch`).',
        '',
        '#### Responses',
        '',
        '- `GET /a 200 s`: enum value `y` added (closed enum: may surprise exhaustive switches)',
        '',
        '### Non-breaking changes',
        '',
        '#### Responses',
        '',
        '- `GET /a 200 n`: optional property added',
        '',
        '#### Schemas',
        '',
        '- `components.schemas.Added`: schema added',
        '',
      ].join('\n'),
    );
  });
});

describe('parseSpec / loadSpec', () => {
  it('names the input in errors for non-OpenAPI and unparsable documents', () => {
    expect(() => parseSpec('just: yaml\n', 'x.yaml')).toThrow(
      'x.yaml: not an OpenAPI document (no "openapi" version field)',
    );
    expect(() => parseSpec('swagger: "2.0"\n', 's.yaml')).toThrow('s.yaml: Swagger 2.0 is not supported');
    expect(() => parseSpec('a: [1, 2\n', 'bad.yaml')).toThrow(/^bad\.yaml: not valid YAML or JSON/);
    expect(() => parseSpec('- 1\n', 'list.yaml')).toThrow('list.yaml: not an OpenAPI document (expected a mapping');
    expect(parseSpec('{"openapi": "3.1.0", "paths": {}}', 'ok.json')).toEqual({ openapi: '3.1.0', paths: {} });
  });

  it('rejects malformed git: specs', () => {
    expect(() => loadSpec('git:HEAD')).toThrow('git:HEAD: expected git:<rev>:<path>');
    expect(() => loadSpec('git:--output=x:y')).toThrow('expected git:<rev>:<path>');
  });
});

describe('CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spec-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const before = doc({ '/a': { get: { operationId: 'a', responses: ok(obj({ x: { type: 'string' } })) } } });
  const breakingAfter = doc({ '/a': { get: { operationId: 'a', responses: ok(obj({})) } } });
  const compatibleAfter = doc({
    '/a': { get: { operationId: 'a', responses: ok(obj({ x: { type: 'string' }, y: { type: 'string' } })) } },
  });
  const oldFile = join(dir, 'old.yaml');
  const breakingFile = join(dir, 'breaking.json');
  const compatibleFile = join(dir, 'compatible.yaml');
  writeFileSync(oldFile, stringify(before));
  writeFileSync(breakingFile, JSON.stringify(breakingAfter));
  writeFileSync(compatibleFile, stringify(compatibleAfter));

  function run(args: string[], cwd = dir): { status: number; stdout: string; stderr: string } {
    try {
      const stdout = execFileSync(process.execPath, [SCRIPT, ...args], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: 0, stdout, stderr: '' };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { status: e.status, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('prints the markdown report and exits 0 without --fail-on-breaking', () => {
    const r = run([oldFile, breakingFile]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('### Breaking changes');
    expect(r.stdout).toContain('- `GET /a 200 x`: optional property removed');
  });

  it('exits 1 with --fail-on-breaking when there are breaking changes, 0 when there are none', () => {
    const failing = run(['--fail-on-breaking', oldFile, breakingFile]);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('1 breaking change,');
    const passing = run(['--fail-on-breaking', oldFile, compatibleFile]);
    expect(passing.status).toBe(0);
    expect(passing.stdout).toContain('- `GET /a 200 y`: optional property added');
  });

  it('prints "No API changes." for identical inputs, and JSON with --json', () => {
    expect(run([oldFile, oldFile]).stdout).toBe('No API changes.\n');
    const r = run(['--json', oldFile, compatibleFile]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      summary: { breaking: 0, attention: 0, nonBreaking: 1 },
      breaking: [],
      attention: [],
      nonBreaking: [
        { kind: 'property-added', group: 'Responses', location: 'GET /a 200 y', message: 'optional property added' },
      ],
      touches: { 'GET /a 200 y': ['GET /a'] },
    });
  });

  it('exits 2 naming the file when an input is missing or not OpenAPI, and on bad usage', () => {
    const missing = run([oldFile, join(dir, 'nope.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`spec-diff: ${join(dir, 'nope.yaml')}: cannot read the file (no such file)`);
    const notApi = join(dir, 'package.json');
    writeFileSync(notApi, '{"name": "x"}');
    const r = run([notApi, oldFile]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`spec-diff: ${notApi}: not an OpenAPI document`);
    expect(run([oldFile]).status).toBe(2);
    expect(run(['--nope', oldFile, oldFile]).stderr).toContain('unknown option --nope');
  });

  it('reads git:<rev>:<path> from a git repository', () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'openapi'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
        {
          cwd: repo,
          stdio: 'pipe',
        },
      );
    git('init', '-q');
    writeFileSync(join(repo, 'openapi/openapi.yaml'), stringify(before));
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    writeFileSync(join(repo, 'openapi/openapi.yaml'), stringify(breakingAfter));

    const r = run(['--fail-on-breaking', 'git:HEAD:openapi/openapi.yaml', 'openapi/openapi.yaml'], repo);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('- `GET /a 200 x`: optional property removed');
    expect(run(['git:HEAD:openapi/openapi.yaml', 'git:HEAD:openapi/openapi.yaml'], repo).stdout).toBe(
      'No API changes.\n',
    );

    const bad = run(['git:HEAD:openapi/missing.yaml', 'openapi/openapi.yaml'], repo);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('spec-diff: git:HEAD:openapi/missing.yaml: cannot read it from git:');
  });
});
