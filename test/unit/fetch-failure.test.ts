// What a rejected fetch says about the request, for each shape runtimes and fetch libraries give.
import { describe, expect, it } from 'vitest';
import { classifyFetchFailure } from '../../src/internal/retry';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const undici = (cause: unknown) => new TypeError('fetch failed', { cause });
const fetchError = (message: string, code?: string) =>
  Object.assign(new Error(message), {
    name: 'FetchError',
    type: code ? 'system' : 'request-timeout',
    code,
    errno: code,
  });

describe('classifyFetchFailure', () => {
  it.each([
    [
      'undici, connection refused',
      undici(withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED')),
      'ECONNREFUSED',
    ],
    [
      'undici, refused on every address (AggregateError)',
      undici(Object.assign(new AggregateError([withCode('a', 'ECONNREFUSED')], ''), { code: 'ECONNREFUSED' })),
      'ECONNREFUSED',
    ],
    ['undici, DNS', undici(withCode('getaddrinfo ENOTFOUND x.invalid', 'ENOTFOUND')), 'ENOTFOUND'],
    ['undici, DNS without a server', undici(withCode('getaddrinfo EAI_AGAIN x', 'EAI_AGAIN')), 'EAI_AGAIN'],
    [
      'undici, connect timeout',
      undici(withCode('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT')),
      'UND_ERR_CONNECT_TIMEOUT',
    ],
    ['undici, bad certificate', undici(withCode('certificate has expired', 'CERT_HAS_EXPIRED')), 'CERT_HAS_EXPIRED'],
    [
      'undici, TLS version',
      undici(withCode('wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER')),
      'ERR_SSL_WRONG_VERSION_NUMBER',
    ],
    [
      'node-fetch v2, refused',
      fetchError('request to http://x/ failed, reason: connect ECONNREFUSED', 'ECONNREFUSED'),
      'ECONNREFUSED',
    ],
    [
      'Bun, refused',
      withCode('Unable to connect. Is the computer able to access the url?', 'ConnectionRefused'),
      'ConnectionRefused',
    ],
    [
      'Bun 1.4, refused',
      withCode('ECONNREFUSED: Unable to connect. Is the computer able to access the url?', 'ECONNREFUSED'),
      'ECONNREFUSED',
    ],
    ['Bun 1.4, DNS', withCode('getaddrinfo ENOTFOUND x.invalid', 'ENOTFOUND'), 'ENOTFOUND'],
    [
      'Deno 2.9, refused (no code; the phase is named)',
      undici(
        new Error(
          'error sending request for url (http://127.0.0.1:45839/): client error (Connect): tcp connect error: Connection refused (os error 111)',
        ),
      ),
      undefined,
    ],
    [
      'Deno 2.9, DNS',
      undici(
        new Error(
          'error sending request for url (http://x.invalid/): client error (Connect): dns error: failed to lookup address information',
        ),
      ),
      undefined,
    ],
  ])('%s: not sent', (_name, error, code) => {
    expect(classifyFetchFailure(error)).toEqual({ kind: 'not-sent', code });
  });

  it.each([
    ['undici, socket closed', undici(withCode('other side closed', 'UND_ERR_SOCKET')), 'UND_ERR_SOCKET'],
    ['undici, reset', undici(withCode('read ECONNRESET', 'ECONNRESET')), 'ECONNRESET'],
    ['undici, no cause', new TypeError('fetch failed'), undefined],
    ['undici, body terminated', new TypeError('terminated'), undefined],
    ['node-fetch v2, reset', fetchError('request failed, reason: socket hang up', 'ECONNRESET'), 'ECONNRESET'],
    ['node-fetch v2, its own timeout', fetchError('network timeout at: http://x/'), undefined],
    [
      'Bun 1.4, reset',
      withCode('ECONNRESET: The socket connection was closed unexpectedly.', 'ECONNRESET'),
      'ECONNRESET',
    ],
    ['Deno 2.9, reset', undici(new Error('Connection reset by peer (os error 104)')), undefined],
    ['Chrome', new TypeError('Failed to fetch'), undefined],
    ['Firefox', new TypeError('NetworkError when attempting to fetch resource.'), undefined],
    ['Safari', new TypeError('Load failed'), undefined],
    ['workerd', new TypeError('Network connection lost.'), undefined],
    ['whatwg-fetch polyfill', new TypeError('Network request failed'), undefined],
  ])('%s: a network failure after which the request may have arrived', (_name, error, code) => {
    expect(classifyFetchFailure(error)).toEqual({ kind: 'maybe-sent', code });
  });

  it.each([
    ['a TypeError of the fetch’s own code', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a custom Error', new Error('proxy configuration missing')],
    ['a thrown string', 'nope'],
    ['undefined', undefined],
    ['an object with a code that is not a word', Object.assign(new Error('x'), { code: 42 })],
  ])('%s: not a network failure', (_name, error) => {
    expect(classifyFetchFailure(error)).toEqual({ kind: 'not-network', code: undefined });
  });
});
