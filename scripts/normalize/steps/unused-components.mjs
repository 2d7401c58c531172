const SCHEMA_REF = '#/components/schemas/';

/**
 * Component schemas nothing reaches from an operation (through `$ref`, a discriminator's mapping
 * or `x-sse-data`) are removed: the published description's stream wrappers once the streams are
 * described by `x-sse-data`, and page-only restatements the published description replaced.
 * Returns the names removed, for the report.
 */
export function removeUnusedComponents(doc, keep = []) {
  const schemas = doc.components?.schemas ?? {};
  const reached = new Set(keep);
  const pending = [doc.paths, ...keep.map((name) => schemas[name])];
  const reach = (ref) => {
    if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_REF)) return;
    const name = ref.slice(SCHEMA_REF.length);
    if (reached.has(name)) return;
    reached.add(name);
    pending.push(schemas[name]);
  };
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') reach(value);
        else if (key === 'mapping' && value && typeof value === 'object') Object.values(value).forEach(reach);
        else pending.push(value);
      }
    }
  }
  const removed = Object.keys(schemas).filter((name) => !reached.has(name));
  for (const name of removed) delete schemas[name];
  return removed;
}
