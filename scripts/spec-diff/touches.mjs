import { collectOperations, opLabel } from './operations.mjs';
import { componentName, isObj } from './shared.mjs';

// Which operations each change touches: a change at an operation touches that operation; a change
// of a component schema touches every operation that reaches the component through its $refs, in
// the old document or the new one (a removed component was used by the old one).

const SKIP = new Set(['example', 'examples', 'default', 'const', 'enum']);

/** The component names `node` references directly (not through other components). */
function directRefs(node, into = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) directRefs(item, into);
  } else if (isObj(node)) {
    if (typeof node.$ref === 'string') {
      const name = componentName(node.$ref);
      if (name !== undefined) into.add(name);
    }
    for (const [key, value] of Object.entries(node)) if (!SKIP.has(key) && key !== '$ref') directRefs(value, into);
  }
  return into;
}

/** component name -> the operations (`METHOD /path`) that reach it. @param {any} doc @returns {Map<string, Set<string>>} */
export function componentOperations(doc) {
  const schemas = isObj(doc?.components?.schemas) ? doc.components.schemas : {};
  const edges = new Map(Object.entries(schemas).map(([name, schema]) => [name, directRefs(schema)]));
  const byComponent = new Map();
  for (const o of collectOperations(doc)) {
    const label = opLabel(o);
    const queue = [...directRefs([o.pathParams, o.op.parameters, o.op.requestBody, o.op.responses])];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const name = /** @type {string} */ (queue.pop());
      const users = byComponent.get(name) ?? new Set();
      users.add(label);
      byComponent.set(name, users);
      for (const next of edges.get(name) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return byComponent;
}

/**
 * location -> the operations a change there touches, sorted, for every change of `result`.
 * @param {import('./shared.mjs').DiffResult} result @param {any} oldDoc @param {any} newDoc
 * @returns {Record<string, string[]>}
 */
export function operationsTouched(result, oldDoc, newDoc) {
  const before = componentOperations(oldDoc);
  const after = componentOperations(newDoc);
  const names = [
    ...new Set([...Object.keys(oldDoc?.components?.schemas ?? {}), ...Object.keys(newDoc?.components?.schemas ?? {})]),
  ];
  /** The component a `components.schemas.<name>...` location is in (names may hold dots). @param {string} location */
  const componentAt = (location) =>
    names
      .filter((name) => location === `components.schemas.${name}` || location.startsWith(`components.schemas.${name}.`))
      .sort((x, y) => y.length - x.length)[0];
  const touches = {};
  for (const change of [...result.breaking, ...result.attention, ...result.nonBreaking]) {
    const operation = /^([A-Z]+ \/\S*)/.exec(change.location)?.[1];
    const component = operation ? undefined : componentAt(change.location);
    if (operation) touches[change.location] = [operation];
    else if (component) {
      touches[change.location] = [
        ...new Set([...(before.get(component) ?? []), ...(after.get(component) ?? [])]),
      ].sort();
    }
  }
  return touches;
}
