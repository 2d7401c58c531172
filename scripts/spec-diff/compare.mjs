// The comparison of two whole documents.
// How the comparison works:
// - operations are matched by method + path (path parameter names ignored when that is unambiguous);
// - schemas under components.schemas are compared once, by name, at the component. Wherever both
//   documents reference the same component the walk stops there; inline schemas are compared at the
//   operation (or the component) that holds them;
// - whether a schema change breaks depends on the direction the schema travels: a schema used only in
//   requests follows the request rules, one used only in responses the response rules, and one used
//   in both (or in neither) gets the stricter verdict of the two.
import { compareSchema, schemaPath } from './compare-schema.mjs';
import { collectOperations, compareOperation, matchOperations, opIdNote, opLabel } from './operations.mjs';
import { GROUPS, isObj, METHODS } from './shared.mjs';
import { componentUsage } from './usage.mjs';

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Compares two OpenAPI 3.x documents (already parsed).
 * @param {any} oldDoc
 * @param {any} newDoc
 * @returns {DiffResult}
 */
export function diffSpecs(oldDoc, newDoc) {
  if (!isObj(oldDoc) || !isObj(newDoc)) throw new TypeError('diffSpecs expects two OpenAPI documents (objects)');
  /** @type {Ctx['out']} */
  const out = [];

  const { pairs, removed, added } = matchOperations(collectOperations(oldDoc), collectOperations(newDoc));
  for (const o of removed) {
    out.push({
      category: 'breaking',
      change: {
        kind: 'operation-removed',
        group: 'Operations',
        location: opLabel(o),
        message: `operation removed${opIdNote(o)}`,
      },
    });
  }
  for (const o of added) {
    out.push({
      category: 'non-breaking',
      change: {
        kind: 'operation-added',
        group: 'Operations',
        location: opLabel(o),
        message: `operation added${opIdNote(o)}`,
      },
    });
  }
  for (const [oo, no] of pairs) compareOperation(out, oldDoc, newDoc, oo, no);

  const usageOld = componentUsage(oldDoc);
  const usageNew = componentUsage(newDoc);
  const schemasA = isObj(oldDoc.components?.schemas) ? oldDoc.components.schemas : {};
  const schemasB = isObj(newDoc.components?.schemas) ? newDoc.components.schemas : {};
  for (const name of [...new Set([...Object.keys(schemasA), ...Object.keys(schemasB)])].sort()) {
    const location = `components.schemas.${name}`;
    if (!Object.hasOwn(schemasB, name)) {
      out.push({
        category: 'breaking',
        change: { kind: 'schema-removed', group: 'Schemas', location, message: 'schema removed' },
      });
      continue;
    }
    if (!Object.hasOwn(schemasA, name)) {
      out.push({
        category: 'non-breaking',
        change: { kind: 'schema-added', group: 'Schemas', location, message: 'schema added' },
      });
      continue;
    }
    const uses = new Set([...(usageOld.get(name) ?? []), ...(usageNew.get(name) ?? [])]);
    /** @type {Direction} */
    const dir = uses.size === 1 ? /** @type {Direction} */ ([...uses][0]) : 'both';
    /** @type {Ctx} */
    const c = {
      oldDoc,
      newDoc,
      dir,
      group: 'Schemas',
      render: (segs) => location + schemaPath(segs),
      out,
      stack: new Map(),
      depth: 0,
    };
    compareSchema(schemasA[name], schemasB[name], c, []);
  }

  /** @type {DiffResult} */
  const result = { breaking: [], attention: [], nonBreaking: [] };
  const seen = new Set();
  for (const { category, change } of out) {
    const key = JSON.stringify([category, change.group, change.kind, change.location, change.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    if (category === 'breaking') result.breaking.push(change);
    else if (category === 'attention') result.attention.push(change);
    else result.nonBreaking.push(change);
  }
  result.breaking.sort(compareChanges);
  result.attention.sort(compareChanges);
  result.nonBreaking.sort(compareChanges);
  return result;
}

/** Sort key: group, then path, then method, then the rest of the location, kind and message. @param {Change} ch */
function sortKey(ch) {
  const m = /^([A-Z]+) (\/\S*)(.*)$/.exec(ch.location);
  const loc = m
    ? [m[2], String(METHODS.indexOf(String(m[1]).toLowerCase())).padStart(2, '0'), m[3]]
    : [ch.location, '', ''];
  return [String(GROUPS.indexOf(ch.group)).padStart(2, '0'), ...loc, ch.kind, ch.message];
}

/** @param {Change} x @param {Change} y */
function compareChanges(x, y) {
  const a = sortKey(x);
  const b = sortKey(y);
  for (let i = 0; i < a.length; i++) {
    const p = /** @type {string} */ (a[i]);
    const q = /** @type {string} */ (b[i]);
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}
