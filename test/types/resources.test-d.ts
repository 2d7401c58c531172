// Each resource method resolves to the 2xx body of its operation in generated/types.gen.ts, and
// takes exactly the arguments the facade promises.
import { describe, expectTypeOf, test } from 'vitest';
import type {
  CreateAuthCodeResponses,
  CreateChatCompletionResponses,
  CreateKeyResponses,
  DeleteKeyResponses,
  ExchangeAuthCodeResponses,
  GetCurrentKeyResponses,
  GetKeyResponses,
  GetModelParametersResponses,
  GetModelResponses,
  ListEmbeddingModelsResponses,
  ListKeysResponses,
  ListModelEndpointsResponses,
  ListModelsResponses,
  ListProvidersResponses,
  ListUserModelsResponses,
  ListZdrEndpointsResponses,
  UpdateKeyResponses,
} from '../../generated/types.gen';
import type { APIPromise, OpenRouter, PagePromise, RequestOptions } from '../../src';

declare const client: OpenRouter;

/** What a method's promise resolves to. */
type Resolved<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** The body of the one 2xx response an operation documents. */
type Ok<R> = R[Extract<keyof R, 200 | 201 | 202 | 204>];

describe('each method resolves to the 2xx body of its operation', () => {
  test('models', () => {
    expectTypeOf<Resolved<OpenRouter['models']['list']>>().toEqualTypeOf<ListModelsResponses[200]>();
    expectTypeOf<Resolved<OpenRouter['models']['listEmbeddings']>>().toEqualTypeOf<Ok<ListEmbeddingModelsResponses>>();
    expectTypeOf<Resolved<OpenRouter['models']['listForUser']>>().toEqualTypeOf<Ok<ListUserModelsResponses>>();
    expectTypeOf<Resolved<OpenRouter['models']['get']>>().toEqualTypeOf<Ok<GetModelResponses>>();
    expectTypeOf<Resolved<OpenRouter['models']['endpoints']>>().toEqualTypeOf<Ok<ListModelEndpointsResponses>>();
    expectTypeOf<Resolved<OpenRouter['models']['parameters']>>().toEqualTypeOf<Ok<GetModelParametersResponses>>();
  });

  test('endpoints and providers', () => {
    expectTypeOf<Resolved<OpenRouter['endpoints']['zdr']>>().toEqualTypeOf<Ok<ListZdrEndpointsResponses>>();
    expectTypeOf<Resolved<OpenRouter['providers']['list']>>().toEqualTypeOf<Ok<ListProvidersResponses>>();
  });

  test('keys', () => {
    expectTypeOf<Resolved<OpenRouter['keys']['list']>>().toEqualTypeOf<Ok<ListKeysResponses>>();
    // POST /keys answers 201, not 200.
    expectTypeOf<Resolved<OpenRouter['keys']['create']>>().toEqualTypeOf<CreateKeyResponses[201]>();
    expectTypeOf<Resolved<OpenRouter['keys']['get']>>().toEqualTypeOf<Ok<GetKeyResponses>>();
    expectTypeOf<Resolved<OpenRouter['keys']['update']>>().toEqualTypeOf<Ok<UpdateKeyResponses>>();
    expectTypeOf<Resolved<OpenRouter['keys']['delete']>>().toEqualTypeOf<Ok<DeleteKeyResponses>>();
    expectTypeOf<Resolved<OpenRouter['keys']['current']>>().toEqualTypeOf<Ok<GetCurrentKeyResponses>>();
  });

  test('oauth', () => {
    expectTypeOf<Resolved<OpenRouter['oauth']['createAuthCode']>>().toEqualTypeOf<Ok<CreateAuthCodeResponses>>();
    expectTypeOf<Resolved<OpenRouter['oauth']['exchangeAuthCode']>>().toEqualTypeOf<Ok<ExchangeAuthCodeResponses>>();
  });

  test('chat (the non-streaming overload)', () => {
    const result = client.chat.completions.create({ messages: [{ role: 'user', content: 'Hi' }] });
    expectTypeOf(result).resolves.toEqualTypeOf<Ok<CreateChatCompletionResponses>>();
  });

  test('every method returns an APIPromise (so .withResponse() exists)', () => {
    // A paged list: an APIPromise of the page that is also an AsyncIterable of its items.
    expectTypeOf(client.models.list()).toExtend<APIPromise<ListModelsResponses[200]>>();
    expectTypeOf(client.models.list()).toEqualTypeOf<
      PagePromise<ListModelsResponses[200], ListModelsResponses[200]['data'][number]>
    >();
    expectTypeOf(client.keys.current().withResponse()).resolves.toEqualTypeOf<{
      data: GetCurrentKeyResponses[200];
      response: Response;
      requestId: string | undefined;
      generationId: string | undefined;
    }>();
  });

  test('the last parameter of every method is RequestOptions', () => {
    type Last<F> = F extends (...args: infer A) => unknown
      ? Required<A> extends [...unknown[], infer L]
        ? L
        : never
      : never;
    expectTypeOf<Last<OpenRouter['models']['list']>>().toEqualTypeOf<RequestOptions>();
    expectTypeOf<Last<OpenRouter['models']['parameters']>>().toEqualTypeOf<RequestOptions>();
    expectTypeOf<Last<OpenRouter['keys']['update']>>().toEqualTypeOf<RequestOptions>();
    expectTypeOf<Last<OpenRouter['endpoints']['zdr']>>().toEqualTypeOf<RequestOptions>();
    expectTypeOf<Last<OpenRouter['oauth']['exchangeAuthCode']>>().toEqualTypeOf<RequestOptions>();
  });
});

describe('wrong arguments do not compile', () => {
  test('model ids are strings', () => {
    // @ts-expect-error model id as a number
    client.models.get(42);
    // @ts-expect-error model id as a number
    client.models.endpoints(42);
    // @ts-expect-error model id as parts
    client.models.parameters({ author: 'openai', slug: 'gpt-4' });
  });

  test('keys.update needs a body', () => {
    // @ts-expect-error keys.update without body
    client.keys.update('hash');
    // @ts-expect-error keys.create needs a name
    client.keys.create({ limit: 10 });
  });

  test('query parameters keep their types', () => {
    // @ts-expect-error include_disabled is a boolean
    client.keys.list({ include_disabled: 'yes' });
    // @ts-expect-error offset is a number
    client.keys.list({ offset: '10' });
  });

  test('RequestOptions admits no unknown option', () => {
    // @ts-expect-error unknown option name in RequestOptions
    client.models.list(undefined, { timeoutMs: 5 });
    // @ts-expect-error unknown option name in RequestOptions
    client.keys.current({ retries: 3 });
    // @ts-expect-error timeout is a number
    client.providers.list({ timeout: '5s' });
  });

  test('the options a method does take compile', () => {
    client.models.list({ category: 'programming' }, { timeout: 1000, maxRetries: 0, signal: AbortSignal.timeout(5) });
    client.keys.current({ headers: { 'X-Title': 'app', 'User-Agent': null, 'X-Unused': undefined } });
  });
});
