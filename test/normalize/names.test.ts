import { describe, expect, it } from 'vitest';
import { names, schemas, withOperation } from './support';

const { renameSchemas, setOperationIds, setReadableTags, hoistRequestBodies, hoistResponseBodies } = await names();

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('renameSchemas', () => {
  it('renames components named by path (with a space) and rewrites every $ref to them', () => {
    const doc = {
      paths: {
        '/keys': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: ref('API Keys_list_Response_200') } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          'API Keys_list_Response_200': {
            type: 'object',
            properties: {
              data: { type: 'array', items: ref('KeysGetResponsesContentApplicationJsonSchemaDataItems') },
            },
          },
          KeysGetResponsesContentApplicationJsonSchemaDataItems: { type: 'object' },
        },
      },
    };
    const renamed = renameSchemas(doc, {
      'API Keys_list_Response_200': 'ListKeysResponse',
      KeysGetResponsesContentApplicationJsonSchemaDataItems: 'ApiKey',
    });
    expect(renamed).toEqual({
      paths: {
        '/keys': {
          get: {
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: ref('ListKeysResponse') } } },
            },
          },
        },
      },
      components: {
        schemas: {
          ListKeysResponse: { type: 'object', properties: { data: { type: 'array', items: ref('ApiKey') } } },
          ApiKey: { type: 'object' },
        },
      },
    });
  });

  it('keeps names that are usable and not in the map', () => {
    const doc = schemas({
      Model: { type: 'object', properties: { pricing: ref('Pricing') } },
      Pricing: { type: 'object' },
    });
    expect(renameSchemas(structuredClone(doc), {})).toEqual(doc);
  });

  it.each([
    ['API Keys_list_Response_200', 'API Keys_list_Response_200'],
    ['__schema0', '__schema0'],
    ['Error', 'Error'],
  ])('refuses the name "%s" when names.yaml gives it no other', (name, target) => {
    expect(() => renameSchemas(schemas({ [name]: { type: 'object' } }), {}, '003-api-reference.yaml (page)')).toThrow(
      `003-api-reference.yaml (page): schema "${name}" needs a name in openapi/names.yaml (schemas): "${target}" is not a usable component name`,
    );
  });

  it('refuses a names.yaml name that is itself unusable', () => {
    expect(() => renameSchemas(schemas({ Errors: { type: 'object' } }), { Errors: 'Error' })).toThrow(
      'document: schema "Errors" needs a name in openapi/names.yaml (schemas): "Error" is not a usable component name',
    );
  });

  it('merges two source names for one concept with mergeSame', () => {
    const doc = schemas({
      PublicPricing: { type: 'object', properties: { prompt: { type: 'string' } } },
      PublicEndpointPricing: { type: 'object', properties: { discount: { type: 'number' } } },
    });
    const calls: string[] = [];
    const renamed = renameSchemas(
      doc,
      { PublicPricing: 'Pricing', PublicEndpointPricing: 'Pricing' },
      'page',
      (a, b, name) => {
        calls.push(name);
        return { ...a, properties: { ...a.properties, ...b.properties } };
      },
    );
    expect(calls).toEqual(['Pricing']);
    expect(renamed).toEqual(
      schemas({
        Pricing: { type: 'object', properties: { prompt: { type: 'string' }, discount: { type: 'number' } } },
      }),
    );
  });

  it('by default accepts identical copies under one name and refuses different ones', () => {
    const same = schemas({ A: { type: 'string' }, B: { type: 'string' } });
    expect(renameSchemas(same, { A: 'C', B: 'C' })).toEqual(schemas({ C: { type: 'string' } }));
    const different = schemas({ A: { type: 'string' }, B: { type: 'number' } });
    expect(() => renameSchemas(different, { A: 'C', B: 'C' })).toThrow('two different schemas are both named "C"');
  });
});

describe('setOperationIds', () => {
  it('sets the operationId from names.yaml, keyed by "METHOD path", replacing the page\'s', () => {
    const doc = {
      paths: {
        '/keys': { get: { operationId: 'list' }, post: { operationId: 'create-keys' } },
        '/keys/{hash}': { get: { operationId: 'get-key' } },
      },
    };
    expect(
      setOperationIds(doc, { 'GET /keys': 'listKeys', 'POST /keys': 'createKey', 'GET /keys/{hash}': 'getKey' }),
    ).toEqual({
      paths: {
        '/keys': { get: { operationId: 'listKeys' }, post: { operationId: 'createKey' } },
        '/keys/{hash}': { get: { operationId: 'getKey' } },
      },
    });
  });

  it('refuses an operation names.yaml does not know', () => {
    const doc = withOperation({ operationId: 'get-things' });
    expect(() => setOperationIds(doc, { 'GET /other': 'getOther' }, '003-api-reference.yaml (page)')).toThrow(
      '003-api-reference.yaml (page): operation "GET /things" has no operationId in openapi/names.yaml (operationIds)',
    );
  });
});

