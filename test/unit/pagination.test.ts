// Paged lists: `await` gives the page as sent; `for await` walks every item of every page, fetching
// lazily, and stops when the API says so (an empty page, total_count, has_more, no cursor)
// or, for a server that never does, after a bounded number of pages with a clear error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APIPromise, MAX_PAGES, OpenRouterError, PagePromise } from '../../src';
import { clearClientEnv, clientWith, rejectionOf } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const item = (id: string) => ({ id, name: `guardrail ${id}` });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const value of iterable) items.push(value);
  return items;
}

const queryOf = (request: Request) => new URL(request.url).search;

describe('offset/limit lists', () => {
  it('await gives the first page exactly as the API sent it, with one request', async () => {
    const page = { data: [item('a')], total_count: 9, extra: true };
    const { client, requests } = clientWith({}, json(page));
    const result = client.guardrails.list({ limit: 1 });
    expect(result).toBeInstanceOf(APIPromise);
    expect(await result).toEqual(page);
    expect(requests).toHaveLength(1);
  });

  it('for await walks every page, moving the offset by the items received', async () => {
    const { client, requests } = clientWith(
      {},
      json({ data: [item('a'), item('b')] }),
      json({ data: [item('c'), item('d')] }),
      json({ data: [item('e')] }),
      json({ data: [] }),
    );
    const items = await collect(client.guardrails.list({ limit: 2 }));
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(requests.map(queryOf)).toEqual(['?limit=2', '?limit=2&offset=2', '?limit=2&offset=4', '?limit=2&offset=5']);
  });

  it('a page shorter than the limit asked for is not the end (the server may cap the page size)', async () => {
    const { client, requests } = clientWith(
      {},
      json({ data: [item('a'), item('b')], total_count: 3 }),
      json({ data: [item('c')], total_count: 3 }),
    );
    expect((await collect(client.guardrails.list({ limit: 500 }))).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(requests.map(queryOf)).toEqual(['?limit=500', '?limit=500&offset=2']);
  });

  it('starts from the offset the caller gave', async () => {
    const { client, requests } = clientWith({}, json({ data: [item('k')] }), json({ data: [] }));
    await collect(client.workspaces.list({ offset: 10 }));
    expect(requests.map(queryOf)).toEqual(['?offset=10', '?offset=11']);
  });

  it('an empty last page ends the iteration', async () => {
    const { client, requests } = clientWith(
      {},
      json({ data: [item('a'), item('b')] }),
      json({ data: [item('c')] }),
      json({ data: [] }),
    );
    const items = await collect(client.guardrails.list());
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(requests).toHaveLength(3);
  });

  it('stops once total_count items were seen, without asking for an empty page', async () => {
    const { client, requests } = clientWith(
      {},
      json({ data: [item('a'), item('b')], total_count: 3 }),
      json({ data: [item('c')], total_count: 3 }),
    );
    expect((await collect(client.guardrails.list())).map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(requests).toHaveLength(2);
  });

  it('fetches lazily: leaving the loop after the first item sends no second request', async () => {
    const { client, requests } = clientWith({}, json({ data: [item('a'), item('b')] }));
    for await (const guardrail of client.guardrails.list()) {
      expect(guardrail.id).toBe('a');
      break;
    }
    expect(requests).toHaveLength(1);
  });

  it('passes path parameters to every page (guardrails.keys.list(id))', async () => {
    const { client, requests } = clientWith({}, json({ data: [{ key_hash: 'h1' }] }), json({ data: [] }));
    await collect(client.guardrails.keys.list('g-1'));
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/guardrails/g-1/assignments/keys',
      '/api/v1/guardrails/g-1/assignments/keys',
    ]);
  });

  it('a failing page rejects the loop with its APIError', async () => {
    const { client } = clientWith(
      { maxRetries: 0 },
      json({ data: [item('a')] }),
      json({ error: { code: 404, message: 'gone' } }, 404),
    );
    const error = await rejectionOf(collect(client.guardrails.list()));
    expect(error).toMatchObject({ status: 404 });
  });
});

describe('cursor lists', () => {
  it('follows the cursor until the API sends none', async () => {
    const file = (id: string) => ({ id, filename: `${id}.pdf` });
    const { client, requests } = clientWith(
      {},
      json({ data: [file('f1')], cursor: 'c1', has_more: true }),
      json({ data: [file('f2')], cursor: 'c2', has_more: true }),
      json({ data: [file('f3')], cursor: null, has_more: false }),
    );
    const files = await collect(client.files.list({ limit: 1 }));
    expect(files.map((f) => f.id)).toEqual(['f1', 'f2', 'f3']);
    expect(requests.map(queryOf)).toEqual(['?limit=1', '?limit=1&cursor=c1', '?limit=1&cursor=c2']);
  });

  it('has_more: false ends the list even when a cursor came with it', async () => {
    const { client, requests } = clientWith({}, json({ data: [{ id: 'f1' }], cursor: 'c1', has_more: false }));
    expect(await collect(client.files.list())).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });

  it('a cursor sent twice is an error, not a loop', async () => {
    const { client } = clientWith(
      {},
      json({ data: [{ id: 'f1' }], cursor: 'same' }),
      json({ data: [{ id: 'f2' }], cursor: 'same' }),
    );
    const error = await rejectionOf(collect(client.files.list()));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toContain('"same" twice');
  });
});

describe('a server that never says stop', () => {
  it(`is bounded: after ${MAX_PAGES} pages the loop stops with a clear error`, async () => {
    let sent = 0;
    const endless: typeof fetch = async () => {
      sent++;
      return json({ data: [item(String(sent))] });
    };
    const { client } = clientWith({ fetch: endless });
    let seen = 0;
    const error = await rejectionOf(
      (async () => {
        for await (const _ of client.guardrails.list()) seen++;
      })(),
    );
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toMatch(new RegExp(`^Stopped after ${MAX_PAGES} pages`));
    expect(sent).toBe(MAX_PAGES);
    expect(seen).toBe(MAX_PAGES);
  });

  it('the bound is the PagePromise constructor argument', async () => {
    let sent = 0;
    const page = () => new APIPromise(Promise.resolve({ data: { data: [sent++] }, response: new Response(null) }));
    const pages = new PagePromise<{ data: number[] }, number>(
      page,
      undefined,
      { type: 'offsetLimit', offset: 'offset', limit: 'limit', results: 'data' },
      3,
    );
    const error = await rejectionOf(collect(pages));
    expect((error as Error).message).toMatch(/^Stopped after 3 pages/);
    expect(sent).toBe(3);
  });

  it('a page without an array of items is an error that names the key', async () => {
    const { client } = clientWith({}, json({ data: 'not a list' }));
    const error = await rejectionOf(collect(client.guardrails.list()));
    expect((error as Error).message).toContain('`data`');
  });
});
