import { isObject, walkDocumentSchemas } from '../walk.mjs';

/**
 * Defect: OpenAPI 3.0 `nullable: true` inside 3.1 documents (hey-api ignores it silently), and
 * `allOf: [$ref, { nullable: true }]`. Writes nullability the 3.1 way:
 * `type: [T, 'null']` for typed schemas, `anyOf: [..., { type: 'null' }]` for references and unions,
 * `null` added to an enum's values. A `nullable: true` on an untyped schema (any value) just goes away.
 */
export function convertNullable(doc) {
  // A pass of its own, before the one below: the walk visits children before their parent, so
  // that pass would strip the marker's `nullable` before the `allOf` holding it is seen.
  walkDocumentSchemas(doc, (schema) => {
    if (!Array.isArray(schema.allOf) || !schema.allOf.some(isNullableMarker)) return;
    const rest = schema.allOf.filter((part) => !isNullableMarker(part));
    delete schema.allOf;
    const base = rest.length === 1 ? rest[0] : { allOf: rest };
    schema.anyOf = [base, { type: 'null' }];
  });
  walkDocumentSchemas(doc, (schema) => {
    // `oneOf: [X, { type: 'null' }]` says "X or null", which is what anyOf says without failing when X admits null too.
    if (
      Array.isArray(schema.oneOf) &&
      schema.oneOf.length === 2 &&
      schema.oneOf.some((part) => part.type === 'null' && Object.keys(part).length === 1)
    ) {
      schema.anyOf = schema.oneOf;
      delete schema.oneOf;
    }
    if (!('nullable' in schema)) return;
    const nullable = schema.nullable === true;
    delete schema.nullable;
    if (nullable) makeNullable(schema);
  });
  return doc;
}

function isNullableMarker(part) {
  return (
    isObject(part) &&
    part.nullable === true &&
    Object.keys(part).every((key) => key === 'nullable' || key === 'description')
  );
}

/** Makes a schema admit null, in place. */
export function makeNullable(schema) {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
  } else if (Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type.push('null');
  } else if (schema.$ref) {
    const ref = schema.$ref;
    delete schema.$ref;
    schema.anyOf = [{ $ref: ref }, { type: 'null' }];
  } else if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const key = schema.anyOf ? 'anyOf' : 'oneOf';
    if (!schema[key].some((part) => part.type === 'null')) schema[key].push({ type: 'null' });
  }
  return schema;
}
