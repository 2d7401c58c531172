import { JSONPath } from 'jsonpath-plus';
import { isObject } from './walk.mjs';

// Applies OpenAPI Overlay 1.0 documents (https://spec.openapis.org/overlay/v1.0.0). Each action
// selects nodes with a JSONPath `target` and either removes them (`remove: true`) or merges
// `update` into them. Stricter than the spec on purpose: an action whose target matches nothing,
// or that has no `description` saying why, is an error, so a stale overlay cannot pass silently.

/** Applies one overlay document to `doc` in place; returns the number of nodes changed per action. */
export function applyOverlay(doc, overlay, file = 'overlay') {
  if (typeof overlay?.overlay !== 'string' || !overlay.overlay.startsWith('1.')) {
    throw new Error(`${file}: not an Overlay 1.x document (missing "overlay: 1.0.0")`);
  }
  if (!Array.isArray(overlay.actions) || overlay.actions.length === 0) throw new Error(`${file}: has no actions`);
  return overlay.actions.map((action, index) => {
    const where = `${file} action ${index + 1} (${action.target})`;
    if (typeof action.target !== 'string') throw new Error(`${where}: has no target`);
    if (typeof action.description !== 'string' || action.description.trim() === '') {
      throw new Error(`${where}: has no description saying why`);
    }
    if (action.remove !== true && action.update === undefined)
      throw new Error(`${where}: has neither update nor remove`);
    let matches;
    try {
      matches = JSONPath({ path: action.target, json: doc, resultType: 'all', wrap: true });
    } catch (error) {
      throw new Error(`${where}: the target cannot be evaluated: ${error.message}`);
    }
    if (matches.length === 0) throw new Error(`${where}: the target matches nothing in the document`);
    if (action.remove === true) {
      // Remove from the end so that array indexes stay valid while removing.
      for (const match of [...matches].reverse()) {
        if (Array.isArray(match.parent)) match.parent.splice(Number(match.parentProperty), 1);
        else delete match.parent[match.parentProperty];
      }
    } else {
      for (const match of matches) applyUpdate(match.value, action.update, where);
    }
    return matches.length;
  });
}

function applyUpdate(target, update, where) {
  if (Array.isArray(target)) {
    target.push(...(Array.isArray(update) ? structuredClone(update) : [structuredClone(update)]));
  } else if (isObject(target) && isObject(update)) {
    mergeInto(target, update);
  } else {
    throw new Error(`${where}: can only update an object or an array, found ${JSON.stringify(target)}`);
  }
}

/** Objects merge recursively; any other value (arrays included) replaces what was there. */
function mergeInto(target, update) {
  for (const [key, value] of Object.entries(update)) {
    if (isObject(value) && isObject(target[key])) mergeInto(target[key], value);
    else target[key] = structuredClone(value);
  }
}
