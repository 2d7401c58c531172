import { describe, expect, it } from 'vitest';
import { schemas, withOperation } from './support';
import { schemaKeywords } from './support-steps';

const { fixSchemaKeywords } = await schemaKeywords();

const fixedSchema = (schema: object) => fixSchemaKeywords(schemas({ A: schema })).components.schemas.A;

describe('fixSchemaKeywords', () => {
  it('turns OpenAPI 3.0 `exclusiveMinimum: true` beside `minimum` into the 3.1 bound', () => {
    expect(fixedSchema({ type: 'number', minimum: 0, exclusiveMinimum: true })).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
    });
    expect(fixedSchema({ type: 'number', maximum: 2, exclusiveMaximum: true })).toEqual({
      type: 'number',
      exclusiveMaximum: 2,
    });
  });

  it('drops `exclusiveMinimum: false` (an inclusive `minimum` already says it), and a `true` with no bound', () => {
    expect(fixedSchema({ type: 'number', minimum: 0, exclusiveMinimum: false })).toEqual({
      type: 'number',
      minimum: 0,
    });
    expect(fixedSchema({ type: 'number', exclusiveMaximum: true })).toEqual({ type: 'number' });
  });

  it('leaves a 3.1 numeric bound alone', () => {
    expect(fixedSchema({ type: 'number', exclusiveMinimum: 0, maximum: 1 })).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
    });
  });

  it('admits null in the type of an enum that lists null, once', () => {
    expect(fixedSchema({ type: 'string', enum: ['a', null] })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(fixedSchema({ type: ['string', 'null'], enum: ['a', null] })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
  });

  it('leaves an enum without null, and an untyped enum, alone', () => {
    expect(fixedSchema({ type: 'string', enum: ['a', 'b'] })).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(fixedSchema({ enum: ['a', null] })).toEqual({ enum: ['a', null] });
  });

  it('drops `format: double`/`float` from an integer, and keeps it on a number', () => {
    expect(fixedSchema({ type: 'integer', format: 'double' })).toEqual({ type: 'integer' });
    expect(fixedSchema({ type: ['integer', 'null'], format: 'float' })).toEqual({ type: ['integer', 'null'] });
    expect(fixedSchema({ type: 'integer', format: 'int64' })).toEqual({ type: 'integer', format: 'int64' });
    expect(fixedSchema({ type: 'number', format: 'double' })).toEqual({ type: 'number', format: 'double' });
  });

  it('fixes nested schemas and operation parameters too, in place', () => {
    const doc = {
      ...schemas({
        Request: {
          type: 'object',
          properties: { temperature: { anyOf: [{ type: 'number', minimum: 0, exclusiveMinimum: true }] } },
        },
      }),
      ...withOperation({ parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', format: 'double' } }] }),
    };
    expect(fixSchemaKeywords(doc)).toBe(doc);
    expect(doc.components.schemas.Request.properties.temperature.anyOf[0]).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
    });
    expect(doc.paths['/things'].get.parameters[0].schema).toEqual({ type: 'integer' });
  });
});
