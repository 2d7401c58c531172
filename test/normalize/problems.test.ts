import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checks, type Doc, names, overlay, type Problem, pipeline, problemsModule, withOperation } from './support';

// The normalizer collects every problem that needs a decision and carries on, so that one run lists
// them all, each with where it was found and the file to edit.
const { Problems, renderProblems } = await problemsModule();
const { setOperationIds, hoistRequestBodies } = await names();
const { applyOverlay } = await overlay();
const { checkDocument } = await checks();
const { normalize } = await pipeline();

describe('steps with a collector', () => {
  it('setOperationIds names every operation without an id, and still sets the others', () => {
    const doc: Doc = {
      paths: { '/a': { get: { operationId: 'a-get' }, post: {} }, '/b': { get: {} } },
    };
    const problems = new Problems();
    setOperationIds(doc, { 'GET /b': 'getB' }, 'page P', problems);
    expect(doc.paths['/b'].get.operationId).toBe('getB');
    expect(problems.list).toEqual([
      {
        what: 'operation "GET /a" has no operationId in openapi/names.yaml (operationIds) (the source calls it "a-get")',
        where: 'page P',
        file: 'openapi/names.yaml',
        subject: 'operationId of GET /a',
      },
      {
        what: 'operation "POST /a" has no operationId in openapi/names.yaml (operationIds)',
        where: 'page P',
        file: 'openapi/names.yaml',
        subject: 'operationId of POST /a',
      },
    ]);
  });

  it('a problem about the same thing is listed once (checkDocument does not repeat a missing operationId)', () => {
    const doc: Doc = { openapi: '3.1.0', paths: { '/a': { get: { responses: {} } } }, components: { schemas: {} } };
    const problems = new Problems();
    setOperationIds(doc, {}, 'page P', problems);
    checkDocument(doc, problems);
    expect(problems.list.map((p: Problem) => p.what)).toEqual([
      'operation "GET /a" has no operationId in openapi/names.yaml (operationIds)',
    ]);
  });

  it('hoistRequestBodies leaves an unnamed body inline and goes on to the next operation', () => {
    const body = (name: string) => ({
      requestBody: { content: { 'application/json': { schema: { type: 'object', title: name } } } },
    });
    const doc: Doc = { paths: { '/x': { post: body('x') }, '/y': { post: body('y') } } };
    const problems = new Problems();
    hoistRequestBodies(doc, { 'POST /y': 'YRequest' }, 'page Q', problems);
    expect(problems.list.map((p: Problem) => p.what)).toEqual([
      'the inline request body of "POST /x" needs a name in openapi/names.yaml (requestBodies)',
    ]);
    expect(doc.paths['/y'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/YRequest',
    });
  });

  it('applyOverlay skips the actions it cannot apply, applies the others, and names the overlay file', () => {
    const doc: Doc = withOperation({ responses: {} });
    doc.components = { schemas: { A: { type: 'object' } } };
    const problems = new Problems();
    const counts = applyOverlay(
      doc,
      {
        overlay: '1.0.0',
        actions: [
          { target: '$.components.schemas.Gone', description: 'stale', update: { x: 1 } },
          { target: '$.components.schemas.A', update: { description: 'no why' } },
          { target: '$.components.schemas.A', description: 'why', update: { description: 'A' } },
        ],
      },
      'overlays/50-x.yaml',
      problems,
    );
    expect(counts).toEqual([0, 0, 1]);
    expect(doc.components.schemas.A.description).toBe('A');
    expect(problems.list.map((p: Problem) => [p.where, p.file])).toEqual([
      ['overlays/50-x.yaml action 1 ($.components.schemas.Gone)', 'openapi/overlays/50-x.yaml'],
      ['overlays/50-x.yaml action 2 ($.components.schemas.A)', 'openapi/overlays/50-x.yaml'],
    ]);
  });

  it('checkDocument gives each failure the file to edit', () => {
    const doc: Doc = {
      openapi: '3.1.0',
      paths: { '/a': { get: { operationId: 'getA', responses: { '404': { description: 'x' } } } } },
      components: { schemas: { Error: { $ref: '#/components/schemas/Nowhere' } } },
    };
    const problems = new Problems();
    checkDocument(doc, problems);
    expect(problems.list.map((p: Problem) => [p.what, p.file])).toEqual([
      ['a schema is named Error (it shadows the global in TypeScript)', 'openapi/names.yaml'],
      [
        '$ref #/components/schemas/Nowhere resolves to nothing',
        'openapi/overlays/ (the action that brought it in, or a new one)',
      ],
      ['error response without a body schema', 'openapi/overlays/40-error-responses.yaml'],
    ]);
  });
});

describe('renderProblems', () => {
  it('is one message: the count, then the problems grouped by the file to edit', () => {
    expect(
      renderProblems([
        { what: 'w1', where: 'p1', file: 'openapi/overlays/10-a.yaml' },
        { what: 'w2', where: 'p2', file: 'openapi/names.yaml' },
        { what: 'w3', where: 'p3', file: 'openapi/overlays/10-a.yaml' },
      ]),
    ).toBe(
      [
        '3 problems need a decision:',
        '',
        'edit openapi/names.yaml:',
        '  - p2: w2',
        '',
        'edit openapi/overlays/10-a.yaml:',
        '  - p1: w1',
        '  - p3: w3',
      ].join('\n'),
    );
  });
});

describe('normalize: every problem of the real inputs in one error', () => {
  it('lists a stale publishedSchemas entry and a stale overlay target together; an absent operation keeps its names', () => {
    const root = mkdtempSync(join(tmpdir(), 'normalize-problems-'));
    try {
      cpSync(fileURLToPath(new URL('../../openapi/', import.meta.url)), join(root, 'openapi'), { recursive: true });
      const namesFile = join(root, 'openapi/names.yaml');
      writeFileSync(
        namesFile,
        readFileSync(namesFile, 'utf8')
          .replace(/^publishedSchemas:\n/m, 'publishedSchemas:\n  NoSuchPublishedSchema: Whatever\n')
          .replace(/^operationIds:\n/m, 'operationIds:\n  GET /no/such/operation: getNothing\n'),
      );
      writeFileSync(
        join(root, 'openapi/overlays/99-stale.yaml'),
        'overlay: 1.0.0\ninfo: { title: t, version: 1.0.0 }\nactions:\n  - target: $.components.schemas.NoSuchSchema\n    description: stale\n    update: { description: x }\n',
      );
      let thrown: { problems?: Problem[]; message: string } | undefined;
      try {
        normalize(join(root, 'openapi'));
      } catch (error) {
        thrown = error as { problems?: Problem[]; message: string };
      }
      expect(thrown?.problems?.map((p) => [p.file, p.what.split(' (')[0]])).toEqual([
        [
          'openapi/names.yaml',
          'names.yaml publishedSchemas "NoSuchPublishedSchema" matches no schema of the published description',
        ],
        ['openapi/overlays/99-stale.yaml', 'the target matches nothing in the document'],
      ]);
      expect(thrown?.message).toMatch(/^2 problems need a decision:\n\nedit openapi\/names.yaml:\n/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
