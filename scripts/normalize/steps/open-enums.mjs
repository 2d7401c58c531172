import { throwFirst } from '../problems.mjs';
import { walkDocumentSchemas } from '../walk.mjs';
import { enumVarNames } from './enum-names.mjs';

export const OPEN_ENUM = 'x-open-enum';

/**
 * Enums that grow over time (marked `x-open-enum: true` by the open-enums overlay) become
 * `anyOf: [{ type, enum: [known...] }, { type }]`: a validator accepts any value of the type, and
 * the generated TypeScript keeps the known values for autocompletion (`'a' | 'b' | (string & {})`,
 * see openapi-ts.config.ts). A `null` among the values becomes its own `{ type: 'null' }` branch.
 * For generators in other languages the union also carries its `type` (`string`, or `[string, null]`)
 * at the top, so one that cannot read a type-less union still types the field, and the enum branch
 * names its values (`x-enum-varnames`, read by openapi-generator and oapi-codegen;
 * scripts/normalize/steps/enum-names.mjs).
 */
export function openEnums(doc, problems = throwFirst) {
  walkDocumentSchemas(doc, (schema, path) => {
    if (!(OPEN_ENUM in schema)) return;
    const open = schema[OPEN_ENUM];
    delete schema[OPEN_ENUM];
    if (open !== true) return;
    if (!Array.isArray(schema.enum)) {
      // An overlay marked a schema that has no enum (any more): a decision, not a defect of the step.
      problems.add({
        what: `x-open-enum on a schema without enum${path?.length ? ` at ${path.join('.')}` : ''}: ${JSON.stringify(schema)} (update or remove the overlay action that marks it)`,
        where: 'openapi/openapi.yaml',
        file: 'openapi/overlays/30-open-enums.yaml',
      });
      return;
    }
    const known = schema.enum.filter((value) => value !== null);
    const types = [schema.type].flat().filter((type) => type && type !== 'null');
    const type = types[0] ?? (known.every((v) => typeof v === 'string') ? 'string' : 'number');
    const nullable = schema.enum.includes(null) || [schema.type].flat().includes('null');
    delete schema.enum;
    schema.type = nullable ? [type, 'null'] : type;
    schema.anyOf = [
      { type, enum: known, 'x-enum-varnames': enumVarNames(known) },
      { type },
      ...(nullable ? [{ type: 'null' }] : []),
    ];
  });
  return doc;
}
