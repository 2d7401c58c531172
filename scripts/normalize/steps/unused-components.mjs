import { componentsReachedFrom } from '../walk.mjs';

/**
 * Component schemas nothing reaches from an operation (through `$ref`, a discriminator's mapping
 * or `x-sse-data`) are removed: the published description's stream wrappers once the streams are
 * described by `x-sse-data`, and page-only restatements the published description replaced.
 * Returns the names removed, for the report.
 */
export function removeUnusedComponents(doc, keep = []) {
  const schemas = doc.components?.schemas ?? {};
  const reached = componentsReachedFrom(doc, [
    doc.paths,
    ...keep.map((name) => ({ $ref: `#/components/schemas/${name}` })),
  ]);
  const removed = Object.keys(schemas).filter((name) => !reached.has(name));
  for (const name of removed) delete schemas[name];
  return removed;
}
