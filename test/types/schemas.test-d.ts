// The two generated views of the spec agree: hey-api's types (generated/types.gen.ts, what the SDK
// exposes) and openapi-typescript's (generated/openapi-paths.d.ts, `components`). A value of one is
// assignable to the other, both ways, for the main schemas.
//
// Representation differences that are allowed, and why they do not break the checks below:
// - Open enums: hey-api writes `'A' | 'B' | (string & {})`, openapi-typescript `('A' | 'B') | string`,
//   which TypeScript reduces to `string`. Both accept every string, so they are mutually assignable;
//   only hey-api keeps the literals for autocompletion (checked in enums.test-d.ts).
// - Open objects: both write `[key: string]: unknown` for `additionalProperties: true`.
import { describe, expectTypeOf, test } from 'vitest';
import type { components } from '../../generated/openapi-paths';
import type {
  ApiKey,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ErrorResponse,
  Model,
  Provider,
  ProviderName,
  PublicEndpoint,
} from '../../src';

type S = components['schemas'];

describe('hey-api and openapi-typescript agree on the main schemas', () => {
  test('Model', () => {
    expectTypeOf<S['Model']>().toExtend<Model>();
    expectTypeOf<Model>().toExtend<S['Model']>();
  });

  test('PublicEndpoint', () => {
    expectTypeOf<S['PublicEndpoint']>().toExtend<PublicEndpoint>();
    expectTypeOf<PublicEndpoint>().toExtend<S['PublicEndpoint']>();
  });

  test('ChatCompletion', () => {
    expectTypeOf<S['ChatCompletion']>().toExtend<ChatCompletion>();
    expectTypeOf<ChatCompletion>().toExtend<S['ChatCompletion']>();
  });

  test('ChatCompletionChunk', () => {
    expectTypeOf<S['ChatCompletionChunk']>().toExtend<ChatCompletionChunk>();
    expectTypeOf<ChatCompletionChunk>().toExtend<S['ChatCompletionChunk']>();
  });

  test('ChatCompletionRequest', () => {
    expectTypeOf<S['ChatCompletionRequest']>().toExtend<ChatCompletionRequest>();
    expectTypeOf<ChatCompletionRequest>().toExtend<S['ChatCompletionRequest']>();
  });

  test('ApiKey', () => {
    expectTypeOf<S['ApiKey']>().toExtend<ApiKey>();
    expectTypeOf<ApiKey>().toExtend<S['ApiKey']>();
  });

  test('ErrorResponse', () => {
    expectTypeOf<S['ErrorResponse']>().toExtend<ErrorResponse>();
    expectTypeOf<ErrorResponse>().toExtend<S['ErrorResponse']>();
  });

  test('Provider', () => {
    expectTypeOf<S['Provider']>().toExtend<Provider>();
    expectTypeOf<Provider>().toExtend<S['Provider']>();
  });

  test('ProviderName: mutually assignable, but only hey-api keeps the literals', () => {
    expectTypeOf<S['ProviderName']>().toExtend<ProviderName>();
    expectTypeOf<ProviderName>().toExtend<S['ProviderName']>();
    // openapi-typescript's `(... literals) | string` collapses to `string`.
    expectTypeOf<S['ProviderName']>().toEqualTypeOf<string>();
    expectTypeOf<ProviderName>().not.toEqualTypeOf<string>();
  });
});
