import { describe, expect, it } from 'vitest';
import { overlappingUnions, schemas } from './support';

const { dedupeUnionBranches } = await overlappingUnions();

describe('dedupeUnionBranches', () => {
  it('drops the repeated branch of `oneOf: [number, string, number]` (BigNumberUnion)', () => {
    const doc = schemas({
      BigNumberUnion: {
        oneOf: [{ type: 'number', format: 'double' }, { type: 'string' }, { type: 'number', format: 'double' }],
      },
    });
    expect(dedupeUnionBranches(doc)).toEqual(
      schemas({ BigNumberUnion: { oneOf: [{ type: 'number', format: 'double' }, { type: 'string' }] } }),
    );
  });

  it('dedupes anyOf too, comparing branches deeply', () => {
    const doc = schemas({
      A: {
        anyOf: [
          { type: 'object', properties: { a: { type: 'string' } } },
          { type: 'object', properties: { a: { type: 'number' } } },
          { type: 'object', properties: { a: { type: 'string' } } },
        ],
      },
    });
    expect(dedupeUnionBranches(doc).components.schemas.A.anyOf).toEqual([
      { type: 'object', properties: { a: { type: 'string' } } },
      { type: 'object', properties: { a: { type: 'number' } } },
    ]);
  });

  it('replaces a union left with one branch by that branch', () => {
    const doc = schemas({ A: { oneOf: [{ type: 'string' }, { type: 'string' }] } });
    expect(dedupeUnionBranches(doc)).toEqual(schemas({ A: { type: 'string' } }));
  });

  it('keeps a one-branch union that stands beside other keywords', () => {
    const doc = schemas({ A: { description: 'd', oneOf: [{ type: 'string' }, { type: 'string' }] } });
    expect(dedupeUnionBranches(doc)).toEqual(schemas({ A: { description: 'd', oneOf: [{ type: 'string' }] } }));
  });

  it('dedupes nested unions', () => {
    const doc = schemas({
      A: {
        type: 'object',
        properties: { price: { oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'number' }] } },
      },
    });
    expect(dedupeUnionBranches(doc).components.schemas.A.properties.price).toEqual({
      oneOf: [{ type: 'number' }, { type: 'string' }],
    });
  });

  it('leaves unions without repeats alone', () => {
    const doc = schemas({ A: { oneOf: [{ type: 'number' }, { type: 'string' }] } });
    expect(dedupeUnionBranches(structuredClone(doc))).toEqual(doc);
  });
});
