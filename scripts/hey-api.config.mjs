// @hey-api/openapi-ts configuration: types, one function per operation, and the bundled fetch
// client, generated from openapi/openapi.yaml into generated/ (see scripts/generate.mjs).

// An open enum is described as anyOf [{ type: string, enum: [...] }, { type: string }]. TypeScript
// folds 'a' | 'b' | string into plain string and loses the known values; (string & {}) keeps them
// for autocompletion while still accepting any string.
const isBarePrimitive = (schema) =>
  ['string', 'number', 'integer'].includes(schema.type) && schema.const === undefined && !schema.format;

export function openEnumUnion(ctx) {
  const { $, schemas, childResults } = ctx;
  if (!schemas.some((schema) => schema.type === 'enum')) return undefined;
  return $.type.or(
    ...childResults.map((result, i) =>
      isBarePrimitive(schemas[i]) ? $.type.and(result.type, $.type.object()) : result.type,
    ),
  );
}

export function heyApiConfig({ input, output }) {
  return {
    input,
    output,
    logs: { level: 'warn' },
    plugins: [
      { name: '@hey-api/typescript', '~resolvers': { union: openEnumUnion } },
      { name: '@hey-api/sdk', operations: { strategy: 'flat' }, client: false },
      { name: '@hey-api/client-fetch', baseUrl: false },
    ],
  };
}
