import { describe, expect, it } from 'vitest';
import { FieldCoverage, formatFindings } from '../support/field-coverage';
import { SpecValidator } from '../support/spec-validator';

// The field-coverage walker (test/support/field-coverage.ts) on small synthetic documents: it
// finds a field the schema names, reports one it does not (also inside an open object, an
// allOf, the chosen branch of a discriminated oneOf, array items), accepts nullable values,
// reports a wrong JSON type and a value outside a closed enum, and accepts a new value of an
// open enum. Without this, the realdata coverage test could pass by walking nothing.

const schemas = {
  Pet: {
    type: 'object',
    properties: { name: { type: 'string' }, age: { type: ['integer', 'null'] } },
    additionalProperties: false,
  },
  Open: { type: 'object', properties: { known: { type: 'string' } }, additionalProperties: true },
  Merged: {
    allOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'object', properties: { owner: { type: 'string' } } }],
  },
  Cat: {
    type: 'object',
    properties: { type: { const: 'cat' }, meows: { type: 'boolean' } },
    required: ['type'],
    additionalProperties: false,
  },
  Dog: {
    type: 'object',
    properties: { type: { const: 'dog' }, barks: { type: 'boolean' } },
    required: ['type'],
    additionalProperties: false,
  },
  Animal: {
    oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
    discriminator: { propertyName: 'type' },
  },
  Pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
  Pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] },
  Color: { type: 'string', enum: ['red', 'green'] },
  OpenColor: { anyOf: [{ $ref: '#/components/schemas/Color' }, { type: 'string' }] },
  NullablePet: { anyOf: [{ $ref: '#/components/schemas/Pet' }, { type: 'null' }] },
  Headers: { type: 'object', additionalProperties: { type: 'string' } },
  Bag: { type: 'object', properties: { list: { type: 'array' } } },
  Both: { allOf: [{ type: ['object', 'null'] }, { type: 'object' }] },
};
const spec = { openapi: '3.1.0', paths: {}, components: { schemas } };

function walk(name: keyof typeof schemas, value: unknown) {
  const coverage = new FieldCoverage(spec, new SpecValidator(spec));
  coverage.walk(`/components/schemas/${name}`, value, 'sample.json');
  return coverage.report;
}

describe('field coverage walker', () => {
  it('counts fields the schema names, and lists none', () => {
    const report = walk('Pet', { name: 'Rex', age: 3 });
    expect(report).toEqual({ seen: 2, described: 2, undescribed: [], mismatches: [] });
  });

  it('lists a field the schema does not name, with its schema and pointer', () => {
    const report = walk('Pet', { name: 'Rex', color: 'brown' });
    expect(report.undescribed).toEqual([
      { schemaPath: '/components/schemas/Pet', label: 'sample.json', pointer: '/color', detail: 'color' },
    ]);
    expect([report.seen, report.described]).toEqual([2, 1]);
  });

  it('does not count a field admitted only by an open object as described', () => {
    const report = walk('Open', { known: 'a', extra: { deep: 1 } });
    expect(report.undescribed.map((f) => f.pointer)).toEqual(['/extra']);
    expect([report.seen, report.described]).toEqual([3, 1]);
  });

  it('merges allOf: fields of every part are described', () => {
    const report = walk('Merged', { name: 'Rex', owner: 'Ann', chip: 'x' });
    expect(report.undescribed.map((f) => f.detail)).toEqual(['chip']);
    expect(report.described).toBe(2);
  });

  it('takes the oneOf branch the value validates against', () => {
    expect(walk('Animal', { type: 'dog', barks: true }).undescribed).toEqual([]);
    // `meows` belongs to the other branch: not described for a dog.
    const report = walk('Animal', { type: 'dog', meows: true });
    expect(report.undescribed.map((f) => [f.schemaPath, f.detail])).toEqual([['/components/schemas/Dog', 'meows']]);
  });

  it('accepts null where the type is nullable, and reports a wrong type', () => {
    expect(walk('Pet', { name: 'Rex', age: null }).mismatches).toEqual([]);
    const report = walk('Pet', { name: 'Rex', age: '3' });
    expect(report.mismatches).toHaveLength(1);
    expect(report.mismatches[0]).toMatchObject({
      pointer: '/age',
      schemaPath: '/components/schemas/Pet/properties/age',
    });
    expect(report.mismatches[0]?.detail).toBe('got string "3"; admits integer/null');
    expect(walk('NullablePet', null).mismatches).toEqual([]);
    expect(walk('NullablePet', { name: 'Rex', tag: 1 }).undescribed.map((f) => f.detail)).toEqual(['tag']);
  });

  it('admits only what every part of an allOf admits', () => {
    expect(walk('Both', null).mismatches.map((f) => f.detail)).toEqual(['got null; admits object']);
    expect(walk('Both', {}).mismatches).toEqual([]);
  });

  it('walks array items and prefixItems', () => {
    const report = walk('Pets', [{ name: 'a' }, { name: 'b', wings: 2 }]);
    expect(report.undescribed.map((f) => f.pointer)).toEqual(['/1/wings']);
    expect(walk('Pair', ['a', 1]).mismatches).toEqual([]);
    expect(walk('Pair', [1, 1]).mismatches.map((f) => f.pointer)).toEqual(['/0']);
  });

  it('counts the fields inside an array without items as undescribed', () => {
    const report = walk('Bag', { list: [{ a: 1 }] });
    expect(report.undescribed.map((f) => f.pointer)).toEqual(['/list/0/a']);
  });

  it('reports a value outside a closed enum, and accepts a new value of an open enum', () => {
    expect(walk('Color', 'blue').mismatches.map((f) => f.detail)).toEqual([
      'got string "blue"; admits string & one of "red", "green"',
    ]);
    expect(walk('OpenColor', 'blue').mismatches).toEqual([]);
    expect(walk('OpenColor', 3).mismatches).toHaveLength(1);
  });

  it('describes the entries of a typed map', () => {
    expect(walk('Headers', { 'X-RateLimit-Limit': '10' })).toMatchObject({ seen: 1, described: 1, undescribed: [] });
    expect(walk('Headers', { 'X-RateLimit-Limit': 10 }).mismatches).toHaveLength(1);
  });

  it('formats findings grouped by schema, with examples', () => {
    const report = walk('Pets', [{ wings: 1 }, { wings: 2 }, { wings: 3 }, { wings: 4 }]);
    expect(formatFindings(report.undescribed)).toBe(
      [
        '#/components/schemas/Pet  wings  (4)',
        '    sample.json /0/wings',
        '    sample.json /1/wings',
        '    sample.json /2/wings',
        '    ... 1 more',
      ].join('\n'),
    );
  });
});
