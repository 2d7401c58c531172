// client.models against the Prism mock of openapi/openapi.yaml: one case with only the required
// parameters and one with every optional one, per method.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  EmbeddingListModelsResponse,
  GetModelParametersResponse,
  GetModelResponse,
  ListModelEndpointsResponse,
  ListModelsResponse,
  Model,
  PublicEndpoint,
} from '../../src/index';
import { expectValidExchange, kindOf, onlyRequest, pathOf, recordingClient } from './client';

/** The fields the spec requires on a Model, with their JS types. */
function expectModel(model: Model | EmbeddingListModelsResponse['data'][number]): void {
  expect(kindOf(model.id)).toBe('string');
  expect(model.id).toMatch(/^[^/]+\/[^/]+$/);
  expect(kindOf(model.canonical_slug)).toBe('string');
  expect(kindOf(model.name)).toBe('string');
  expect(kindOf(model.created)).toBe('number');
  expect(kindOf(model.context_length)).toBeOneOf(['number', 'null']);
  expect(kindOf(model.architecture)).toBe('object');
  expect(kindOf(model.architecture.input_modalities)).toBe('array');
  expect(kindOf(model.architecture.output_modalities)).toBe('array');
  expect(kindOf(model.architecture.tokenizer)).toBeOneOf(['string', 'null']);
  expect(kindOf(model.pricing)).toBe('object');
  expect(kindOf(model.pricing.prompt)).toBeOneOf(['string', 'number']);
  expect(kindOf(model.pricing.completion)).toBeOneOf(['string', 'number']);
  expect(kindOf(model.supported_parameters)).toBe('array');
  expect(kindOf(model.per_request_limits)).toBeOneOf(['object', 'null']);
  expect(kindOf(model.top_provider.is_moderated)).toBe('boolean');
}

function expectEndpoint(endpoint: PublicEndpoint): void {
  expect(kindOf(endpoint.name)).toBe('string');
  expect(kindOf(endpoint.model_name)).toBe('string');
  expect(kindOf(endpoint.provider_name)).toBe('string');
  expect(kindOf(endpoint.tag)).toBe('string');
  expect(kindOf(endpoint.context_length)).toBe('number');
  expect(kindOf(endpoint.max_completion_tokens)).toBeOneOf(['number', 'null']);
  expect(kindOf(endpoint.max_prompt_tokens)).toBeOneOf(['number', 'null']);
  expect(kindOf(endpoint.pricing.prompt)).toBeOneOf(['string', 'number']);
  expect(kindOf(endpoint.supported_parameters)).toBe('array');
  expect(kindOf(endpoint.supports_implicit_caching)).toBe('boolean');
  expect(kindOf(endpoint.uptime_last_30m)).toBeOneOf(['number', 'null']);
}

function expectModelList(data: ListModelsResponse | EmbeddingListModelsResponse): void {
  expect(Array.isArray(data.data)).toBe(true);
  expect(data.data.length).toBeGreaterThan(0);
  for (const model of data.data) expectModel(model);
}

