import { describe, expect, it } from 'vitest';
import { checks, type Doc } from './support';

const { checkDocument } = await checks();

const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };

function valid(): Doc {
  return {
    openapi: '3.1.0',
    paths: {
      '/keys': {
        get: {
          operationId: 'listKeys',
          parameters: [{ name: 'offset', in: 'query', schema: { type: ['integer', 'null'] } }],
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ListKeysResponse' } } },
            },
            '401': { description: 'Unauthorized', content: errorBody },
          },
        },
        post: { operationId: 'createKey', responses: { '500': { description: 'Server error', content: errorBody } } },
      },
    },
    components: {
      schemas: {
        ListKeysResponse: {
          type: 'object',
          properties: { data: { type: 'array', items: { $ref: '#/components/schemas/ApiKey' } } },
        },
        ApiKey: { type: 'object', properties: { label: { anyOf: [{ type: 'string' }, { type: 'null' }] } } },
        ErrorResponse: { type: 'object' },
      },
    },
  };
}

/** The problems checkDocument reports for `doc`, one per line, or [] when it accepts it. */
function problems(doc: Doc): string[] {
  try {
    checkDocument(doc);
    return [];
  } catch (error) {
    const message = (error as Error).message;
    expect(message.startsWith('the normalized document is not right:\n- ')).toBe(true);
    return message.split('\n- ').slice(1);
  }
}

describe('checkDocument', () => {
  it('accepts a normalized document', () => {
    expect(() => checkDocument(valid())).not.toThrow();
  });

  it('detects a schema named Error', () => {
    const doc = valid();
    doc.components.schemas.Error = { type: 'object' };
    expect(problems(doc)).toEqual(['a schema is named Error (it shadows the global in TypeScript)']);
  });

  it('detects OpenAPI 3.0 `nullable`, in components and in operations, with where', () => {
    const doc = valid();
    doc.components.schemas.ApiKey.properties.label = { type: 'string', nullable: true };
    doc.paths['/keys'].get.parameters[0].schema.nullable = false;
    expect(problems(doc)).toEqual([
      'components.schemas.ApiKey.properties.label: OpenAPI 3.0 "nullable"',
      'paths./keys.get.parameters.0.schema: OpenAPI 3.0 "nullable"',
    ]);
  });

  it('detects a $ref that resolves to nothing', () => {
    const doc = valid();
    doc.components.schemas.ListKeysResponse.properties.data.items.$ref = '#/components/schemas/Key';
    expect(problems(doc)).toEqual([
      'components.schemas.ListKeysResponse.properties.data.items: $ref #/components/schemas/Key resolves to nothing',
    ]);
  });

  it.each([
    ['list-keys', 'list-keys'],
    ['ListKeys', 'ListKeys'],
    ['list_keys', 'list_keys'],
    [undefined, 'undefined'],
  ])('detects an operationId that is not camelCase: %s', (operationId, shown) => {
    const doc = valid();
    doc.paths['/keys'].get.operationId = operationId;
    expect(problems(doc)).toEqual([`GET /keys: operationId "${shown}" is not camelCase`]);
  });

  it('detects an operationId used twice', () => {
    const doc = valid();
    doc.paths['/keys'].post.operationId = 'listKeys';
    expect(problems(doc)).toEqual(['POST /keys: operationId "listKeys" is not unique']);
  });

  it('detects an Authorization header parameter, whatever its case', () => {
    const doc = valid();
    doc.paths['/keys'].post.parameters = [{ name: 'authorization', in: 'header', schema: { type: 'string' } }];
    expect(problems(doc)).toEqual(['POST /keys: Authorization header parameter']);
  });

  it('detects 4xx/5xx responses without a body schema', () => {
    const doc = valid();
    doc.paths['/keys'].get.responses['401'] = { description: 'Unauthorized', content: {} };
    doc.paths['/keys'].post.responses['500'] = { description: 'Server error' };
    doc.paths['/keys'].post.responses['429'] = { description: 'Too many', content: { 'application/json': {} } };
    expect(problems(doc)).toEqual([
      'GET /keys 401: error response without a body schema',
      'POST /keys 429: error response without a body schema',
      'POST /keys 500: error response without a body schema',
    ]);
  });

  it('does not ask a success response for a body', () => {
    const doc = valid();
    doc.paths['/keys'].post.responses['204'] = { description: 'No content' };
    expect(problems(doc)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const doc = valid();
    doc.components.schemas.Error = {};
    doc.paths['/keys'].post.operationId = 'create-key';
    doc.paths['/keys'].post.responses['500'].content = {};
    expect(problems(doc)).toHaveLength(3);
  });
});
