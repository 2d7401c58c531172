// The transport options of issues 13/14: typed, and the fields the SDK sets itself do not compile.
import { describe, expectTypeOf, test } from 'vitest';
import type { APIError, ClientOptions, FetchOptions, Logger, LogLevel, OpenRouter, RequestOptions } from '../../src';

declare const client: OpenRouter;
declare const error: APIError;

describe('client options', () => {
  test('logLevel, logger, fetchOptions', () => {
    expectTypeOf<ClientOptions['logLevel']>().toEqualTypeOf<LogLevel | undefined>();
    expectTypeOf<LogLevel>().toEqualTypeOf<'off' | 'error' | 'warn' | 'info' | 'debug'>();
    const options: ClientOptions = {
      logLevel: 'debug',
      logger: console,
      fetchOptions: { keepalive: true, dispatcher: {} },
    };
    expectTypeOf(options.logger).toEqualTypeOf<Logger | undefined>();
    // @ts-expect-error not a level
    const bad: ClientOptions = { logLevel: 'verbose' };
    void bad;
  });

  test('fetchOptions cannot carry what the SDK sets', () => {
    // @ts-expect-error method is the SDK's
    const method: FetchOptions = { method: 'GET' };
    // @ts-expect-error body is the SDK's
    const body: FetchOptions = { body: 'x' };
    // @ts-expect-error signal is the request option's
    const signal: FetchOptions = { signal: AbortSignal.abort() };
    void [method, body, signal];
  });

  test('withOptions returns a client', () => {
    expectTypeOf(client.withOptions({ timeout: 1 })).toEqualTypeOf<OpenRouter>();
  });
});

describe('request options', () => {
  test('extraBody and extraQuery', () => {
    const options: RequestOptions = {
      extraBody: { future: { a: 1 } },
      extraQuery: { a: 'b', n: 1, f: true, gone: null },
    };
    void options;
    // @ts-expect-error a query value is a string, number, boolean or null
    const nested: RequestOptions = { extraQuery: { a: { b: 1 } } };
    void nested;
    void client.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      { extraBody: { transforms: ['middle-out'] } },
    );
  });
});

describe('errors', () => {
  test('status may be undefined (an error inside a 200 whose code is not a status); ids are strings', () => {
    expectTypeOf(error.status).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.generationId).toEqualTypeOf<string | undefined>();
  });
});
