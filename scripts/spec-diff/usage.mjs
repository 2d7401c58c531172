import { collectOperations } from './operations.mjs';
import { componentName, isObj, resolvePointer } from './shared.mjs';

// ---------------------------------------------------------------------------------------------
// Where each component schema is used

/** @param {any} doc @returns {Map<string, Set<'request' | 'response'>>} */
export function componentUsage(doc) {
  /** @type {Map<string, Set<'request' | 'response'>>} */
  const usage = new Map();
  const visited = new Set();
  const skip = new Set(['example', 'examples', 'default', 'const', 'enum']);
  /** @param {unknown} node @param {'request' | 'response'} dir */
  const walk = (node, dir) => {
    if (Array.isArray(node)) {
      for (const x of node) walk(x, dir);
      return;
    }
    if (!isObj(node)) return;
    if (typeof node.$ref === 'string') {
      const key = `${dir} ${node.$ref}`;
      if (!visited.has(key)) {
        visited.add(key);
        const name = componentName(node.$ref);
        if (name !== undefined) {
          const set = usage.get(name) ?? new Set();
          set.add(dir);
          usage.set(name, set);
        }
        walk(resolvePointer(doc, node.$ref), dir);
      }
    }
    for (const [k, val] of Object.entries(node)) if (!skip.has(k) && k !== '$ref') walk(val, dir);
  };
  for (const o of collectOperations(doc)) {
    walk(o.pathParams, 'request');
    walk(o.op.parameters, 'request');
    walk(o.op.requestBody, 'request');
    walk(o.op.responses, 'response');
  }
  return usage;
}
