import { describe, expect, it } from 'vitest';
import { isRetryableStatus, retryDelayMs } from '../../src/internal/retry';

const noJitter = () => 0;
const fullJitter = () => 1;

describe('isRetryableStatus', () => {
  it.each([408, 409, 429, 500, 501, 502, 503, 504, 524, 529, 599])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 201, 204, 301, 400, 401, 402, 403, 404, 410, 413, 422, 600])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe('retryDelayMs backoff', () => {
  it('starts at 0.5 s and doubles per retry', () => {
    expect([0, 1, 2, 3].map((attempt) => retryDelayMs(attempt, undefined, noJitter))).toEqual([500, 1000, 2000, 4000]);
  });

  it('is capped at 8 s', () => {
    expect([4, 5, 10, 50].map((attempt) => retryDelayMs(attempt, undefined, noJitter))).toEqual([
      8000, 8000, 8000, 8000,
    ]);
  });

  it('jitter shortens the delay by at most 25%', () => {
    expect(retryDelayMs(0, undefined, fullJitter)).toBe(375);
    expect(retryDelayMs(2, undefined, () => 0.5)).toBe(1750);
    expect(retryDelayMs(9, undefined, fullJitter)).toBe(6000);
  });

  it('stays within [0.75, 1] x backoff with the real random source', () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const base = Math.min(500 * 2 ** attempt, 8000);
      for (let sample = 0; sample < 200; sample++) {
        const delay = retryDelayMs(attempt, undefined);
        expect(delay).toBeGreaterThanOrEqual(base * 0.75);
        expect(delay).toBeLessThanOrEqual(base);
      }
    }
  });

  it('uses the backoff when the headers carry no hint', () => {
    expect(retryDelayMs(1, new Headers({ 'content-type': 'application/json' }), noJitter)).toBe(1000);
  });
});

describe('retryDelayMs server hints', () => {
  const delayFor = (headers: Record<string, string>, attempt = 0) =>
    retryDelayMs(attempt, new Headers(headers), noJitter);

  it('honours retry-after-ms (milliseconds, fractions allowed)', () => {
    expect(delayFor({ 'retry-after-ms': '1500' })).toBe(1500);
    expect(delayFor({ 'retry-after-ms': '12.5' })).toBe(12.5);
    expect(delayFor({ 'retry-after-ms': '0' })).toBe(0);
  });

  it('honours Retry-After in seconds', () => {
    expect(delayFor({ 'retry-after': '3' })).toBe(3000);
    expect(delayFor({ 'retry-after': '1.5' })).toBe(1500);
    expect(delayFor({ 'retry-after': '0' })).toBe(0);
    expect(delayFor({ 'retry-after': '60' })).toBe(60_000);
  });

  it('honours Retry-After as an HTTP date', () => {
    const inThirtySeconds = new Date(Date.now() + 30_000).toUTCString(); // whole seconds: up to 1 s early
    const delay = delayFor({ 'retry-after': inThirtySeconds });
    expect(delay).toBeGreaterThan(28_900);
    expect(delay).toBeLessThanOrEqual(30_000);
  });

  it('prefers retry-after-ms over Retry-After', () => {
    expect(delayFor({ 'retry-after-ms': '250', 'retry-after': '5' })).toBe(250);
  });

  it('falls back to Retry-After when retry-after-ms is unusable', () => {
    expect(delayFor({ 'retry-after-ms': 'soon', 'retry-after': '2' })).toBe(2000);
  });

  it.each([
    ['garbage Retry-After', { 'retry-after': 'soon' }],
    ['empty Retry-After', { 'retry-after': '' }],
    ['negative Retry-After', { 'retry-after': '-3' }],
    ['Retry-After above 60 s', { 'retry-after': '61' }],
    ['Retry-After date in the past', { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }],
    ['Retry-After date beyond 60 s', { 'retry-after': new Date(Date.now() + 5 * 60_000).toUTCString() }],
    ['garbage retry-after-ms', { 'retry-after-ms': 'abc' }],
    ['empty retry-after-ms', { 'retry-after-ms': ' ' }],
    ['negative retry-after-ms', { 'retry-after-ms': '-1' }],
    ['retry-after-ms above 60 s', { 'retry-after-ms': '60001' }],
  ])('ignores %s and uses the backoff', (_, headers) => {
    expect(delayFor(headers, 2)).toBe(2000);
  });
});
