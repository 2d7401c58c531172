import { code, verdict } from './shared.mjs';
import { CONSTRAINTS } from './view.mjs';

// Changes of the validation keywords, `format` and `default`. A tighter constraint rejects values a
// caller may send (breaking in requests) and a looser one lets the API send values a client was
// told it would not (attention in responses); `format` and `default` changes are judged alike.

/** Lower bounds: a higher value (or a new bound) is tighter. */
const LOWER = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']);
/** Upper bounds: a lower value (or a new bound) is tighter. */
const UPPER = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']);

/**
 * @param {import('./view.mjs').View} va @param {import('./view.mjs').View} vb
 * @param {(kind: string, category: import('./shared.mjs').Category, message: string) => void} report
 * @param {import('./shared.mjs').Direction} dir
 */
export function compareConstraints(va, vb, report, dir) {
  for (const keyword of CONSTRAINTS) {
    const had = va.constraints.has(keyword);
    const has = vb.constraints.has(keyword);
    if (!had && !has) continue;
    const a = va.constraints.get(keyword);
    const b = vb.constraints.get(keyword);
    if (had && has && JSON.stringify(a) === JSON.stringify(b)) continue;
    const what = `\`${keyword}\``;
    const change = !had
      ? `${what} ${code(b)} added`
      : !has
        ? `${what} ${code(a)} removed`
        : `${what} changed from ${code(a)} to ${code(b)}`;
    if (keyword === 'default') {
      // What the API does when a caller leaves the field out.
      const category = dir === 'response' || !had ? 'non-breaking' : 'attention';
      report('default-changed', category, change);
    } else if (keyword === 'format') {
      const category = !had
        ? verdict(dir, 'attention', 'non-breaking')
        : !has
          ? verdict(dir, 'non-breaking', 'attention')
          : verdict(dir, 'breaking', 'attention');
      report('format-changed', category, change);
    } else {
      const tighter = isTighter(keyword, had ? a : undefined, has ? b : undefined);
      report(
        tighter ? 'constraint-tightened' : 'constraint-loosened',
        tighter ? verdict(dir, 'breaking', 'non-breaking') : verdict(dir, 'non-breaking', 'attention'),
        `${change} (${tighter ? 'tighter' : 'looser'})`,
      );
    }
  }
}

/** @param {string} keyword @param {unknown} a the old value (undefined: none) @param {unknown} b the new value */
function isTighter(keyword, a, b) {
  if (b === undefined) return false;
  if (a === undefined) return keyword !== 'uniqueItems' || b === true;
  if (LOWER.has(keyword)) return Number(b) > Number(a);
  if (UPPER.has(keyword)) return Number(b) < Number(a);
  if (keyword === 'uniqueItems') return b === true;
  return true; // a changed pattern or multipleOf: values that matched may not any more
}
