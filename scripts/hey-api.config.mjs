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

// The member an open union keeps for tags it does not know (x-unknown-member: its tag property,
// from the open-unions step) is an object whose tag is a string none of the known members has.
// Typed as `{ type: string; [key: string]: unknown }`, it would stop the known tags from
// narrowing: after `a.type === 'url_citation'`, `a` could still be it, so `a.url_citation` is
// unknown. Its other fields are typed `never` instead: a member the known tag selects contributes
// nothing to a field's type, so the known members narrow, and the `switch` default still gets the
// member with its tag as a string. (The fields are there at runtime: read them as
// Record<string, unknown>.) The index signature covers the tag too, so such a member is read
// from answers, not written as a literal (test/types/answers.test-d.ts, KNOWN LIMIT).
export function unknownMemberObject(ctx) {
  const { $, schema } = ctx;
  const tag = schema['x-unknown-member'];
  if (typeof tag !== 'string') return undefined;
  return $.type.and(
    $.type.object().prop(tag, (p) => p.required(true).type($.type('string'))),
    $.type.object().idxSig('key', (i) => i.key('string').type($.type('never'))),
  );
}

export function heyApiConfig({ input, output }) {
  return {
    input,
    output,
    logs: { level: 'warn' },
    // Types only: the operations and the runtime are the SDK's own (generated/operations.gen.ts,
    // src/internal/http.ts), so hey-api's sdk and fetch-client plugins would write code nothing uses.
    plugins: [{ name: '@hey-api/typescript', '~resolvers': { union: openEnumUnion, object: unknownMemberObject } }],
  };
}
