// Issue 19, item 3: the paginator owns its parameters. A starting offset, limit or cursor given in
// the query object or in `extraQuery` is where paging starts, never re-applied on every page (an
// `extraQuery` offset used to override the paginator's, repeating one page up to the 1,000-page
// guard). Checked for every paged operation of the description, and every operation whose
// description has query parameters takes them (models.listForUser took none).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { readOperations } from '../../scripts/generate/operations.mjs';
import type { OpenRouter } from '../../src';
import { clearClientEnv, clientWith } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const root = new URL('../../', import.meta.url);
const specPath = new URL('openapi/openapi.yaml', root).pathname;
const operations = readOperations(specPath, new URL('openapi/methods.yaml', root).pathname);
const paged = operations.filter((op) => op.paging !== undefined && op.handWritten === undefined);

type AnyMethod = (...args: unknown[]) => AsyncIterable<unknown>;
function methodOf(client: OpenRouter, name: string): AnyMethod {
  const parts = name.split('.');
  let owner: Record<string, unknown> = client as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) owner = owner[part] as Record<string, unknown>;
  const method = owner[parts.at(-1) as string] as AnyMethod;
  return method.bind(owner);
}
/** The leading arguments (path parameters, positional query parameters) of an operation. */
function leadingArgs(op: (typeof operations)[number]): unknown[] {
  return [
    ...op.pathArgs.map((arg) => (arg.kind === 'model' ? 'openai/gpt-4o' : 'x1')),
    ...op.positional.map(() => 'p1'),
  ];
}
async function collect(iterable: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
const param = (request: Request, name: string) => new URL(request.url).searchParams.get(name);

describe('every paged operation starts where the caller says, and moves on from there', () => {
  it('there are paged operations of both kinds', () => {
    expect(paged.some((op) => op.paging?.type === 'offsetLimit')).toBe(true);
    expect(paged.some((op) => op.paging?.type === 'cursor')).toBe(true);
  });

  for (const op of paged) {
    const paging = op.paging as NonNullable<typeof op.paging>;
    for (const where of ['query', 'extraQuery'] as const) {
      it(`${op.name}: a starting ${paging.type === 'cursor' ? 'cursor' : 'offset'} in ${where}`, async () => {
        const results = paging.results;
        const steps =
          paging.type === 'cursor'
            ? [
                json({ [results]: [{ id: 'a' }], [paging.nextCursor]: 'c2' }),
                json({ [results]: [{ id: 'b' }], [paging.nextCursor]: 'c3' }),
                json({ [results]: [{ id: 'c' }] }),
              ]
            : [
                json({ [results]: [{ id: 'a' }, { id: 'b' }] }),
                json({ [results]: [{ id: 'c' }] }),
                json({ [results]: [] }),
              ];
        const { client, requests } = clientWith({}, ...steps);
        const start = paging.type === 'cursor' ? { [paging.cursor]: 'c1' } : { [paging.offset]: 5, [paging.limit]: 2 };
        const args = leadingArgs(op);
        const call =
          where === 'query'
            ? methodOf(client, op.name)(...args, start)
            : methodOf(client, op.name)(...args, ...(op.query ? [undefined] : []), { extraQuery: start });
        const items = await collect(call);
        expect(items).toHaveLength(3);
        if (paging.type === 'cursor') {
          expect(requests.map((request) => param(request, paging.cursor))).toEqual(['c1', 'c2', 'c3']);
        } else {
          expect(requests.map((request) => param(request, paging.offset))).toEqual(['5', '7', '8']);
          expect(requests.map((request) => param(request, paging.limit))).toEqual(['2', '2', '2']);
        }
      });
    }
  }
});

describe('query parameters', () => {
  const spec = parse(readFileSync(specPath, 'utf8'));
  const generated = readFileSync(new URL('generated/resources.gen.ts', root), 'utf8');
  const withQuery = operations.filter((op) => {
    const item = spec.paths[op.path];
    const parameters = [...(item.parameters ?? []), ...(item[op.method.toLowerCase()].parameters ?? [])];
    return parameters.some(
      (p: { in?: string; name?: string }) => p.in === 'query' && !op.positional.includes(p.name ?? ''),
    );
  });

  it.each(withQuery.filter((op) => op.handWritten === undefined).map((op) => [op.name, op] as const))(
    '%s takes the query parameters of its description',
    (_name, op) => {
      expect(op.query, `${op.name} has query parameters in the description`).toBeDefined();
      const line = generated
        .split('\n')
        .find(
          (text) =>
            text.includes(`${op.methodName}(`) &&
            text.includes(`T.${op.operationId[0]?.toUpperCase()}${op.operationId.slice(1)}Data['query']`),
        );
      expect(line, `the generated ${op.name} takes a query object`).toBeDefined();
    },
  );

  it('models.listForUser sends offset and limit', async () => {
    const { client, requests } = clientWith({}, json({ data: [] }));
    await client.models.listForUser({ offset: 3, limit: 10 });
    expect(new URL(requests[0]?.url ?? '').search).toBe('?offset=3&limit=10');
  });
});
