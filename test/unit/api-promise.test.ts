import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APIPromise } from '../../src/core/api-promise';

const response = () => new Response('{"id":1}', { status: 200, headers: { 'x-request-id': 'req-1' } });

/** Unhandled rejections seen while a test runs (vitest would also fail the run on them). */
let unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', recordUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', recordUnhandled);
});
/** Lets Node run its unhandled-rejection check, which happens after the microtask queue drains. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('APIPromise', () => {
  it('awaits to the data', async () => {
    const promise = new APIPromise(Promise.resolve({ data: { id: 1 }, response: response() }));
    expect(await promise).toEqual({ id: 1 });
  });

  it('is a Promise', () => {
    const promise = new APIPromise(Promise.resolve({ data: 1, response: response() }));
    expect(promise).toBeInstanceOf(Promise);
    expect(promise).toBeInstanceOf(APIPromise);
  });

  it('gives the data and the raw response from withResponse()', async () => {
    const raw = response();
    const { data, response: got } = await new APIPromise(Promise.resolve({ data: 'x', response: raw })).withResponse();
    expect(data).toBe('x');
    expect(got).toBe(raw);
    expect(got.headers.get('x-request-id')).toBe('req-1');
  });

  it('chains into plain Promises (no species pitfall)', async () => {
    const promise = new APIPromise(Promise.resolve({ data: 2, response: response() }));
    const doubled = promise.then((n) => n * 2);
    expect(doubled).not.toBeInstanceOf(APIPromise);
    expect(doubled).toBeInstanceOf(Promise);
    expect(await doubled).toBe(4);
    expect(await promise.finally(() => {})).toBe(2);
    expect(await Promise.all([promise, promise])).toEqual([2, 2]);
  });

  it('rejects with the source error through await, catch and finally', async () => {
    const failure = new Error('boom');
    const promise = new APIPromise<number>(Promise.reject(failure));
    await expect(promise).rejects.toBe(failure);
    expect(await promise.catch((error: unknown) => error)).toBe(failure);
    await expect(promise.finally(() => {})).rejects.toBe(failure);
    await expect(promise.withResponse()).rejects.toBe(failure);
  });

  it('leaves no unhandled rejection when only awaited', async () => {
    const failure = new Error('only awaited');
    await expect(new APIPromise<number>(Promise.reject(failure))).rejects.toBe(failure);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('leaves no unhandled rejection when only withResponse() is used', async () => {
    const failure = new Error('only withResponse');
    const promise = new APIPromise<number>(Promise.reject(failure));
    await expect(promise.withResponse()).rejects.toBe(failure);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('unwraps the data once however often it is awaited', async () => {
    let reads = 0;
    const source = Promise.resolve({
      get data() {
        reads += 1;
        return 'd';
      },
      response: response(),
    });
    const promise = new APIPromise(source);
    expect([await promise, await promise, await promise.then((d) => d)]).toEqual(['d', 'd', 'd']);
    expect(reads).toBe(1);
  });
});
