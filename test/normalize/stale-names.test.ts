import { describe, expect, it } from 'vitest';

// The removed-operation policy (CONTRIBUTING.md): names.yaml entries of an operation no source has
// any more are kept and returned, not problems; a stale schema name is still a problem.
const { findStaleNames } = (await import(
  /* @vite-ignore */ new URL('../../scripts/normalize/stale-names.mjs', import.meta.url).href
)) as {
  findStaleNames(
    names: object,
    published: object,
    sources: object[],
    problems: { add(problem: { what: string }): void },
  ): { section: string; operation: string }[];
};

describe('findStaleNames', () => {
  it('keeps the names of an absent operation (returned, sorted) and reports a stale schema name', () => {
    const problems: { what: string }[] = [];
    const published = { paths: { '/a': { get: {} } }, components: { schemas: { S: {} } } };
    const page = { fragments: [{ document: { paths: { '/b': { post: {} } } } }] };
    const kept = findStaleNames(
      {
        publishedSchemas: { S: 'S', Gone: 'G' },
        operationIds: { 'GET /a': 'getA', 'POST /b': 'postB', 'DELETE /z': 'deleteZ', 'GET /y': 'getY' },
        requestBodies: { 'DELETE /z': 'ZRequest' },
      },
      published,
      [page],
      { add: (problem) => problems.push(problem) },
    );
    expect(kept).toEqual([
      { section: 'operationIds', operation: 'DELETE /z' },
      { section: 'requestBodies', operation: 'DELETE /z' },
      { section: 'operationIds', operation: 'GET /y' },
    ]);
    expect(problems.map((problem) => problem.what.split(' (')[0])).toEqual([
      'names.yaml publishedSchemas "Gone" matches no schema of the published description',
    ]);
  });
});
