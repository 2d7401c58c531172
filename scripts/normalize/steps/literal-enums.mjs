import { walkDocumentSchemas } from '../walk.mjs';

const LITERAL_TYPES = {
  stringLiteral: 'string',
  booleanLiteral: 'boolean',
  numberLiteral: 'number',
  integerLiteral: 'integer',
};

/**
 * Defect: a single literal written as `enum: [{ type: stringLiteral, value: text }]`, and
 * `type: string, enum: [{ type: booleanLiteral, value: true }]` (really `type: boolean, const: true`).
 * Turns each into `const` with the literal's own type.
 */
export function fixLiteralEnums(doc) {
  walkDocumentSchemas(doc, (schema) => {
    if (!Array.isArray(schema.enum) || schema.enum.length === 0) return;
    const literals = schema.enum.filter(
      (entry) => entry !== null && typeof entry === 'object' && entry.type in LITERAL_TYPES,
    );
    if (literals.length === 0) return;
    if (literals.length !== schema.enum.length) {
      throw new Error(`an enum mixes literal objects and plain values: ${JSON.stringify(schema.enum)}`);
    }
    const types = new Set(literals.map((entry) => LITERAL_TYPES[entry.type]));
    if (types.size !== 1) throw new Error(`an enum mixes literal types: ${JSON.stringify(schema.enum)}`);
    const [type] = types;
    delete schema.enum;
    schema.type = type;
    if (literals.length === 1) schema.const = literals[0].value;
    else schema.enum = literals.map((entry) => entry.value);
  });
  return doc;
}
