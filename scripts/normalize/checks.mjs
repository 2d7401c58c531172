import { operations, walkDocumentSchemas } from './walk.mjs';

const NAMES = 'openapi/names.yaml';
const OVERLAYS = 'openapi/overlays/ (the action that brought it in, or a new one)';

/**
 * What every normalized document must be, checked before it is written: references resolve,
 * no OpenAPI 3.0 `nullable`, no schema named `Error`, unique camelCase operationIds, no
 * Authorization header parameters, every 4xx/5xx response has a body schema.
 * With a collector (scripts/normalize/problems.mjs) each failure is a problem naming the file to
 * edit; without one, all of them are thrown together.
 */
export function checkDocument(doc, problems) {
  const found = [];
  const add = (where, what, file, subject) => found.push({ where, what, file, subject });
  const schemas = doc.components?.schemas ?? {};
  if ('Error' in schemas)
    add('components.schemas', 'a schema is named Error (it shadows the global in TypeScript)', NAMES);
  walkDocumentSchemas(doc, (schema, path) => {
    const at = path.join('.');
    if ('nullable' in schema) add(at, 'OpenAPI 3.0 "nullable"', OVERLAYS);
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (!(name in schemas)) add(at, `$ref ${schema.$ref} resolves to nothing`, OVERLAYS);
    }
    for (const [value, ref] of Object.entries(schema.discriminator?.mapping ?? {})) {
      const name = String(ref).replace('#/components/schemas/', '');
      if (!(name in schemas)) add(at, `discriminator mapping ${value} -> ${ref} resolves to nothing`, OVERLAYS);
    }
  });
  const ids = new Set();
  for (const { op, key } of operations(doc)) {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(op.operationId ?? ''))
      add(key, `operationId "${op.operationId}" is not camelCase`, NAMES, `operationId of ${key}`);
    if (ids.has(op.operationId)) add(key, `operationId "${op.operationId}" is not unique`, NAMES);
    ids.add(op.operationId);
    for (const param of op.parameters ?? []) {
      if (param.in === 'header' && param.name.toLowerCase() === 'authorization')
        add(key, 'Authorization header parameter', OVERLAYS);
    }
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (/^[45]/.test(status) && !Object.values(response.content ?? {}).some((media) => media.schema)) {
        add(`${key} ${status}`, 'error response without a body schema', 'openapi/overlays/40-error-responses.yaml');
      }
    }
  }
  if (problems) {
    for (const problem of found) problems.add(problem);
  } else if (found.length > 0) {
    const lines = found.map(({ where, what }) => (where === 'components.schemas' ? what : `${where}: ${what}`));
    throw new Error(`the normalized document is not right:\n- ${lines.join('\n- ')}`);
  }
}
