import { describe, expect, it } from 'vitest';
import { literalEnums, schemas } from './support';

const { fixLiteralEnums } = await literalEnums();

const property = (schema: object) => schemas({ A: { type: 'object', properties: { p: schema } } });

describe('fixLiteralEnums', () => {
  it('turns `enum: [{ type: stringLiteral, value: text }]` (ChatMessageContentItemText.type) into `const: text`', () => {
    const doc = property({ type: 'string', enum: [{ type: 'stringLiteral', value: 'text' }] });
    expect(fixLiteralEnums(doc)).toEqual(property({ type: 'string', const: 'text' }));
  });

  it('retypes `type: string, enum: [{ type: booleanLiteral, value: true }]` (DeleteKeyResponse.deleted) as `type: boolean, const: true`', () => {
    const doc = property({ type: 'string', enum: [{ type: 'booleanLiteral', value: true }] });
    expect(fixLiteralEnums(doc)).toEqual(property({ type: 'boolean', const: true }));
  });

  it('gives number and integer literals their own type', () => {
    const doc = schemas({
      N: { enum: [{ type: 'numberLiteral', value: 1.5 }] },
      I: { type: 'string', enum: [{ type: 'integerLiteral', value: 2 }] },
    });
    expect(fixLiteralEnums(doc)).toEqual(
      schemas({ N: { type: 'number', const: 1.5 }, I: { type: 'integer', const: 2 } }),
    );
  });

  it('keeps several literals of one type as an enum of their values', () => {
    const doc = schemas({
      Role: {
        type: 'string',
        description: 'who',
        enum: [
          { type: 'stringLiteral', value: 'user' },
          { type: 'stringLiteral', value: 'assistant' },
        ],
      },
    });
    expect(fixLiteralEnums(doc)).toEqual(
      schemas({ Role: { type: 'string', description: 'who', enum: ['user', 'assistant'] } }),
    );
  });

  it('fixes literals nested in unions and array items', () => {
    const doc = schemas({
      Content: {
        oneOf: [
          { type: 'array', items: { type: 'string', enum: [{ type: 'stringLiteral', value: 'image_url' }] } },
          { type: 'string', enum: [{ type: 'stringLiteral', value: 'input_audio' }] },
        ],
      },
    });
    expect(fixLiteralEnums(doc).components.schemas.Content.oneOf).toEqual([
      { type: 'array', items: { type: 'string', const: 'image_url' } },
      { type: 'string', const: 'input_audio' },
    ]);
  });

  it('leaves plain enums alone', () => {
    const doc = schemas({ A: { type: 'string', enum: ['a', 'b'] }, B: { enum: [] } });
    expect(fixLiteralEnums(structuredClone(doc))).toEqual(doc);
  });

  it('refuses an enum mixing literal objects and plain values', () => {
    const doc = schemas({ A: { enum: [{ type: 'stringLiteral', value: 'a' }, 'b'] } });
    expect(() => fixLiteralEnums(doc)).toThrow(
      'an enum mixes literal objects and plain values: [{"type":"stringLiteral","value":"a"},"b"]',
    );
  });

  it('refuses an enum mixing literal types', () => {
    const doc = schemas({
      A: {
        enum: [
          { type: 'stringLiteral', value: 'a' },
          { type: 'booleanLiteral', value: true },
        ],
      },
    });
    expect(() => fixLiteralEnums(doc)).toThrow('an enum mixes literal types: ');
  });
});
