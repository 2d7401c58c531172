// client.keys against the Prism mock of openapi/openapi.yaml.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  ApiKey,
  CreateKeyResponse,
  CurrentKey,
  DeleteKeyResponse,
  GetCurrentKeyResponse,
  GetKeyResponse,
  ListKeysResponse,
  UpdateKeyResponse,
} from '../../src/index';
import { CONTRACT_API_KEY, expectValidExchange, kindOf, onlyRequest, pathOf, recordingClient } from './client';

const USAGE_FIELDS = [
  'usage',
  'usage_daily',
  'usage_weekly',
  'usage_monthly',
  'byok_usage',
  'byok_usage_daily',
  'byok_usage_weekly',
  'byok_usage_monthly',
] as const;

function expectApiKey(key: ApiKey): void {
  expect(kindOf(key)).toBe('object');
  expect(kindOf(key.hash)).toBe('string');
  expect(kindOf(key.name)).toBe('string');
  expect(kindOf(key.label)).toBe('string');
  expect(kindOf(key.disabled)).toBe('boolean');
  expect(kindOf(key.include_byok_in_limit)).toBe('boolean');
  expect(kindOf(key.created_at)).toBe('string');
  expect(kindOf(key.updated_at)).toBeOneOf(['string', 'null']);
  expect(kindOf(key.limit)).toBeOneOf(['number', 'null']);
  expect(kindOf(key.limit_remaining)).toBeOneOf(['number', 'null']);
  expect(kindOf(key.limit_reset)).toBeOneOf(['string', 'null']);
  for (const field of USAGE_FIELDS) expect(kindOf(key[field]), field).toBe('number');
}

function expectCurrentKey(key: CurrentKey): void {
  expect(kindOf(key.label)).toBe('string');
  expect(kindOf(key.is_free_tier)).toBe('boolean');
  expect(kindOf(key.is_provisioning_key)).toBe('boolean');
  expect(kindOf(key.include_byok_in_limit)).toBe('boolean');
  expect(kindOf(key.limit)).toBeOneOf(['number', 'null']);
  expect(kindOf(key.limit_remaining)).toBeOneOf(['number', 'null']);
  expect(kindOf(key.limit_reset)).toBeOneOf(['string', 'null']);
  expect(kindOf(key.rate_limit.interval)).toBe('string');
  expect(kindOf(key.rate_limit.requests)).toBe('number');
  expect(kindOf(key.rate_limit.note)).toBe('string');
  for (const field of USAGE_FIELDS) expect(kindOf(key[field]), field).toBe('number');
}

describe('keys', () => {
  it('list: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys.list().withResponse();
    expectTypeOf(data).toEqualTypeOf<ListKeysResponse>();
    expectValidExchange(response);
    expect(Array.isArray(data.data)).toBe(true);
    expect(data.data.length).toBeGreaterThan(0);
    for (const key of data.data) expectApiKey(key);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('GET');
    expect(pathOf(request)).toBe('/keys');
    expect(new URL(request.url).search).toBe('');
    expect(request.headers.get('authorization')).toBe(`Bearer ${CONTRACT_API_KEY}`);
  });

  it('list: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys.list({ include_disabled: true, offset: 10 }).withResponse();
    expectValidExchange(response);
    for (const key of data.data) expectApiKey(key);
    const query = new URL(onlyRequest(exchanges).url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ include_disabled: 'true', offset: '10' });
  });

  it('create: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys.create({ name: 'contract key' }).withResponse();
    expectTypeOf(data).toEqualTypeOf<CreateKeyResponse>();
    expectValidExchange(response, 201);
    expect(kindOf(data.key)).toBe('string');
    expectApiKey(data.data);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('POST');
    expect(pathOf(request)).toBe('/keys');
    expect(request.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await request.json()).toEqual({ name: 'contract key' });
  });

  it('create: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const body = { name: 'contract key', limit: 25.5, limit_reset: 'monthly', include_byok_in_limit: true } as const;
    const { data, response } = await client.keys.create(body).withResponse();
    expectValidExchange(response, 201);
    expect(kindOf(data.key)).toBe('string');
    expectApiKey(data.data);
    expect(await onlyRequest(exchanges).json()).toEqual(body);
  });

  it('get: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys.get('sk-or-v1-hash-0123').withResponse();
    expectTypeOf(data).toEqualTypeOf<GetKeyResponse>();
    expectValidExchange(response);
    expectApiKey(data.data);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('GET');
    expect(pathOf(request)).toBe('/keys/sk-or-v1-hash-0123');
  });

  it('get: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys
      .get('sk-or-v1-hash-0123', { headers: { 'X-Contract-Case': 'keys.get' }, timeout: 5_000, maxRetries: 1 })
      .withResponse();
    expectValidExchange(response);
    expectApiKey(data.data);
    expect(onlyRequest(exchanges).headers.get('x-contract-case')).toBe('keys.get');
  });

  it('update: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys.update('sk-or-v1-hash-0123', {}).withResponse();
    expectTypeOf(data).toEqualTypeOf<UpdateKeyResponse>();
    expectValidExchange(response);
    expectApiKey(data.data);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('PATCH');
    expect(pathOf(request)).toBe('/keys/sk-or-v1-hash-0123');
  });

  it('update: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const body = {
      name: 'renamed',
      disabled: true,
      limit: null,
      limit_reset: 'weekly',
      include_byok_in_limit: false,
    } as const;
    const { data, response } = await client.keys.update('sk-or-v1-hash-0123', body).withResponse();
    expectValidExchange(response);
    expectApiKey(data.data);
    expect(await onlyRequest(exchanges).json()).toEqual(body);
  });

  it('delete: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys.delete('sk-or-v1-hash-0123').withResponse();
    expectTypeOf(data).toEqualTypeOf<DeleteKeyResponse>();
    expectValidExchange(response);
    expect(data.deleted).toBe(true);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('DELETE');
    expect(pathOf(request)).toBe('/keys/sk-or-v1-hash-0123');
  });

  it('delete: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys
      .delete('sk-or-v1-hash-0123', { headers: { 'X-Contract-Case': 'keys.delete' }, timeout: 5_000 })
      .withResponse();
    expectValidExchange(response);
    expect(data.deleted).toBe(true);
    expect(onlyRequest(exchanges).headers.get('x-contract-case')).toBe('keys.delete');
  });

  it('current: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys.current().withResponse();
    expectTypeOf(data).toEqualTypeOf<GetCurrentKeyResponse>();
    expectValidExchange(response);
    expectCurrentKey(data.data);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('GET');
    expect(pathOf(request)).toBe('/key');
  });

  it('current: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.keys
      .current({ headers: { 'X-Contract-Case': 'keys.current' }, timeout: 5_000, maxRetries: 1 })
      .withResponse();
    expectValidExchange(response);
    expectCurrentKey(data.data);
    expect(onlyRequest(exchanges).headers.get('x-contract-case')).toBe('keys.current');
  });
});
