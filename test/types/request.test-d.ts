// client.request() is typed through the openapi-typescript `paths` view: the route picks the path
// parameters, the query, the body and the answer; a wrong one does not compile.
import { describe, expectTypeOf, test } from 'vitest';
import type { paths } from '../../generated/openapi-paths';
import type { OpenRouter, Route } from '../../src';

declare const client: OpenRouter;
type Json<P extends keyof paths, M extends keyof paths[P]> =
  NonNullable<paths[P][M]> extends {
    responses: { 200: { content: { 'application/json': infer J } } };
  }
    ? J
    : never;

describe('client.request', () => {
  test('routes are the description’s `METHOD /path` strings', () => {
    expectTypeOf<'GET /generation'>().toExtend<Route>();
    expectTypeOf<'PUT /workspaces/{id}/budgets/{interval}'>().toExtend<Route>();
    expectTypeOf<'PUT /generation'>().not.toExtend<Route>();
  });

  test('the answer is the route’s JSON body', () => {
    expectTypeOf(client.request('GET /generation', { query: { id: 'gen-1' } })).resolves.toEqualTypeOf<
      Json<'/generation', 'get'>
    >();
    expectTypeOf(client.request('GET /credits')).resolves.toEqualTypeOf<Json<'/credits', 'get'>>();
  });

  test('a binary answer is the Response', () => {
    expectTypeOf(
      client.request('GET /files/{file_id}/content', { path: { file_id: 'f' } }),
    ).resolves.toEqualTypeOf<Response>();
  });

  test('wrong routes, paths, queries and bodies do not compile', () => {
    // @ts-expect-error not a route
    client.request('GET /generations');
    // @ts-expect-error the required query is missing
    client.request('GET /generation');
    // @ts-expect-error the id is a string
    client.request('GET /generation', { query: { id: 1 } });
    // @ts-expect-error an unknown query parameter
    client.request('GET /generation', { query: { id: 'g', idd: 'x' } });
    // @ts-expect-error the path parameter is missing
    client.request('GET /keys/{hash}', {});
    // @ts-expect-error the path parameter has another name
    client.request('GET /keys/{hash}', { path: { id: 'h' } });
    // @ts-expect-error the body is required
    client.request('POST /keys', {});
    // @ts-expect-error the body's name is a string
    client.request('POST /keys', { body: { name: 42 } });
  });
});

describe('generated methods', () => {
  test('positional ids, bodies and results', () => {
    expectTypeOf(client.generations.get).parameters.toEqualTypeOf<
      [id: string, options?: import('../../src').RequestOptions]
    >();
    expectTypeOf(client.credits.get()).resolves.toEqualTypeOf<import('../../src').GetCreditsResponse>();
  });

  test('uploads take a Blob, a File or bytes; not a string', () => {
    client.files.create({ file: new File([], 'a.pdf') });
    client.files.create({ file: new Uint8Array(1) });
    // @ts-expect-error a file name is not the file
    client.files.create({ file: 'a.pdf' });
  });

  test('binary answers resolve to the Response', () => {
    expectTypeOf(client.audio.speech.create({ input: 'Hi', model: 'm' })).resolves.toEqualTypeOf<Response>();
  });

  test('for await over a paged list yields its items', async () => {
    for await (const guardrail of client.guardrails.list()) {
      expectTypeOf(guardrail).toEqualTypeOf<import('../../src').ListGuardrailsResponse['data'][number]>();
    }
  });

  test('streaming methods narrow on stream: true', () => {
    expectTypeOf(client.responses.create({ input: 'Hi', stream: true })).resolves.toEqualTypeOf<
      import('../../src').ResponseStream
    >();
    expectTypeOf(client.responses.create({ input: 'Hi' })).resolves.toEqualTypeOf<
      import('../../src').OpenResponsesResult
    >();
    expectTypeOf(
      client.messages.create({ model: 'm', max_tokens: 1, messages: [], stream: true }),
    ).resolves.toEqualTypeOf<import('../../src').MessageStream>();
  });
});
