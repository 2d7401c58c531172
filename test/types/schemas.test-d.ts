// The two generated views of the spec agree: hey-api's types (generated/types.gen.ts, what the SDK
// exposes) and openapi-typescript's (generated/openapi-paths.d.ts, `components`). A value of one is
// assignable to the other, both ways, for the main schemas.
//
// Representation differences that are allowed, and why they do not break the checks below:
// - Open enums: hey-api writes `'A' | 'B' | (string & {})`, openapi-typescript `('A' | 'B') | string`,
//   which TypeScript reduces to `string`. Both accept every string, so they are mutually assignable;
//   only hey-api keeps the literals for autocompletion (checked in enums.test-d.ts).
// - Open objects: both write `[key: string]: unknown` for `additionalProperties: true`.
// - Open unions (x-unknown-member): openapi-typescript writes the unknown member as
//   `{ type: string; [key: string]: unknown }`, hey-api as `{ type: string } & { [key: string]: never }`
//   so that a known tag still narrows (scripts/hey-api.config.mjs). Where an answer reaches one,
//   hey-api's value is assignable to openapi-typescript's and not back (checked: `false` below).
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
// TypeScript's own assignability: expectTypeOf's `toExtend` walks both types with its own deep
// comparison, which reports phantom mismatches ("Expected: ..., Actual: never") on types as large
// as the chat request, although every property is assignable.
type Assignable<A, B> = [A] extends [B] ? true : false;

describe('hey-api and openapi-typescript agree on the main schemas', () => {
  test('Model', () => {
    expectTypeOf<Assignable<S['Model'], Model>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<Model, S['Model']>>().toEqualTypeOf<true>();
  });

  test('PublicEndpoint', () => {
    expectTypeOf<Assignable<S['PublicEndpoint'], PublicEndpoint>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<PublicEndpoint, S['PublicEndpoint']>>().toEqualTypeOf<true>();
  });

  test('ChatCompletion: one direction (open unions, see the top)', () => {
    expectTypeOf<Assignable<ChatCompletion, S['ChatCompletion']>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<S['ChatCompletion'], ChatCompletion>>().toEqualTypeOf<false>();
  });

  test('ChatCompletionChunk: one direction (open unions, see the top)', () => {
    expectTypeOf<Assignable<ChatCompletionChunk, S['ChatCompletionChunk']>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<S['ChatCompletionChunk'], ChatCompletionChunk>>().toEqualTypeOf<false>();
  });

  // KNOWN GAP (each @ts-expect-error fails the moment the two agree, so it cannot outlive the fix): the generators disagree on the published description's chat schemas
  // (openapi-typescript intersects `additionalProperties: false` beside a $ref as Record<string, never>
  // in text parts' cache_control; hey-api drops `null` from `anyOf: [allOf [...], null]` for
  // `reasoning`). Reported in the closing note; to be settled in openapi/ (one schema per concept).
  test('ChatCompletionRequest (known gap below)', () => {
    // @ts-expect-error known gap: see above
    expectTypeOf<Assignable<S['ChatCompletionRequest'], ChatCompletionRequest>>().toEqualTypeOf<true>();
    // @ts-expect-error known gap: see above
    expectTypeOf<Assignable<ChatCompletionRequest, S['ChatCompletionRequest']>>().toEqualTypeOf<true>();
  });

  test('ApiKey', () => {
    expectTypeOf<Assignable<S['ApiKey'], ApiKey>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<ApiKey, S['ApiKey']>>().toEqualTypeOf<true>();
  });

  test('ErrorResponse', () => {
    expectTypeOf<Assignable<S['ErrorResponse'], ErrorResponse>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<ErrorResponse, S['ErrorResponse']>>().toEqualTypeOf<true>();
  });

  test('Provider', () => {
    expectTypeOf<Assignable<S['Provider'], Provider>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<Provider, S['Provider']>>().toEqualTypeOf<true>();
  });

  test('ProviderName: mutually assignable, but only hey-api keeps the literals', () => {
    expectTypeOf<Assignable<S['ProviderName'], ProviderName>>().toEqualTypeOf<true>();
    expectTypeOf<Assignable<ProviderName, S['ProviderName']>>().toEqualTypeOf<true>();
    // openapi-typescript's `(... literals) | string` collapses to `string`.
    expectTypeOf<S['ProviderName']>().toEqualTypeOf<string>();
    expectTypeOf<ProviderName>().not.toEqualTypeOf<string>();
  });
});
