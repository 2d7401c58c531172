import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenRouterError } from '../../../src/core/errors';
import {
  buildAuthorizationUrl,
  createCodeChallenge,
  createCodeVerifier,
  createPkcePair,
} from '../../../src/helpers/pkce';

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const VERIFIER_CHARSET = /^[A-Za-z0-9._~-]+$/;

// RFC 7636 appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createCodeVerifier', () => {
  it('is 64 unreserved characters by default', () => {
    const verifier = createCodeVerifier();
    expect(verifier).toHaveLength(64);
    expect(verifier).toMatch(VERIFIER_CHARSET);
  });

  it.each([43, 44, 100, 128])('honours length %i', (length) => {
    const verifier = createCodeVerifier(length);
    expect(verifier).toHaveLength(length);
    expect(verifier).toMatch(VERIFIER_CHARSET);
  });

  it('differs from call to call', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createCodeVerifier()));
    expect(verifiers.size).toBe(50);
  });

  it('uses the whole unreserved alphabet', () => {
    const seen = new Set(Array.from({ length: 200 }, () => createCodeVerifier(128)).join(''));
    expect([...seen].sort().join('')).toBe([...UNRESERVED].sort().join(''));
  });

  it('discards random bytes that would bias the alphabet (198..255)', () => {
    // First draw: only rejectable bytes; second draw: 0, 1, 2, ... which map to "A", "B", "C", ...
    let call = 0;
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      for (let index = 0; index < bytes.length; index++) bytes[index] = call === 0 ? 198 + (index % 58) : index;
      call++;
      return array;
    });
    expect(createCodeVerifier(43)).toBe(UNRESERVED.slice(0, 43));
    expect(call).toBe(2);
  });

  it.each([42, 129, 0, -1, 64.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects length %s', (length) => {
    expect(() => createCodeVerifier(length)).toThrow(OpenRouterError);
    expect(() => createCodeVerifier(length)).toThrow(
      new RegExp(`^Invalid PKCE code verifier length ${String(length)}: expected an integer from 43 to 128\\.$`),
    );
  });
});

describe('createCodeChallenge', () => {
  it('matches the RFC 7636 appendix B example', async () => {
    await expect(createCodeChallenge(RFC_VERIFIER)).resolves.toBe(RFC_CHALLENGE);
  });

  it('is base64url SHA-256 without padding, for any valid verifier', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...UNRESERVED), minLength: 43, maxLength: 128 }),
        async (verifier) => {
          const challenge = await createCodeChallenge(verifier);
          expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
          expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['too short', 'a'.repeat(42), /^Invalid PKCE code verifier: it is 42 characters long; expected 43 to 128/],
    ['too long', 'a'.repeat(129), /^Invalid PKCE code verifier: it is 129 characters long; expected 43 to 128/],
    [
      'a "+"',
      `${'a'.repeat(50)}+`,
      /^Invalid PKCE code verifier: it may only contain letters, digits, "-", "\.", "_" and "~"/,
    ],
    ['a space', `${'a'.repeat(50)} `, /it may only contain letters, digits/],
    ['a "="', `${'a'.repeat(50)}=`, /it may only contain letters, digits/],
  ])('rejects a verifier with %s', async (_label, verifier, pattern) => {
    await expect(createCodeChallenge(verifier)).rejects.toThrow(OpenRouterError);
    await expect(createCodeChallenge(verifier)).rejects.toThrow(pattern);
  });

  it('rejects a non-string verifier', async () => {
    await expect(createCodeChallenge(undefined as unknown as string)).rejects.toThrow(
      /^Invalid PKCE code verifier: expected a string, got undefined\.$/,
    );
  });
});

describe('createPkcePair', () => {
  it('returns a verifier with its S256 challenge', async () => {
    const pair = await createPkcePair();
    expect(pair.method).toBe('S256');
    expect(pair.verifier).toHaveLength(64);
    expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
  });

  it('passes the length on, and rejects a bad one', async () => {
    expect((await createPkcePair(128)).verifier).toHaveLength(128);
    await expect(createPkcePair(10)).rejects.toThrow(/Invalid PKCE code verifier length 10/);
  });
});

