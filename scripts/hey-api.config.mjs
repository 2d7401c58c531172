// @hey-api/openapi-ts configuration: the request and response types (generated/types.gen.ts), from
// openapi/openapi.yaml (see scripts/generate.mjs).

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
    // Types only: the operations and the runtime are the SDK's own (generated/operations.gen.ts,
    // src/internal/http.ts), so hey-api's sdk and fetch-client plugins would write code nothing uses.
    plugins: [{ name: '@hey-api/typescript', '~resolvers': { union: openEnumUnion } }],
  };
}
