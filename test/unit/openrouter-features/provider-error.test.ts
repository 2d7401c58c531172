// Provider errors, parsed: `error.metadata.raw` is the provider's answer, often JSON as a string;
// `APIError.provider` gives its name, its parsed error and status, for HTTP errors, errors in a
// 200 body and errors inside a stream alike.
import { beforeEach, describe, expect, it } from 'vitest';
import { type APIError, BadRequestError } from '../../../src';
import { providerError } from '../../../src/core/provider-error';
import { hasRealdata, readRealdata } from '../../support/realdata';
import { clearClientEnv, clientWith, rejectionOf } from '../support/client';
import { json } from '../support/scripted-fetch';

beforeEach(clearClientEnv);

const CHAT = { model: 'm', messages: [{ role: 'user' as const, content: 'Hi' }] };
const azureRaw = JSON.stringify(
  { error: { message: "response_format 'x' is not a valid JSON schema", type: 'invalid_request_error', code: null } },
  null,
  2,
);

describe('APIError.provider', () => {
  it('parses a JSON raw of an HTTP error: name, error, message', async () => {
    const body = {
      error: { code: 400, message: 'Provider returned error', metadata: { raw: azureRaw, provider_name: 'Azure' } },
    };
    const { client } = clientWith({ maxRetries: 0 }, json(body, 400));
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.provider).toEqual({
      name: 'Azure',
      raw: azureRaw,
      error: JSON.parse(azureRaw),
      status: undefined,
      message: "response_format 'x' is not a valid JSON schema",
    });
  });

  it("reads the provider's status from its error (Google's { error: { code, status } })", () => {
    const raw = JSON.stringify({ error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } });
    expect(providerError({ provider_name: 'Google AI Studio', raw })).toMatchObject({
      status: 429,
      message: 'Resource exhausted',
    });
  });

  it('reads an error whose `error` is a text and whose code is not a status', () => {
    const raw = JSON.stringify({ code: 'permission denied', error: 'Content violates usage guidelines.' });
    expect(providerError({ provider_name: 'xAI', raw })).toMatchObject({
      status: undefined,
      message: 'Content violates usage guidelines.',
    });
  });

  it('keeps a raw that is not JSON as the message', () => {
    expect(providerError({ raw: 'Malformed function call' })).toEqual({
      name: undefined,
      raw: 'Malformed function call',
      error: undefined,
      status: undefined,
      message: 'Malformed function call',
    });
  });

  it('is undefined for errors without a provider', async () => {
    const { client } = clientWith({ maxRetries: 0 }, json({ error: { code: 400, message: 'bad model' } }, 400));
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as APIError;
    expect(error.provider).toBeUndefined();
  });

  it('works for an error in a 200 body', async () => {
    const raw = JSON.stringify({ error: { message: 'overloaded', code: 503 } });
    const body = {
      error: { code: 502, message: 'Provider returned error', metadata: { provider_name: 'Together', raw } },
    };
    const { client } = clientWith({ maxRetries: 0 }, json(body, 200));
    const error = (await rejectionOf(client.chat.completions.create(CHAT))) as APIError;
    expect(error.provider).toMatchObject({ name: 'Together', status: 503, message: 'overloaded' });
  });

  it('works for an error event inside a stream', async () => {
    const chunk = {
      id: 'gen-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [],
      error: {
        code: 502,
        message: 'Provider returned error',
        metadata: { provider_name: 'Google', raw: 'Malformed call' },
      },
    };
    const sse = new Response(`data: ${JSON.stringify(chunk)}\n\n`, {
      headers: { 'content-type': 'text/event-stream' },
    });
    const { client } = clientWith({}, sse);
    const stream = await client.chat.completions.create({ ...CHAT, stream: true });
    const error = (await rejectionOf(
      (async () => {
        for await (const _ of stream) {
          // read until the error
        }
      })(),
    )) as APIError;
    expect(error.provider).toMatchObject({ name: 'Google', message: 'Malformed call', error: undefined });
  });

  it.skipIf(!hasRealdata)('parses the recorded provider errors (../shared/realdata)', () => {
    const azure = JSON.parse(readRealdata('chat/chat.orenhanced.44.400.json'));
    expect(providerError(azure.error.metadata)).toMatchObject({
      name: 'Azure',
      error: { error: { param: 'response_format' } },
    });
    const xai = JSON.parse(readRealdata('chat/chat.req_llm.598.403.json'));
    expect(providerError(xai.error.metadata)?.message).toMatch(/^Content violates usage guidelines/);
  });
});