describe('setReadableTags', () => {
  const tagNames = { subpackage_models: 'Models', subpackage_apiKeys: 'API Keys' };

  it('flattens `tags: [[subpackage_models]]` into readable names', () => {
    const doc = withOperation({ tags: [['subpackage_models']] });
    expect(setReadableTags(doc, tagNames)).toEqual(withOperation({ tags: ['Models'] }));
  });

  it('keeps tags without a generator name, and drops repeats', () => {
    const doc = withOperation({ tags: [['subpackage_apiKeys'], 'API Keys', 'Extra'] });
    expect(setReadableTags(doc, tagNames).paths['/things'].get.tags).toEqual(['API Keys', 'Extra']);
  });

  it('tags an untagged operation from operationTags, or leaves it without tags', () => {
    const doc = { paths: { '/model/{author}/{slug}': { get: {} }, '/other': { get: { tags: [] } } } };
    expect(setReadableTags(doc, tagNames, { 'GET /model/{author}/{slug}': 'Models' })).toEqual({
      paths: { '/model/{author}/{slug}': { get: { tags: ['Models'] } }, '/other': { get: {} } },
    });
  });

  it('refuses a generator tag names.yaml does not name', () => {
    const doc = withOperation({ tags: [['subpackage_chat', 'subpackage_oAuth']] }, 'post', '/chat/completions');
    expect(() => setReadableTags(doc, tagNames, {}, 'page X')).toThrow(
      'page X: tag(s) subpackage_chat, subpackage_oAuth of "POST /chat/completions" need a name in openapi/names.yaml (tags)',
    );
  });
});

describe('hoistRequestBodies', () => {
  it('moves an inline JSON request body into a named component', () => {
    const body = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const doc = withOperation(
      { requestBody: { required: true, content: { 'application/json': { schema: body } } } },
      'post',
      '/keys',
    );
    expect(hoistRequestBodies(doc, { 'POST /keys': 'CreateKeyRequest' })).toEqual({
      paths: {
        '/keys': {
          post: {
            requestBody: { required: true, content: { 'application/json': { schema: ref('CreateKeyRequest') } } },
          },
        },
      },
      components: { schemas: { CreateKeyRequest: body } },
    });
  });

  it('leaves referenced bodies and operations without a body alone', () => {
    const doc = {
      paths: {
        '/chat/completions': {
          post: { requestBody: { content: { 'application/json': { schema: ref('ChatRequest') } } } },
        },
        '/keys': { get: {} },
      },
    };
    expect(hoistRequestBodies(structuredClone(doc), {})).toEqual(doc);
  });

  it('refuses an inline body names.yaml does not name', () => {
    const doc = withOperation(
      { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } },
      'patch',
      '/keys/{hash}',
    );
    expect(() => hoistRequestBodies(doc, {}, 'page Y')).toThrow(
      'page Y: the inline request body of "PATCH /keys/{hash}" needs a name in openapi/names.yaml (requestBodies)',
    );
  });
});

describe('hoistResponseBodies', () => {
  it('moves an inline 2xx JSON body into a named component, and leaves error bodies inline', () => {
    const body = { type: 'object', properties: { data: { type: 'object' } } };
    const error = { type: 'object', properties: { error: { type: 'object' } } };
    const doc = withOperation(
      {
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: body } } },
          '404': { description: 'not found', content: { 'application/json': { schema: error } } },
        },
      },
      'get',
      '/model/{author}/{slug}',
    );
    const hoisted = hoistResponseBodies(doc, { 'GET /model/{author}/{slug}': 'GetModelResponse' });
    expect(hoisted.components.schemas).toEqual({ GetModelResponse: body });
    const responses = hoisted.paths['/model/{author}/{slug}'].get.responses;
    expect(responses['200'].content['application/json'].schema).toEqual(ref('GetModelResponse'));
    expect(responses['404'].content['application/json'].schema).toEqual(error);
  });

  it('refuses an inline success body names.yaml does not name', () => {
    const doc = withOperation({
      responses: { '201': { description: 'made', content: { 'application/json': { schema: { type: 'object' } } } } },
    });
    expect(() => hoistResponseBodies(doc, {})).toThrow(
      'document: the inline 201 body of "GET /things" needs a name in openapi/names.yaml (responseBodies)',
    );
  });
});
