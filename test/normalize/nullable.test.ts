import { describe, expect, it } from 'vitest';
import { nullable, schemas, withOperation } from './support';

const { convertNullable, makeNullable } = await nullable();

const property = (schema: object) => schemas({ A: { type: 'object', properties: { p: schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('convertNullable', () => {
  it('writes `nullable: true` on a typed schema as `type: [T, null]`', () => {
    const doc = property({ type: 'string', format: 'date-time', nullable: true, description: 'when' });
    expect(convertNullable(doc)).toEqual(
      property({ type: ['string', 'null'], format: 'date-time', description: 'when' }),
    );
  });

  it('adds null to the values of a nullable enum', () => {
    const doc = property({ type: 'string', enum: ['a', 'b'], nullable: true });
    expect(convertNullable(doc)).toEqual(property({ type: ['string', 'null'], enum: ['a', 'b', null] }));
  });

  it('turns `allOf: [$ref, { nullable: true }]` (page 002, tokenizer and quantization) into `anyOf: [$ref, null]`', () => {
    const doc = property({ description: 'Tokenizer', allOf: [ref('ModelGroup'), { nullable: true }] });
    expect(convertNullable(doc)).toEqual(
      property({ description: 'Tokenizer', anyOf: [ref('ModelGroup'), { type: 'null' }] }),
    );
  });

  it('keeps the other allOf parts together when a marker stands beside several', () => {
    const doc = property({ allOf: [ref('A'), ref('B'), { nullable: true, description: 'may be null' }] });
    expect(convertNullable(doc)).toEqual(property({ anyOf: [{ allOf: [ref('A'), ref('B')] }, { type: 'null' }] }));
  });

  it('turns a nullable `$ref` into `anyOf: [$ref, null]`', () => {
    const doc = property({ $ref: '#/components/schemas/X', nullable: true });
    expect(convertNullable(doc)).toEqual(property({ anyOf: [ref('X'), { type: 'null' }] }));
  });

  it('adds a null branch to a nullable union, once', () => {
    const doc = schemas({
      A: { anyOf: [{ type: 'string' }, { type: 'number' }], nullable: true },
      B: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }], nullable: true },
    });
    expect(convertNullable(doc)).toEqual(
      schemas({
        A: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] },
        B: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] },
      }),
    );
  });

  it('rewrites `oneOf: [X, { type: null }]` as anyOf (X may admit null too)', () => {
    const doc = property({ oneOf: [{ type: ['string', 'null'] }, { type: 'null' }] });
    expect(convertNullable(doc)).toEqual(property({ anyOf: [{ type: ['string', 'null'] }, { type: 'null' }] }));
  });

  it('drops `nullable` from an untyped schema (any value already) and `nullable: false` everywhere', () => {
    const doc = schemas({
      A: { description: 'anything', nullable: true },
      B: { type: 'string', nullable: false },
    });
    expect(convertNullable(doc)).toEqual(schemas({ A: { description: 'anything' }, B: { type: 'string' } }));
  });

  it('converts nested schemas and the schemas of operations', () => {
    const doc = {
      ...schemas({
        A: { type: 'array', items: { type: 'object', additionalProperties: { type: 'number', nullable: true } } },
      }),
      ...withOperation({
        parameters: [{ name: 'q', in: 'query', schema: { type: 'string', nullable: true } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'integer', nullable: true } } },
          },
        },
      }),
    };
    const fixed = convertNullable(doc);
    expect(fixed.components.schemas.A.items.additionalProperties).toEqual({ type: ['number', 'null'] });
    expect(fixed.paths['/things'].get.parameters[0].schema).toEqual({ type: ['string', 'null'] });
    expect(fixed.paths['/things'].get.responses['200'].content['application/json'].schema).toEqual({
      type: ['integer', 'null'],
    });
    expect(JSON.stringify(fixed)).not.toContain('nullable');
  });
});

describe('makeNullable', () => {
  it('does not add null twice', () => {
    expect(makeNullable({ type: ['string', 'null'], enum: ['a', null] })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(makeNullable({ anyOf: [ref('X'), { type: 'null' }] })).toEqual({ anyOf: [ref('X'), { type: 'null' }] });
  });
});