describe('models', () => {
  it('list: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models.list().withResponse();
    expectTypeOf(data).toEqualTypeOf<ListModelsResponse>();
    expectValidExchange(response);
    expectModelList(data);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('GET');
    expect(pathOf(request)).toBe('/models');
    expect(new URL(request.url).search).toBe('');
  });

  it('list: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models
      .list({ category: 'programming', supported_parameters: 'tools', use_rss: 'false', use_rss_chat_links: 'false' })
      .withResponse();
    expectValidExchange(response);
    expectModelList(data);
    const query = new URL(onlyRequest(exchanges).url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      category: 'programming',
      supported_parameters: 'tools',
      use_rss: 'false',
      use_rss_chat_links: 'false',
    });
  });

  it('listEmbeddings: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models.listEmbeddings().withResponse();
    expectValidExchange(response);
    expectModelList(data);
    expect(pathOf(onlyRequest(exchanges))).toBe('/models/embeddings');
  });

  it('listEmbeddings: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models
      .listEmbeddings({ headers: { 'X-Contract-Case': 'listEmbeddings' }, timeout: 5_000, maxRetries: 1 })
      .withResponse();
    expectValidExchange(response);
    expectModelList(data);
    expect(onlyRequest(exchanges).headers.get('x-contract-case')).toBe('listEmbeddings');
  });

  it('listForUser: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models.listForUser().withResponse();
    expectValidExchange(response);
    expectModelList(data);
    expect(pathOf(onlyRequest(exchanges))).toBe('/models/user');
  });

  it('listForUser: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const controller = new AbortController();
    const { data, response } = await client.models
      .listForUser(undefined, {
        headers: { 'X-Contract-Case': 'listForUser' },
        timeout: 5_000,
        signal: controller.signal,
      })
      .withResponse();
    expectValidExchange(response);
    expectModelList(data);
    expect(onlyRequest(exchanges).headers.get('x-contract-case')).toBe('listForUser');
  });

  it('get: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models.get('openai/gpt-4').withResponse();
    expectTypeOf(data).toEqualTypeOf<GetModelResponse>();
    expectValidExchange(response);
    expect(kindOf(data.data)).toBe('object');
    expectModel(data.data);
    expect(pathOf(onlyRequest(exchanges))).toBe('/model/openai/gpt-4');
  });

  it('get: required and optional params (a model id with a variant)', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models
      .get('openai/gpt-4:free', { headers: { 'X-Contract-Case': 'get' }, timeout: 5_000 })
      .withResponse();
    expectValidExchange(response);
    expectModel(data.data);
    const request = onlyRequest(exchanges);
    // The variant stays in the slug segment (percent-encoded or not, it decodes to `gpt-4:free`).
    const segments = pathOf(request).split('/').map(decodeURIComponent);
    expect(segments).toEqual(['', 'model', 'openai', 'gpt-4:free']);
    expect(request.headers.get('x-contract-case')).toBe('get');
  });

  it('endpoints: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models.endpoints('openai/gpt-4').withResponse();
    expectTypeOf(data).toEqualTypeOf<ListModelEndpointsResponse>();
    expectValidExchange(response);
    expect(kindOf(data.data.id)).toBe('string');
    expect(kindOf(data.data.name)).toBe('string');
    expect(kindOf(data.data.description)).toBe('string');
    expect(kindOf(data.data.created)).toBe('number');
    expect(kindOf(data.data.architecture.input_modalities)).toBe('array');
    expect(Array.isArray(data.data.endpoints)).toBe(true);
    for (const endpoint of data.data.endpoints) expectEndpoint(endpoint);
    expect(pathOf(onlyRequest(exchanges))).toBe('/models/openai/gpt-4/endpoints');
  });

  it('endpoints: required and optional params (a model id with a variant)', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models
      .endpoints('openai/gpt-4:free', { headers: { 'X-Contract-Case': 'endpoints' }, maxRetries: 0 })
      .withResponse();
    expectValidExchange(response);
    expect(Array.isArray(data.data.endpoints)).toBe(true);
    for (const endpoint of data.data.endpoints) expectEndpoint(endpoint);
    const request = onlyRequest(exchanges);
    expect(pathOf(request).split('/').map(decodeURIComponent)).toEqual([
      '',
      'models',
      'openai',
      'gpt-4:free',
      'endpoints',
    ]);
    expect(request.headers.get('x-contract-case')).toBe('endpoints');
  });

  it('parameters: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models.parameters('openai/gpt-4').withResponse();
    expectTypeOf(data).toEqualTypeOf<GetModelParametersResponse>();
    expectValidExchange(response);
    expect(kindOf(data.data.model)).toBe('string');
    expect(Array.isArray(data.data.supported_parameters)).toBe(true);
    for (const parameter of data.data.supported_parameters) expect(kindOf(parameter)).toBe('string');
    const request = onlyRequest(exchanges);
    expect(pathOf(request)).toBe('/parameters/openai/gpt-4');
    expect(new URL(request.url).search).toBe('');
  });

  it('parameters: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.models
      .parameters('openai/gpt-4:free', { provider: 'OpenAI' }, { headers: { 'X-Contract-Case': 'parameters' } })
      .withResponse();
    expectValidExchange(response);
    expect(kindOf(data.data.model)).toBe('string');
    expect(Array.isArray(data.data.supported_parameters)).toBe(true);
    const request = onlyRequest(exchanges);
    expect(new URL(request.url).searchParams.get('provider')).toBe('OpenAI');
    expect(pathOf(request).split('/').map(decodeURIComponent)).toEqual(['', 'parameters', 'openai', 'gpt-4:free']);
  });
});
