// Paged lists: `await` a list method for the page the API sent, or `for await` over the same call for
// every item of every page, fetched one page at a time as the loop asks for more. A list ends at an
// empty page, at `total_count` items, at `has_more: false`, or (cursor lists) without a next cursor. The description's
// `x-speakeasy-pagination` says which kind each list is (offset/limit or cursor) and where the items are.
import { APIPromise } from './api-promise';
import { OpenRouterError } from './errors';
import type { RequestOptions } from './options';

/** How one list operation pages: read from its `x-speakeasy-pagination` by the generator. */
export type Paging =
  | { type: 'offsetLimit'; offset: string; limit: string; results: string }
  | { type: 'cursor'; cursor: string; nextCursor: string; results: string };

/** The items of a page type at `key` (`data` for every list of this API). */
export type ItemOf<Page, Key extends string = 'data'> = Page extends { [K in Key]?: infer Items }
  ? NonNullable<Items> extends readonly (infer Item)[]
    ? Item
    : never
  : never;

/**
 * A server that never says it is done would make `for await` run forever: after this many pages the
 * iteration stops with an error instead. Far above any real list of this API (100 items a page).
 */
export const MAX_PAGES = 1000;

type Query = Record<string, unknown>;

/** Fetches one page: the query to send, and the request options (their `extraQuery` without the paging parameters). */
export type FetchPage<Page> = (query: Query | undefined, options: RequestOptions | undefined) => APIPromise<Page>;

/**
 * The first page of a paged list, awaitable like any call; iterable over every item of every page.
 * The paginator owns its parameters (offset and limit, or the cursor): a value the caller gives, in
 * the query or in `extraQuery`, is where paging starts; later pages send the paginator's own values.
 */
export class PagePromise<Page, Item> extends APIPromise<Page> implements AsyncIterable<Item> {
  readonly #fetchPage: FetchPage<Page>;
  readonly #query: Query | undefined;
  readonly #options: RequestOptions | undefined;
  readonly #paging: Paging;
  readonly #maxPages: number;

  constructor(
    fetchPage: FetchPage<Page>,
    query: object | undefined,
    paging: Paging,
    maxPages = MAX_PAGES,
    options?: RequestOptions,
  ) {
    // The first page is the call as the caller made it; `start` is what later pages build on.
    super(fetchPage(query as Query | undefined, options).withResponse());
    const start = startOf(query as Query | undefined, options, paging);
    this.#fetchPage = fetchPage;
    this.#query = start.query;
    this.#options = start.options;
    this.#paging = paging;
    this.#maxPages = maxPages;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    const paging = this.#paging;
    let page: Page = await this;
    let query: Query = { ...this.#query };
    let offset = Number(query[paging.type === 'offsetLimit' ? paging.offset : ''] ?? 0) || 0;
    const seenCursors = new Set<string>();
    for (let pages = 1; ; pages++) {
      const items = itemsOf(page, paging.results);
      yield* items as Item[];
      if (items.length === 0 || saysDone(page)) return;
      if (paging.type === 'cursor') {
        const next = (page as Record<string, unknown> | null)?.[paging.nextCursor];
        if (typeof next !== 'string' || next === '') return;
        // A cursor seen before would read the same pages again, for ever.
        if (seenCursors.has(next)) {
          throw new OpenRouterError(`The API sent the cursor ${JSON.stringify(next)} twice; stopped paging.`);
        }
        seenCursors.add(next);
        query = { ...query, [paging.cursor]: next };
      } else {
        offset += items.length;
        const total = (page as Record<string, unknown> | null)?.total_count;
        if (typeof total === 'number' && offset >= total) return;
        // A page shorter than the `limit` asked for is not the end: the server may cap the page size
        // below it. Without a total, only an empty page says the list is over.
        query = { ...query, [paging.offset]: offset };
      }
      if (pages >= this.#maxPages) {
        throw new OpenRouterError(
          `Stopped after ${this.#maxPages} pages: the API kept sending more. Page through it by hand (offset, cursor) if the list really is that long.`,
        );
      }
      page = await this.#fetchPage(query, this.#options);
    }
  }
}

/**
 * The query that later pages build on, and their options: paging parameters in `extraQuery` move
 * to the query (`extraQuery` is merged over the query on every request, so there it would send the
 * starting offset or cursor again with each page, and the list would repeat its first page).
 */
function startOf(
  query: Query | undefined,
  options: RequestOptions | undefined,
  paging: Paging,
): { query: Query | undefined; options: RequestOptions | undefined } {
  const extra = options?.extraQuery;
  const names = paging.type === 'cursor' ? [paging.cursor] : [paging.offset, paging.limit];
  if (extra === undefined || extra === null || !names.some((name) => Object.hasOwn(extra, name))) {
    return { query, options };
  }
  const start: Query = { ...query };
  const rest = { ...extra };
  for (const name of names) {
    if (!Object.hasOwn(rest, name)) continue;
    if (rest[name] !== undefined) start[name] = rest[name];
    delete rest[name];
  }
  return { query: start, options: { ...options, extraQuery: rest } };
}

/** `has_more: false` ends a list whatever else it says. */
function saysDone(page: unknown): boolean {
  return (page as { has_more?: unknown } | null)?.has_more === false;
}

function itemsOf(page: unknown, key: string): unknown[] {
  const items = (page as Record<string, unknown> | null)?.[key];
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) {
    throw new OpenRouterError(`A page of this list must have an array \`${key}\`, got ${typeof items}.`);
  }
  return items;
}
