import { operations, walkDocumentSchemas } from './walk.mjs';

/**
 * What every normalized document must be, checked before it is written: references resolve,
 * no OpenAPI 3.0 `nullable`, no schema named `Error`, unique camelCase operationIds, no
 * Authorization header parameters, every 4xx/5xx response has a body schema.
 */
export function checkDocument(doc) {
  const problems = [];
  const schemas = doc.components?.schemas ?? {};
  if ('Error' in schemas) problems.push('a schema is named Error (it shadows the global in TypeScript)');
  walkDocumentSchemas(doc, (schema, path) => {
    if ('nullable' in schema) problems.push(`${path.join('.')}: OpenAPI 3.0 "nullable"`);
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (!(name in schemas)) problems.push(`${path.join('.')}: $ref ${schema.$ref} resolves to nothing`);
    }
    for (const [value, ref] of Object.entries(schema.discriminator?.mapping ?? {})) {
      const name = String(ref).replace('#/components/schemas/', '');
      if (!(name in schemas))
        problems.push(`${path.join('.')}: discriminator mapping ${value} -> ${ref} resolves to nothing`);
    }
  });
  const ids = new Set();
  for (const { op, key } of operations(doc)) {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(op.operationId ?? ''))
      problems.push(`${key}: operationId "${op.operationId}" is not camelCase`);
    if (ids.has(op.operationId)) problems.push(`${key}: operationId "${op.operationId}" is not unique`);
    ids.add(op.operationId);
    for (const param of op.parameters ?? []) {
      if (param.in === 'header' && param.name.toLowerCase() === 'authorization')
        problems.push(`${key}: Authorization header parameter`);
    }
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (/^[45]/.test(status) && !Object.values(response.content ?? {}).some((media) => media.schema)) {
        problems.push(`${key} ${status}: error response without a body schema`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`the normalized document is not right:\n- ${problems.join('\n- ')}`);
}
