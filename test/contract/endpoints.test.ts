// client.endpoints against the Prism mock of openapi/openapi.yaml.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ListZdrEndpointsResponse } from '../../src/index';
import { expectValidExchange, kindOf, onlyRequest, pathOf, recordingClient } from './client';

function expectZdrEndpoints(data: ListZdrEndpointsResponse): void {
  expect(Array.isArray(data.data)).toBe(true);
  expect(data.data.length).toBeGreaterThan(0);
  for (const endpoint of data.data) {
    expect(kindOf(endpoint.name)).toBe('string');
    expect(kindOf(endpoint.model_name)).toBe('string');
    expect(kindOf(endpoint.provider_name)).toBe('string');
    expect(kindOf(endpoint.tag)).toBe('string');
    expect(kindOf(endpoint.context_length)).toBe('number');
    expect(kindOf(endpoint.max_completion_tokens)).toBeOneOf(['number', 'null']);
    expect(kindOf(endpoint.max_prompt_tokens)).toBeOneOf(['number', 'null']);
    expect(kindOf(endpoint.quantization)).toBeOneOf(['string', 'null']);
    expect(kindOf(endpoint.pricing.prompt)).toBeOneOf(['string', 'number']);
    expect(kindOf(endpoint.pricing.completion)).toBeOneOf(['string', 'number']);
    expect(kindOf(endpoint.supported_parameters)).toBe('array');
    expect(kindOf(endpoint.supports_implicit_caching)).toBe('boolean');
    expect(kindOf(endpoint.uptime_last_30m)).toBeOneOf(['number', 'null']);
  }
}

describe('endpoints', () => {
  it('zdr: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.endpoints.zdr().withResponse();
    expectTypeOf(data).toEqualTypeOf<ListZdrEndpointsResponse>();
    expectValidExchange(response);
    expectZdrEndpoints(data);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('GET');
    expect(pathOf(request)).toBe('/endpoints/zdr');
  });

  it('zdr: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const controller = new AbortController();
    const { data, response } = await client.endpoints
      .zdr({ headers: { 'X-Contract-Case': 'zdr' }, timeout: 5_000, maxRetries: 1, signal: controller.signal })
      .withResponse();
    expectValidExchange(response);
    expectZdrEndpoints(data);
    expect(onlyRequest(exchanges).headers.get('x-contract-case')).toBe('zdr');
  });
});
