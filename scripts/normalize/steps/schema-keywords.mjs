import { walkDocumentSchemas } from '../walk.mjs';

/**
 * Defects (published description) in JSON Schema keywords that 3.1 validators read differently:
 * - OpenAPI 3.0's boolean `exclusiveMinimum: true` beside `minimum` (3.1 wants the bound itself);
 * - `null` among the values of an enum whose `type` does not admit null (an enum no value of
 *   which can be null validates nothing for null, and generators type it wrongly);
 * - `format: double`/`float` on `type: integer` (an integer is not a double; generators in other
 *   languages would make it a float).
 */
export function fixSchemaKeywords(doc) {
  walkDocumentSchemas(doc, (schema) => {
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ]) {
      if (typeof schema[flag] !== 'boolean') continue;
      if (schema[flag] === true && typeof schema[bound] === 'number') {
        schema[flag] = schema[bound];
        delete schema[bound];
      } else delete schema[flag];
    }
    if (Array.isArray(schema.enum) && schema.enum.includes(null) && schema.type !== undefined) {
      const types = [schema.type].flat();
      if (!types.includes('null')) schema.type = [...types, 'null'];
    }
    if ([schema.type].flat().includes('integer') && ['double', 'float'].includes(schema.format)) delete schema.format;
  });
  return doc;
}
