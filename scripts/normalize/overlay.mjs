import { JSONPath } from 'jsonpath-plus';
import { throwFirst } from './problems.mjs';
import { isObject } from './walk.mjs';

// Applies OpenAPI Overlay 1.0 documents (https://spec.openapis.org/overlay/v1.0.0). Each action
// selects nodes with a JSONPath `target` and either removes them (`remove: true`) or merges
// `update` into them. Stricter than the spec on purpose: an action whose target matches nothing,
// or that has no `description` saying why, is a problem, so a stale overlay cannot pass silently.
// Problems go to the collector given (scripts/normalize/problems.mjs), the action is skipped and the
// others are applied; without a collector the first problem is thrown.

/**
 * Applies one overlay document to `doc` in place; returns the number of nodes changed per action
 * (0 for an action skipped for a problem). `file` is the overlay's name as the maintainer edits it.
 */
export function applyOverlay(doc, overlay, file = 'overlay', problems = throwFirst) {
  const editFile = file.startsWith('overlays/') ? `openapi/${file}` : file;
  const problem = (where, what, subject) => problems.add({ what, where, file: editFile, subject });
  if (typeof overlay?.overlay !== 'string' || !overlay.overlay.startsWith('1.')) {
    problem(file, 'not an Overlay 1.x document (missing "overlay: 1.0.0")');
    return [];
  }
  if (!Array.isArray(overlay.actions) || overlay.actions.length === 0) {
    problem(file, 'has no actions');
    return [];
  }
  return overlay.actions.map((action, index) => {
    const where = `${file} action ${index + 1} (${action.target})`;
    if (typeof action.target !== 'string') return skip(problem(where, 'has no target'));
    if (typeof action.description !== 'string' || action.description.trim() === '') {
      return skip(problem(where, 'has no description saying why'));
    }
    if (action.remove !== true && action.update === undefined)
      return skip(problem(where, 'has neither update nor remove'));
    let matches;
    try {
      matches = JSONPath({ path: action.target, json: doc, resultType: 'all', wrap: true });
    } catch (error) {
      return skip(problem(where, `the target cannot be evaluated: ${error.message}`));
    }
    if (matches.length === 0) {
      return skip(
        problem(
          where,
          'the target matches nothing in the document (the source changed: update the target, or remove the action if the fix is no longer needed)',
        ),
      );
    }
    if (action.remove === true) {
      // Remove from the end so that array indexes stay valid while removing.
      for (const match of [...matches].reverse()) {
        if (Array.isArray(match.parent)) match.parent.splice(Number(match.parentProperty), 1);
        else delete match.parent[match.parentProperty];
      }
    } else {
      const wrong = matches.find((match) => !updatable(match.value, action.update));
      if (wrong) {
        return skip(problem(where, `can only update an object or an array, found ${JSON.stringify(wrong.value)}`));
      }
      for (const match of matches) applyUpdate(match.value, action.update);
    }
    return matches.length;
  });
}

/** An action skipped for a problem changed nothing. */
const skip = () => 0;

const updatable = (target, update) => Array.isArray(target) || (isObject(target) && isObject(update));

function applyUpdate(target, update) {
  if (Array.isArray(target)) {
    target.push(...(Array.isArray(update) ? structuredClone(update) : [structuredClone(update)]));
  } else {
    mergeInto(target, update);
  }
}

/** Objects merge recursively; any other value (arrays included) replaces what was there. */
function mergeInto(target, update) {
  for (const [key, value] of Object.entries(update)) {
    if (isObject(value) && isObject(target[key])) mergeInto(target[key], value);
    else target[key] = structuredClone(value);
  }
}
