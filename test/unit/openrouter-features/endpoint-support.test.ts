// "Will this request find an endpoint?": which parameters of a request no endpoint supports, which
// endpoints take the rest; and the 404 "No endpoints found that support ..." names the fields of
// the request it is about.
import { beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src';
import { explainEndpointSupport } from '../../../src/helpers';
import { hasRealdata, readRealdata } from '../../support/realdata';
import { clearClientEnv, clientWith, rejectionOf } from '../support/client';
import { json } from '../support/scripted-fetch';

beforeEach(clearClientEnv);

const endpoints = [
  { provider_name: 'A', supported_parameters: ['tools', 'tool_choice', 'max_tokens', 'temperature'] },
  { provider_name: 'B', supported_parameters: ['max_tokens', 'temperature', 'response_format'] },
  { provider_name: 'C', supported_parameters: ['temperature'] },
];
const tool = { type: 'function' as const, function: { name: 'f', parameters: {} } };

describe('explainEndpointSupport', () => {
  it('finds the endpoints that support every parameter of the request', () => {
    const result = explainEndpointSupport(
      { model: 'm', messages: [], tools: [tool], max_completion_tokens: 10 },
      endpoints,
    );
    expect(result.requested).toEqual(['tools', 'max_tokens']);
    expect(result.unsupported).toEqual([]);
    expect(result.endpoints.map((endpoint) => endpoint.provider_name)).toEqual(['A']);
    expect(result.routable).toBe(true);
  });

  it('names the parameter no endpoint supports, and the endpoints that support the rest', () => {
    const request = { model: 'm', messages: [], tools: [tool], logprobs: true, temperature: 0.2 };
    const result = explainEndpointSupport(request, endpoints);
    expect(result.unsupported).toEqual(['logprobs']);
    expect(result.endpoints.map((endpoint) => endpoint.provider_name)).toEqual(['A']);
    expect(result.routable).toBe(false);
  });

  it('is not routable when the parameters are each supported, but never together', () => {
    const result = explainEndpointSupport({ tools: [tool], response_format: { type: 'json_object' } }, endpoints);
    expect(result.unsupported).toEqual([]);
    expect(result.endpoints).toEqual([]);
    expect(result.routable).toBe(false);
  });

  it('asks structured_outputs of a json_schema response_format', () => {
    const request = { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } };
    expect(explainEndpointSupport(request, endpoints).unsupported).toEqual(['structured_outputs']);
  });

  it("checks images against the model's input modalities", () => {
    const request = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
      ],
    };
    const model = { architecture: { input_modalities: ['text'] }, endpoints };
    expect(explainEndpointSupport(request, model).unsupported).toEqual(['image input']);
  });

  it('rejects what is not a request and endpoints', () => {
    expect(() => explainEndpointSupport({}, null as never)).toThrow(/give the request object and the endpoints/);
  });

  it.skipIf(!hasRealdata)('reads a recorded endpoints list (../shared/realdata)', () => {
    const { data } = JSON.parse(readRealdata('endpoints/deepseek-chat-v3.1.2025-08.json'));
    const result = explainEndpointSupport({ tools: [tool], response_format: { type: 'json_schema' } }, data);
    expect(result.unsupported).toEqual([]);
    for (const endpoint of result.endpoints) {
      expect(endpoint.supported_parameters).toEqual(expect.arrayContaining(['tools', 'structured_outputs']));
    }
    expect(result.endpoints.length).toBeGreaterThan(0);
    expect(result.endpoints.length).toBeLessThan(data.endpoints.length);
  });
});

describe('the 404 "No endpoints found that support ..."', () => {
  const noEndpoints = (what: string) =>
    json(
      {
        error: {
          code: 404,
          message: `No endpoints found that support ${what}. To learn more about provider routing, visit: https://openrouter.ai/docs/provider-routing`,
        },
      },
      404,
    );

  it('names the fields of the request that ask for the missing feature', async () => {
    const { client, requests } = clientWith({}, noEndpoints('tool use'));
    const request = {
      model: 'qwen/qwen-2.5-7b-instruct',
      messages: [{ role: 'user' as const, content: 'Hi' }],
      tools: [tool],
      tool_choice: 'auto' as const,
    };
    const error = (await rejectionOf(client.chat.completions.create(request))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.noEndpoints).toEqual({
      feature: 'tool use',
      parameters: ['tools', 'tool_choice'],
      model: 'qwen/qwen-2.5-7b-instruct',
    });
    expect(error.message).toContain('The request asks for tool use with: tools, tool_choice.');
    expect(requests).toHaveLength(1);
  });

  it('points at image parts for "image input"', async () => {
    const { client } = clientWith({}, noEndpoints('image input'));
    const messages = [
      {
        role: 'user' as const,
        content: [
          { type: 'text' as const, text: 'x' },
          { type: 'image_url' as const, image_url: { url: 'https://x/y.png' } },
        ],
      },
    ];
    const error = (await rejectionOf(client.chat.completions.create({ model: 'm', messages }))) as NotFoundError;
    expect(error.noEndpoints?.parameters).toEqual(['messages[0].content[1]']);
  });

  it('leaves other 404s alone', async () => {
    const { client } = clientWith({}, json({ error: { code: 404, message: 'Not Found' } }, 404));
    const error = (await rejectionOf(client.chat.completions.create({ model: 'm', messages: [] }))) as NotFoundError;
    expect(error.noEndpoints).toBeUndefined();
    expect(error.message).toBe('404 Not Found');
  });
});
