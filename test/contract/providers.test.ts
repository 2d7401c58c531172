// client.providers against the Prism mock of openapi/openapi.yaml.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ListProvidersResponse } from '../../src/index';
import { expectValidExchange, kindOf, onlyRequest, pathOf, recordingClient } from './client';

function expectProviders(data: ListProvidersResponse): void {
  expect(Array.isArray(data.data)).toBe(true);
  expect(data.data.length).toBeGreaterThan(0);
  for (const provider of data.data) {
    expect(kindOf(provider.name)).toBe('string');
    expect(kindOf(provider.slug)).toBe('string');
    expect(kindOf(provider.privacy_policy_url)).toBeOneOf(['string', 'null']);
    expect(kindOf(provider.terms_of_service_url)).toBeOneOf(['string', 'null', 'undefined']);
    expect(kindOf(provider.status_page_url)).toBeOneOf(['string', 'null', 'undefined']);
    expect(kindOf(provider.datacenters)).toBeOneOf(['array', 'null', 'undefined']);
  }
}

describe('providers', () => {
  it('list: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.providers.list().withResponse();
    expectTypeOf(data).toEqualTypeOf<ListProvidersResponse>();
    expectValidExchange(response);
    expectProviders(data);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('GET');
    expect(pathOf(request)).toBe('/providers');
  });

  it('list: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.providers
      .list({ headers: { 'X-Contract-Case': 'providers.list' }, timeout: 5_000, maxRetries: 1 })
      .withResponse();
    expectValidExchange(response);
    expectProviders(data);
    expect(onlyRequest(exchanges).headers.get('x-contract-case')).toBe('providers.list');
  });
});
