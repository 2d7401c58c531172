import { isDeepStrictEqual } from 'node:util';
import { walkDocumentSchemas } from '../walk.mjs';

/**
 * Defect: `oneOf: [number, string, number]` (BigNumberUnion): branches that repeat each other make a
 * `oneOf` that can never validate a value of the repeated type (it matches two branches).
 * Drops the repeated branches; a union left with one branch becomes that branch.
 */
export function dedupeUnionBranches(doc) {
  walkDocumentSchemas(doc, (schema) => {
    for (const key of ['oneOf', 'anyOf']) {
      if (!Array.isArray(schema[key])) continue;
      const unique = [];
      for (const branch of schema[key])
        if (!unique.some((kept) => isDeepStrictEqual(kept, branch))) unique.push(branch);
      if (unique.length === 1 && Object.keys(schema).length === 1) {
        delete schema[key];
        Object.assign(schema, unique[0]);
      } else {
        schema[key] = unique;
      }
    }
  });
  return doc;
}
