import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// The SDK method that calls an operation, as users write it: openapi/methods.yaml (`GET /models:
// models.list`, or `{ name: models.list, ... }`) when the project has one, else the operationId.
// The one place the report learns method names, so a new naming scheme is connected here.

/**
 * @param {string} openapiDir the project's openapi/ folder
 * @returns {{ source: string, methodOf(operation: string, operationId?: string): string | undefined, rows: Record<string, string> | null }}
 */
export function loadMethodNames(openapiDir) {
  const file = join(openapiDir, 'methods.yaml');
  if (!existsSync(file)) {
    return { source: 'operationId', rows: null, methodOf: (_operation, operationId) => operationId };
  }
  const data = parse(readFileSync(file, 'utf8')) ?? {};
  const table = typeof data.methods === 'object' && data.methods !== null ? data.methods : data;
  /** @type {Record<string, string>} */
  const rows = {};
  for (const [operation, row] of Object.entries(table)) {
    const name = typeof row === 'string' ? row : row?.name;
    if (typeof name === 'string') rows[operation] = name;
  }
  return {
    source: 'openapi/methods.yaml',
    rows,
    methodOf: (operation, operationId) => (rows[operation] ? `client.${rows[operation]}` : operationId),
  };
}

/**
 * operation (`METHOD /path`) -> its SDK method, for the operations of either document (a removed
 * operation is named as it was).
 * @param {any} oldDoc @param {any} newDoc @param {ReturnType<typeof loadMethodNames>} names
 */
export function methodLookup(oldDoc, newDoc, names) {
  const ids = new Map();
  for (const doc of [oldDoc, newDoc]) {
    for (const [path, item] of Object.entries(doc?.paths ?? {})) {
      for (const [method, op] of Object.entries(item ?? {})) {
        if (typeof op?.operationId === 'string') ids.set(`${method.toUpperCase()} ${path}`, op.operationId);
      }
    }
  }
  return (/** @type {string} */ operation) => names.methodOf(operation, ids.get(operation));
}
