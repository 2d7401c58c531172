import { describe, expect, it } from 'vitest';
import { type Doc, overlay, schemas } from './support';

const { applyOverlay } = await overlay();

const overlayOf = (...actions: Doc[]) => ({ overlay: '1.0.0', info: { title: 't', version: '1.0.0' }, actions });

function sample(): Doc {
  return schemas({
    A: {
      type: 'object',
      description: 'old',
      required: ['a', 'b', 'c'],
      properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'boolean' } },
    },
    B: { type: 'string', enum: ['x', 'y'] },
  });
}

describe('applyOverlay: update', () => {
  it('merges an update into the target object, recursively; arrays and other values are replaced', () => {
    const doc = sample();
    const counts = applyOverlay(
      doc,
      overlayOf({
        target: '$.components.schemas.A',
        description: 'the live API',
        update: { description: 'new', required: ['a'], properties: { a: { format: 'uri' }, d: { type: 'number' } } },
      }),
    );
    expect(counts).toEqual([1]);
    expect(doc.components.schemas.A).toEqual({
      type: 'object',
      description: 'new',
      required: ['a'],
      properties: {
        a: { type: 'string', format: 'uri' },
        b: { type: 'integer' },
        c: { type: 'boolean' },
        d: { type: 'number' },
      },
    });
  });

  it('updates every node the target matches, each with its own copy of the update', () => {
    const doc = sample();
    const counts = applyOverlay(
      doc,
      overlayOf({
        target: "$.components.schemas[?(@property === 'A' || @property === 'B')]",
        description: 'both grow',
        update: { 'x-open-enum': true, externalDocs: { url: 'https://example.com' } },
      }),
    );
    expect(counts).toEqual([2]);
    const { A, B } = doc.components.schemas;
    expect(A['x-open-enum']).toBe(true);
    expect(B).toEqual({
      type: 'string',
      enum: ['x', 'y'],
      'x-open-enum': true,
      externalDocs: { url: 'https://example.com' },
    });
    expect(A.externalDocs).toEqual(B.externalDocs);
    expect(A.externalDocs).not.toBe(B.externalDocs);
  });

  it('appends to a target array: one value, or each value of an array', () => {
    const doc = sample();
    applyOverlay(
      doc,
      overlayOf(
        { target: '$.components.schemas.B.enum', description: 'one more', update: 'z' },
        { target: '$.components.schemas.A.required', description: 'two more', update: ['d', 'e'] },
      ),
    );
    expect(doc.components.schemas.B.enum).toEqual(['x', 'y', 'z']);
    expect(doc.components.schemas.A.required).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('applies the actions in order, each seeing what the earlier ones did', () => {
    const doc = sample();
    const counts = applyOverlay(
      doc,
      overlayOf(
        { target: '$.components.schemas', description: 'add C', update: { C: { type: 'object' } } },
        { target: '$.components.schemas.C', description: 'describe C', update: { description: 'C' } },
      ),
    );
    expect(counts).toEqual([1, 1]);
    expect(doc.components.schemas.C).toEqual({ type: 'object', description: 'C' });
  });

  it('refuses to update a value that is neither an object nor an array', () => {
    const doc = sample();
    expect(() =>
      applyOverlay(
        doc,
        overlayOf({ target: '$.components.schemas.B.type', description: 'd', update: { x: 1 } }),
        'overlays/10-x.yaml',
      ),
    ).toThrow(
      'overlays/10-x.yaml action 1 ($.components.schemas.B.type): can only update an object or an array, found "string"',
    );
  });
});

describe('applyOverlay: remove', () => {
  it('removes the target from its object', () => {
    const doc = sample();
    expect(
      applyOverlay(
        doc,
        overlayOf({ target: '$.components.schemas.A.properties.b', description: 'gone', remove: true }),
      ),
    ).toEqual([1]);
    expect(Object.keys(doc.components.schemas.A.properties)).toEqual(['a', 'c']);
  });

  it('removes array elements selected by a filter, whatever their positions', () => {
    const doc = sample();
    const counts = applyOverlay(
      doc,
      overlayOf({
        target: "$.components.schemas.A.required[?(@ === 'a' || @ === 'c')]",
        description: 'optional in the live API',
        remove: true,
      }),
    );
    expect(counts).toEqual([2]);
    expect(doc.components.schemas.A.required).toEqual(['b']);
  });
});

describe('applyOverlay: refusals (stricter than the Overlay spec)', () => {
  it('refuses an action whose target matches nothing, naming the file, the action and the target', () => {
    const doc = sample();
    const stale = overlayOf(
      { target: '$.components.schemas.A', description: 'fine', update: { title: 'A' } },
      { target: '$.components.schemas.Gone', description: 'stale', update: { title: 'G' } },
    );
    expect(() => applyOverlay(doc, stale, 'overlays/20-y.yaml')).toThrow(
      'overlays/20-y.yaml action 2 ($.components.schemas.Gone): the target matches nothing in the document',
    );
  });

  it('refuses a filter that matches nothing', () => {
    const overlay = overlayOf({
      target: "$.components.schemas.A.required[?(@ === 'zzz')]",
      description: 'd',
      remove: true,
    });
    expect(() => applyOverlay(sample(), overlay, 'o.yaml')).toThrow(
      "o.yaml action 1 ($.components.schemas.A.required[?(@ === 'zzz')]): the target matches nothing in the document",
    );
  });

  it.each([
    ['missing', {}],
    ['empty', { description: '   ' }],
  ])('refuses an action whose description is %s', (_, description) => {
    const overlay = overlayOf({ target: '$.components.schemas.A', update: { title: 'A' }, ...description });
    expect(() => applyOverlay(sample(), overlay, 'overlays/30-z.yaml')).toThrow(
      'overlays/30-z.yaml action 1 ($.components.schemas.A): has no description saying why',
    );
  });

  it('refuses an action without target, or with neither update nor remove', () => {
    expect(() => applyOverlay(sample(), overlayOf({ description: 'd', update: {} }), 'f')).toThrow(
      'f action 1 (undefined): has no target',
    );
    expect(() =>
      applyOverlay(sample(), overlayOf({ target: '$.components', description: 'd', remove: false }), 'f'),
    ).toThrow('f action 1 ($.components): has neither update nor remove');
  });

  it.each([
    ['an OpenAPI document', { openapi: '3.1.0', actions: [] }],
    ['an Overlay 2 document', { overlay: '2.0.0', actions: [] }],
    ['nothing', null],
  ])('refuses %s', (_, notOverlay) => {
    expect(() => applyOverlay(sample(), notOverlay, 'overlays/40-w.yaml')).toThrow(
      'overlays/40-w.yaml: not an Overlay 1.x document (missing "overlay: 1.0.0")',
    );
  });

  it('refuses an overlay without actions', () => {
    expect(() => applyOverlay(sample(), overlayOf(), 'e.yaml')).toThrow('e.yaml: has no actions');
  });

  it('names the file "overlay" when not told', () => {
    expect(() => applyOverlay(sample(), {})).toThrow('overlay: not an Overlay 1.x document');
  });
});
