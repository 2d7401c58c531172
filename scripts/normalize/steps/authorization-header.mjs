import { operations } from '../walk.mjs';

/**
 * Defect: `Authorization` declared as a required header parameter on every operation. It is the
 * bearer security scheme (declared once in openapi/base.yaml): the parameter goes, and the
 * operation relies on the document-wide `security`.
 */
export function removeAuthorizationHeader(doc) {
  for (const { op } of operations(doc)) {
    if (!Array.isArray(op.parameters)) continue;
    op.parameters = op.parameters.filter(
      (param) => !(param.in === 'header' && param.name.toLowerCase() === 'authorization'),
    );
    if (op.parameters.length === 0) delete op.parameters;
  }
  return doc;
}