describe('buildAuthorizationUrl', () => {
  it('builds the openrouter.ai/auth URL with S256 by default', () => {
    expect(buildAuthorizationUrl({ callbackUrl: 'https://myapp.example/callback', codeChallenge: RFC_CHALLENGE })).toBe(
      'https://openrouter.ai/auth?callback_url=https%3A%2F%2Fmyapp.example%2Fcallback' +
        `&code_challenge=${RFC_CHALLENGE}&code_challenge_method=S256`,
    );
  });

  it('encodes a callback URL with its own query so it survives the round trip', () => {
    const callbackUrl = 'http://localhost:3000/cb?next=/a b&x=1#frag';
    const url = new URL(buildAuthorizationUrl({ callbackUrl, codeChallenge: RFC_CHALLENGE }));
    expect(url.searchParams.get('callback_url')).toBe(callbackUrl);
    expect([...url.searchParams.keys()]).toEqual(['callback_url', 'code_challenge', 'code_challenge_method']);
  });

  it('keeps query parameters already on a custom baseUrl', () => {
    const url = new URL(
      buildAuthorizationUrl({
        callbackUrl: 'https://myapp.example/cb',
        codeChallenge: RFC_CHALLENGE,
        baseUrl: 'https://staging.example/auth?tenant=7',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://staging.example/auth');
    expect(url.searchParams.get('tenant')).toBe('7');
    expect(url.searchParams.get('code_challenge')).toBe(RFC_CHALLENGE);
  });

  it('accepts the plain method with the verifier as challenge', () => {
    const url = new URL(
      buildAuthorizationUrl({
        callbackUrl: 'https://myapp.example/cb',
        codeChallenge: RFC_VERIFIER,
        codeChallengeMethod: 'plain',
      }),
    );
    expect(url.searchParams.get('code_challenge')).toBe(RFC_VERIFIER);
    expect(url.searchParams.get('code_challenge_method')).toBe('plain');
  });

  it.each(['/callback', 'callback', 'ftp://myapp.example/cb', 'javascript:alert(1)', '', 'http://'])(
    'rejects callbackUrl %j',
    (callbackUrl) => {
      const build = () => buildAuthorizationUrl({ callbackUrl, codeChallenge: RFC_CHALLENGE });
      expect(build).toThrow(OpenRouterError);
      expect(build).toThrow(
        new RegExp(
          `^Invalid callbackUrl ${JSON.stringify(callbackUrl).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: expected an absolute http:// or https:// URL\\.$`,
        ),
      );
    },
  );

  it('rejects a baseUrl that is not absolute http(s)', () => {
    expect(() =>
      buildAuthorizationUrl({ callbackUrl: 'https://a.example/cb', codeChallenge: RFC_CHALLENGE, baseUrl: '/auth' }),
    ).toThrow(/^Invalid baseUrl "\/auth": expected an absolute http:\/\/ or https:\/\/ URL\.$/);
  });

  it('rejects an S256 challenge that is not a 43-character digest (for example the verifier by mistake)', () => {
    for (const codeChallenge of [createCodeVerifier(), '', `${RFC_CHALLENGE}=`, RFC_CHALLENGE.replace('-', '+')]) {
      expect(() => buildAuthorizationUrl({ callbackUrl: 'https://a.example/cb', codeChallenge })).toThrow(
        /^Invalid PKCE code challenge: with method S256 it must be the 43-character base64url SHA-256 digest/,
      );
    }
  });

  it('rejects a plain challenge that is not a valid verifier', () => {
    expect(() =>
      buildAuthorizationUrl({
        callbackUrl: 'https://a.example/cb',
        codeChallenge: 'short',
        codeChallengeMethod: 'plain',
      }),
    ).toThrow(/^Invalid PKCE code verifier: it is 5 characters long/);
  });

  it('rejects an unknown method', () => {
    expect(() =>
      buildAuthorizationUrl({
        callbackUrl: 'https://a.example/cb',
        codeChallenge: RFC_CHALLENGE,
        codeChallengeMethod: 'S512' as 'S256',
      }),
    ).toThrow(/^Invalid PKCE code challenge method "S512": expected "S256" or "plain"\.$/);
  });
});
