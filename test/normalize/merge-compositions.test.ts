import { describe, expect, it } from 'vitest';
import { schemas } from './support';
import { composingMerge } from './support-steps';

const { Merger } = await composingMerge();

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The published description's extension: an event that is its base event plus fields. */
const extension = () => ({
  allOf: [ref('BaseEvent'), { type: 'object', properties: { delta: { type: 'string' } } }],
});

describe('Merger.add with `restatements: false`', () => {
  it('keeps `allOf: [$ref, {...}]` as it is, and leaves the referenced component unchanged', () => {
    const merger = new Merger();
    merger.add(schemas({ BaseEvent: { type: 'object' }, DeltaEvent: extension() }), 'published', {
      restatements: false,
    });
    expect(merger.doc.components.schemas).toEqual({ BaseEvent: { type: 'object' }, DeltaEvent: extension() });
    expect(merger.conflicts).toEqual([]);
  });

  it('applies only to that call: a later page is simplified as before', () => {
    const merger = new Merger();
    merger.add(schemas({ BaseEvent: { type: 'object' } }), 'published', { restatements: false });
    merger.add(schemas({ DeltaEvent: extension() }), 'page');
    expect(merger.doc.components.schemas).toEqual({
      BaseEvent: { type: 'object', properties: { delta: { type: 'string' } } },
      DeltaEvent: ref('BaseEvent'),
    });
  });
});

describe('Merger.mergeIntoComposition (a composed schema met by a plain one)', () => {
  it('adds the properties the plain one gives, merging those both have, beside the composition', () => {
    const merger = new Merger();
    const merged = merger.mergeSchema(
      { allOf: [ref('BaseEvent')], properties: { delta: { type: 'string' } } },
      { properties: { delta: { type: 'string', description: 'the text' }, index: { type: 'integer' } } },
      'components.schemas.DeltaEvent',
    );
    expect(merged).toEqual({
      allOf: [ref('BaseEvent')],
      properties: { delta: { type: 'string', description: 'the text' }, index: { type: 'integer' } },
    });
    expect(merger.conflicts).toEqual([]);
  });

  it('admits a type one of the branches already has, and null', () => {
    const merger = new Merger();
    const union = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
    expect(merger.mergeSchema(structuredClone(union), { type: 'string' }, 'stop')).toEqual(union);
    expect(merger.mergeSchema(structuredClone(union), { type: ['string', 'null'] }, 'stop')).toEqual(union);
    expect(merger.conflicts).toEqual([]);
  });

  it('records a type the composition does not have as a conflict, and keeps the composition', () => {
    const merger = new Merger();
    merger.page = 'page-2';
    const union = { oneOf: [{ type: 'string' }, { type: 'number' }] };
    expect(merger.mergeSchema(structuredClone(union), { type: 'object' }, 'components.schemas.Price')).toEqual(union);
    expect(merger.conflicts).toEqual([
      {
        at: 'components.schemas.Price.type',
        kept: union.oneOf,
        dropped: 'object',
        keptFrom: 'an earlier page',
        droppedFrom: 'page-2',
      },
    ]);
  });

  it('takes a type as said by a referenced schema when called on a `$ref`', () => {
    const merger = new Merger();
    expect(merger.mergeIntoComposition(ref('Price'), { type: 'object' }, 'x')).toEqual(ref('Price'));
    expect(merger.conflicts).toEqual([]);
  });

  it('keeps the composition’s annotations and adds the ones it lacks, without a conflict', () => {
    const merger = new Merger();
    const merged = merger.mergeSchema(
      { description: 'published wording', anyOf: [{ type: 'string' }, { type: 'null' }] },
      { type: 'string', description: 'page wording', title: 'Stop', deprecated: true },
      'stop',
    );
    expect(merged).toEqual({
      description: 'published wording',
      anyOf: [{ type: 'string' }, { type: 'null' }],
      title: 'Stop',
      deprecated: true,
    });
    expect(merger.conflicts).toEqual([]);
  });

  it('records any other keyword the plain one states differently', () => {
    const merger = new Merger();
    merger.mergeSchema({ anyOf: [{ type: 'string' }], minLength: 1 }, { minLength: 2 }, 'label');
    expect(merger.conflicts.map(({ at, kept, dropped }) => ({ at, kept, dropped }))).toEqual([
      { at: 'label.minLength', kept: 1, dropped: 2 },
    ]);
  });
});
