// PKCE (RFC 7636) for OpenRouter's OAuth flow: the app sends a hash of a random secret to
// openrouter.ai/auth, and later proves it holds the secret when it trades the returned code for a key.
// Web Crypto only, so this runs in browsers, Node 20+, Deno, Bun and edge runtimes alike.
import { OpenRouterError } from '../core/errors';

/** RFC 7636 "unreserved" characters: the only ones a code verifier may use. */
const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const VERIFIER_PATTERN = /^[A-Za-z0-9._~-]*$/;
const MIN_VERIFIER_LENGTH = 43;
const MAX_VERIFIER_LENGTH = 128;
// A SHA-256 digest is 32 bytes, which is 43 base64url characters without padding.
const S256_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
// Bytes at or above this are thrown away so that every character is equally likely
// (256 is not a multiple of 66; 198 = 3 × 66 is).
const UNBIASED_BYTE_LIMIT = Math.floor(256 / UNRESERVED.length) * UNRESERVED.length;

/** How the code challenge is derived from the verifier. OpenRouter accepts both; prefer `S256`. */
export type CodeChallengeMethod = 'S256' | 'plain';

/** A fresh verifier with its S256 challenge, as returned by {@link createPkcePair}. */
export interface PkcePair {
  /** Keep this secret (for example in session storage) until the code exchange. */
  verifier: string;
  /** Send this in the authorization URL. */
  challenge: string;
  method: 'S256';
}

/** Options of {@link buildAuthorizationUrl}. */
export interface AuthorizationUrlOptions {
  /** Where OpenRouter redirects back to with `?code=...`; an absolute http(s) URL. */
  callbackUrl: string;
  /** From {@link createCodeChallenge} (or the verifier itself with method `plain`). */
  codeChallenge: string;
  /** Default `S256`. */
  codeChallengeMethod?: CodeChallengeMethod;
  /** Default `https://openrouter.ai/auth`. */
  baseUrl?: string;
}

function assertVerifier(verifier: string): void {
  if (typeof verifier !== 'string') {
    throw new OpenRouterError(`Invalid PKCE code verifier: expected a string, got ${typeof verifier}.`);
  }
  if (verifier.length < MIN_VERIFIER_LENGTH || verifier.length > MAX_VERIFIER_LENGTH) {
    throw new OpenRouterError(
      `Invalid PKCE code verifier: it is ${verifier.length} characters long; expected ${MIN_VERIFIER_LENGTH} to ${MAX_VERIFIER_LENGTH} (RFC 7636).`,
    );
  }
  if (!VERIFIER_PATTERN.test(verifier)) {
    throw new OpenRouterError(
      'Invalid PKCE code verifier: it may only contain letters, digits, "-", ".", "_" and "~" (RFC 7636).',
    );
  }
}

function assertHttpUrl(value: string, label: string): void {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new OpenRouterError(
      `Invalid ${label} ${JSON.stringify(value)}: expected an absolute http:// or https:// URL.`,
    );
  }
}

function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Creates a random PKCE code verifier: `length` characters (43 to 128, default 64) drawn uniformly
 * from the RFC 7636 unreserved set with `crypto.getRandomValues`.
 *
 * @throws {OpenRouterError} when `length` is not an integer from 43 to 128.
 */
export function createCodeVerifier(length = 64): string {
  if (!Number.isInteger(length) || length < MIN_VERIFIER_LENGTH || length > MAX_VERIFIER_LENGTH) {
    throw new OpenRouterError(
      `Invalid PKCE code verifier length ${String(length)}: expected an integer from ${MIN_VERIFIER_LENGTH} to ${MAX_VERIFIER_LENGTH}.`,
    );
  }
  let verifier = '';
  const bytes = new Uint8Array(length * 2);
  while (verifier.length < length) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      verifier += UNRESERVED[byte % UNRESERVED.length];
      if (verifier.length === length) break;
    }
  }
  return verifier;
}

/**
 * The S256 code challenge for a verifier: base64url (no padding) of its SHA-256 digest.
 *
 * @throws {OpenRouterError} when the verifier is not 43 to 128 unreserved characters.
 */
export async function createCodeChallenge(verifier: string): Promise<string> {
  assertVerifier(verifier);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

/** Creates a fresh verifier and its S256 challenge in one step. */
export async function createPkcePair(length = 64): Promise<PkcePair> {
  const verifier = createCodeVerifier(length);
  return { verifier, challenge: await createCodeChallenge(verifier), method: 'S256' };
}

/**
 * The URL to send the user to: `https://openrouter.ai/auth?callback_url=...&code_challenge=...&code_challenge_method=S256`.
 * Query parameters already on `baseUrl` are kept.
 *
 * @throws {OpenRouterError} when `callbackUrl` or `baseUrl` is not an absolute http(s) URL, the method
 * is unknown, or the challenge does not fit the method.
 */
export function buildAuthorizationUrl(options: AuthorizationUrlOptions): string {
  const { callbackUrl, codeChallenge, codeChallengeMethod = 'S256', baseUrl = 'https://openrouter.ai/auth' } = options;
  assertHttpUrl(callbackUrl, 'callbackUrl');
  assertHttpUrl(baseUrl, 'baseUrl');
  if (codeChallengeMethod === 'S256') {
    if (typeof codeChallenge !== 'string' || !S256_CHALLENGE_PATTERN.test(codeChallenge)) {
      throw new OpenRouterError(
        'Invalid PKCE code challenge: with method S256 it must be the 43-character base64url SHA-256 digest from createCodeChallenge().',
      );
    }
  } else if (codeChallengeMethod === 'plain') {
    // With "plain" the challenge is the verifier itself.
    assertVerifier(codeChallenge);
  } else {
    throw new OpenRouterError(
      `Invalid PKCE code challenge method ${JSON.stringify(codeChallengeMethod)}: expected "S256" or "plain".`,
    );
  }
  const url = new URL(baseUrl);
  url.searchParams.set('callback_url', callbackUrl);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', codeChallengeMethod);
  return url.toString();
}
