import { describe, expect, it } from 'vitest';
import { openEnums, schemas } from './support';

const { openEnums: openEnumsStep } = await openEnums();

describe('openEnums', () => {
  it('turns an `x-open-enum: true` string enum into a string: anyOf [named known values, any string]', () => {
    const doc = schemas({
      ModelGroup: { type: 'string', description: 'Tokenizer family', enum: ['GPT', 'Claude'], 'x-open-enum': true },
    });
    expect(openEnumsStep(doc)).toEqual(
      schemas({
        ModelGroup: {
          description: 'Tokenizer family',
          type: 'string',
          anyOf: [
            { type: 'string', enum: ['GPT', 'Claude'], 'x-enum-varnames': ['GPT', 'Claude'] },
            { type: 'string' },
          ],
        },
      }),
    );
  });

  it('keeps the enum type (integer status codes)', () => {
    const doc = schemas({ EndpointStatus: { type: 'integer', enum: [0, -1, -2], 'x-open-enum': true } });
    expect(openEnumsStep(doc).components.schemas.EndpointStatus).toEqual({
      type: 'integer',
      anyOf: [
        { type: 'integer', enum: [0, -1, -2], 'x-enum-varnames': ['Value0', 'Minus1', 'Minus2'] },
        { type: 'integer' },
      ],
    });
  });

  it('infers the type from the values when the enum has none', () => {
    const doc = schemas({
      S: { enum: ['a', 'b'], 'x-open-enum': true },
      N: { enum: [1, 2.5], 'x-open-enum': true },
    });
    expect(openEnumsStep(doc)).toEqual(
      schemas({
        S: {
          type: 'string',
          anyOf: [{ type: 'string', enum: ['a', 'b'], 'x-enum-varnames': ['A', 'B'] }, { type: 'string' }],
        },
        N: {
          type: 'number',
          anyOf: [{ type: 'number', enum: [1, 2.5], 'x-enum-varnames': ['Value1', 'Value2_5'] }, { type: 'number' }],
        },
      }),
    );
  });

  it('gives null its own branch, from the values or the type', () => {
    const doc = schemas({
      FinishReason: { type: ['string', 'null'], enum: ['stop', 'length', null], 'x-open-enum': true },
      ReasoningEffort: { type: ['string', 'null'], enum: ['low', 'high'], 'x-open-enum': true },
    });
    expect(openEnumsStep(doc)).toEqual(
      schemas({
        FinishReason: {
          type: ['string', 'null'],
          anyOf: [
            { type: 'string', enum: ['stop', 'length'], 'x-enum-varnames': ['Stop', 'Length'] },
            { type: 'string' },
            { type: 'null' },
          ],
        },
        ReasoningEffort: {
          type: ['string', 'null'],
          anyOf: [
            { type: 'string', enum: ['low', 'high'], 'x-enum-varnames': ['Low', 'High'] },
            { type: 'string' },
            { type: 'null' },
          ],
        },
      }),
    );
  });

  it('opens enums wherever they sit, and only those marked', () => {
    const doc = schemas({
      A: {
        type: 'object',
        properties: {
          open: { type: 'string', enum: ['x'], 'x-open-enum': true },
          closed: { type: 'string', enum: ['y'] },
        },
      },
    });
    expect(openEnumsStep(doc).components.schemas.A.properties).toEqual({
      open: { type: 'string', anyOf: [{ type: 'string', enum: ['x'], 'x-enum-varnames': ['X'] }, { type: 'string' }] },
      closed: { type: 'string', enum: ['y'] },
    });
  });

  it('removes `x-open-enum: false` and leaves the enum closed', () => {
    const doc = schemas({ A: { type: 'string', enum: ['a'], 'x-open-enum': false } });
    expect(openEnumsStep(doc)).toEqual(schemas({ A: { type: 'string', enum: ['a'] } }));
  });

  it('refuses x-open-enum on a schema without enum', () => {
    const doc = schemas({ A: { type: 'string', 'x-open-enum': true } });
    expect(() => openEnumsStep(doc)).toThrow('x-open-enum on a schema without enum');
    const problems: { what: string; file: string }[] = [];
    // With a collector (the pipeline's), it is a problem naming the overlay, not a crash.
    const withProblems = openEnumsStep as unknown as (doc: unknown, problems: { add(p: never): void }) => unknown;
    withProblems(schemas({ A: { type: 'string', 'x-open-enum': true } }), { add: (p: never) => problems.push(p) });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.what).toContain('x-open-enum on a schema without enum');
    expect(problems[0]?.file).toBe('openapi/overlays/30-open-enums.yaml');
  });
});
