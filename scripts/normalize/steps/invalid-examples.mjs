import { Ajv2020 } from 'ajv/dist/2020.js';
import { operations } from '../walk.mjs';

const SCHEMA_REF = '#/components/schemas/';

/**
 * Defect (published description): examples that contradict their own schema (a required field
 * missing, a number where a string is declared). Mock servers and docs serve them as answers, so
 * each is removed, and listed (returned) for the merge report. Checked with JSON Schema 2020-12
 * (OpenAPI 3.1's dialect), formats and unknown keywords ignored. Examples whose schema cannot be
 * compiled are kept (nothing proves them wrong).
 */
export function removeInvalidExamples(doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  const rebase = (schema) =>
    JSON.parse(JSON.stringify(schema).replaceAll(`"${SCHEMA_REF}`, `"components.json${SCHEMA_REF}`));
  ajv.addSchema({ $id: 'components.json', components: rebase(doc.components ?? {}) });
  const removed = [];
  const check = (holder, schema, at) => {
    if (holder?.example === undefined || !schema) return;
    let valid;
    try {
      valid = ajv.validate(rebase(schema), holder.example);
    } catch {
      return;
    }
    if (!valid) {
      const [error] = ajv.errors ?? [];
      removed.push(`${at}: ${error ? `${error.instancePath || '(root)'} ${error.message}` : 'invalid'}`);
      delete holder.example;
    }
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    check(schema, { $ref: SCHEMA_REF + name }, `components.schemas.${name}.example`);
  }
  for (const { op, key } of operations(doc)) {
    for (const [i, param] of (op.parameters ?? []).entries()) {
      check(param.schema, param.schema, `${key} parameters[${i}] (${param.name}) schema.example`);
      check(param, param.schema, `${key} parameters[${i}] (${param.name}) example`);
    }
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
      check(media, media.schema, `${key} request ${type} example`);
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (type === 'text/event-stream') continue; // an SSE text, checked by the stream tests
        check(media, media.schema, `${key} ${status} ${type} example`);
      }
    }
  }
  return removed;
}
