// client.oauth against the Prism mock of openapi/openapi.yaml.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CreateAuthCodeResponse, ExchangeAuthCodeResponse } from '../../src/index';
import { CONTRACT_API_KEY, expectValidExchange, kindOf, onlyRequest, pathOf, recordingClient } from './client';

// An RFC 7636 verifier and its S256 challenge (Appendix B of the RFC).
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('oauth', () => {
  it('createAuthCode: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.oauth
      .createAuthCode({ callback_url: 'https://app.example.com/callback' })
      .withResponse();
    expectTypeOf(data).toEqualTypeOf<CreateAuthCodeResponse>();
    expectValidExchange(response);
    expect(kindOf(data.data.id)).toBe('string');
    expect(kindOf(data.data.app_id)).toBe('number');
    expect(kindOf(data.data.created_at)).toBe('string');
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('POST');
    expect(pathOf(request)).toBe('/auth/keys/code');
    expect(request.headers.get('authorization')).toBe(`Bearer ${CONTRACT_API_KEY}`);
    expect(await request.json()).toEqual({ callback_url: 'https://app.example.com/callback' });
  });

  it('createAuthCode: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const body = {
      callback_url: 'https://app.example.com/callback',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      limit: 10,
    } as const;
    const { data, response } = await client.oauth.createAuthCode(body).withResponse();
    expectValidExchange(response);
    expect(kindOf(data.data.id)).toBe('string');
    expect(kindOf(data.data.app_id)).toBe('number');
    expect(await onlyRequest(exchanges).json()).toEqual(body);
  });

  it('exchangeAuthCode: only required params', async () => {
    const { client, exchanges } = recordingClient();
    const { data, response } = await client.oauth.exchangeAuthCode({ code: 'auth-code-123' }).withResponse();
    expectTypeOf(data).toEqualTypeOf<ExchangeAuthCodeResponse>();
    expectValidExchange(response);
    expect(kindOf(data.key)).toBe('string');
    expect(kindOf(data.user_id)).toBeOneOf(['string', 'null']);
    const request = onlyRequest(exchanges);
    expect(request.method).toBe('POST');
    expect(pathOf(request)).toBe('/auth/keys');
    // The operation has `security: []`: the client's key must not be sent along.
    expect(request.headers.get('authorization')).toBeNull();
    expect(await request.json()).toEqual({ code: 'auth-code-123' });
  });

  it('exchangeAuthCode: required and optional params', async () => {
    const { client, exchanges } = recordingClient();
    const body = { code: 'auth-code-123', code_verifier: VERIFIER, code_challenge_method: 'S256' } as const;
    const { data, response } = await client.oauth.exchangeAuthCode(body).withResponse();
    expectValidExchange(response);
    expect(kindOf(data.key)).toBe('string');
    expect(kindOf(data.user_id)).toBeOneOf(['string', 'null']);
    expect(await onlyRequest(exchanges).json()).toEqual(body);
  });
});
