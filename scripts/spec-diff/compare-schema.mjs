import { compareConstraints } from './compare-constraints.mjs';
import { code, componentSchema, isObj, valueCode, verdict } from './shared.mjs';
import { arrayish, objectish, resolveAliases, typeLabel, view } from './view.mjs';

// Comparison of two schemas found at the same place, emitting one change per difference.

const MAX_DEPTH = 200;

/**
 * @typedef {{
 *   oldDoc: any, newDoc: any, dir: Direction, group: ChangeGroup,
 *   render: (segs: Segment[]) => string,
 *   out: { category: Category, change: Change }[],
 *   stack: Map<unknown, Set<unknown>>, depth: number,
 * }} Ctx
 */

/** @param {Ctx} c @param {Segment[]} segs @param {string} kind @param {Category} category @param {string} message */
export function emit(c, segs, kind, category, message) {
  c.out.push({ category, change: { kind, group: c.group, location: c.render(segs), message } });
}

/** @param {Segment[]} segs */
export function dataPath(segs) {
  let s = '';
  for (const seg of segs) {
    if (seg.t === 'prop') s += s ? `.${seg.name}` : seg.name;
    else if (seg.t === 'items') s += '[]';
    else if (seg.t === 'additional') s += s ? '.*' : '*';
    else s += `${s ? '.' : ''}${seg.kw}[${seg.key}]`;
  }
  return s;
}

/** @param {Segment[]} segs */
export function schemaPath(segs) {
  let s = '';
  for (const seg of segs) {
    if (seg.t === 'prop') s += `.properties.${seg.name}`;
    else if (seg.t === 'items') s += '.items';
    else if (seg.t === 'additional') s += '.additionalProperties';
    else s += `.${seg.kw}[${seg.key}]`;
  }
  return s;
}

/**
 * Compares two raw schemas found at the same place.
 * @param {unknown} a @param {unknown} b @param {Ctx} c @param {Segment[]} segs
 */
export function compareSchema(a, b, c, segs) {
  let va = view(a, c.oldDoc);
  let vb = view(b, c.newDoc);
  if (va.ref && vb.ref && va.ref === vb.ref) {
    // Same component on both sides: its changes are reported once, at the component; what is
    // written beside the reference (nullability, a default, a bound) is this place's.
    compareNullable(va, vb, c, segs);
    compareConstraints(va, vb, (kind, category, message) => emit(c, segs, kind, category, message), c.dir);
    return;
  }
  if (va.ref && vb.ref) {
    emit(c, segs, 'schema-ref-changed', 'non-breaking', `now references ${code(vb.ref)} (was ${code(va.ref)})`);
  }
  let ka = a;
  let kb = b;
  if (va.ref && !va.unresolved) {
    ka = componentSchema(c.oldDoc, va.ref);
    va = resolveAliases(va, c.oldDoc, new Set());
  }
  if (vb.ref && !vb.unresolved) {
    kb = componentSchema(c.newDoc, vb.ref);
    vb = resolveAliases(vb, c.newDoc, new Set());
  }
  if (va.ref || vb.ref) {
    // An unresolvable reference on one side: nothing more can be said than the nullability.
    compareNullable(va, vb, c, segs);
    return;
  }
  // Cycle guard: a $ref cycle revisits the same pair of schema objects on the current path.
  const seen = c.stack.get(ka);
  if (seen?.has(kb) || c.depth > MAX_DEPTH) return;
  if (seen) seen.add(kb);
  else c.stack.set(ka, new Set([kb]));
  c.depth++;
  try {
    compareViews(va, vb, c, segs);
  } finally {
    c.depth--;
    c.stack.get(ka)?.delete(kb);
  }
}

/** @param {View} va @param {View} vb @param {Ctx} c @param {Segment[]} segs */
function compareNullable(va, vb, c, segs) {
  if (va.nullable === vb.nullable) return;
  if (vb.nullable) emit(c, segs, 'became-nullable', verdict(c.dir, 'non-breaking', 'breaking'), 'became nullable');
  else emit(c, segs, 'no-longer-nullable', verdict(c.dir, 'breaking', 'non-breaking'), 'is no longer nullable');
}

/** @param {View} va @param {View} vb @param {Ctx} c @param {Segment[]} segs */
function compareViews(va, vb, c, segs) {
  compareNullable(va, vb, c, segs);
  if (va.variants || vb.variants) {
    compareVariants(va, vb, c, segs);
  } else if (!setEqual(va.types, vb.types)) {
    emit(c, segs, 'type-changed', 'breaking', `type changed from ${code(typeLabel(va))} to ${code(typeLabel(vb))}`);
  }
  compareEnums(va, vb, c, segs);
  compareConstraints(va, vb, (kind, category, message) => emit(c, segs, kind, category, message), c.dir);
  if (objectish(va) && objectish(vb)) {
    compareProperties(va, vb, c, segs);
    if (isObj(va.additional) && isObj(vb.additional)) {
      compareSchema(va.additional, vb.additional, c, [...segs, { t: 'additional' }]);
    }
  }
  if (arrayish(va) && arrayish(vb) && (va.items !== undefined || vb.items !== undefined)) {
    compareSchema(va.items ?? {}, vb.items ?? {}, c, [...segs, { t: 'items' }]);
  }
}

/** @param {Set<unknown>} x @param {Set<unknown>} y */
const setEqual = (x, y) => x.size === y.size && [...x].every((e) => y.has(e));

/** @param {View} va @param {View} vb @param {Ctx} c @param {Segment[]} segs */
function compareEnums(va, vb, c, segs) {
  const ea = va.enum;
  const eb = vb.enum;
  if (!ea && !eb) return;
  if (!ea && eb) {
    if (!eb.open) {
      const list = eb.values.map(valueCode).join(', ');
      emit(c, segs, 'enum-added', verdict(c.dir, 'breaking', 'non-breaking'), `now restricted to the values ${list}`);
    }
    return;
  }
  if (ea && !eb) {
    if (!ea.open) {
      emit(c, segs, 'enum-dropped', verdict(c.dir, 'non-breaking', 'attention'), 'no longer restricted to enum values');
    }
    return;
  }
  if (!ea || !eb) return;
  const keysA = new Set(ea.values.map((x) => JSON.stringify(x)));
  const keysB = new Set(eb.values.map((x) => JSON.stringify(x)));
  for (const val of ea.values) {
    if (!keysB.has(JSON.stringify(val)))
      emit(c, segs, 'enum-value-removed', 'breaking', `enum value ${valueCode(val)} removed`);
  }
  for (const val of eb.values) {
    if (keysA.has(JSON.stringify(val))) continue;
    if (eb.open) emit(c, segs, 'enum-value-added', 'non-breaking', `enum value ${valueCode(val)} added (open enum)`);
    else {
      emit(
        c,
        segs,
        'enum-value-added',
        verdict(c.dir, 'non-breaking', 'attention'),
        `enum value ${valueCode(val)} added (closed enum: may surprise exhaustive switches)`,
      );
    }
  }
  if (!ea.open && eb.open) {
    emit(
      c,
      segs,
      'enum-opened',
      verdict(c.dir, 'non-breaking', 'attention'),
      `enum is now open: any ${code(typeLabel(vb))} is allowed besides the listed values`,
    );
  } else if (ea.open && !eb.open) {
    emit(
      c,
      segs,
      'enum-closed',
      verdict(c.dir, 'breaking', 'non-breaking'),
      'enum is now closed: only the listed values',
    );
  }
}

/** @param {View} va @param {View} vb @param {Ctx} c @param {Segment[]} segs */
function compareProperties(va, vb, c, segs) {
  const names = [...new Set([...va.properties.keys(), ...vb.properties.keys()])].sort();
  for (const name of names) {
    const pa = va.properties.get(name);
    const pb = vb.properties.get(name);
    const at = [...segs, /** @type {Segment} */ ({ t: 'prop', name })];
    const reqA = va.required.get(name);
    const reqB = vb.required.get(name);
    if (!pa && pb) {
      if (reqB) emit(c, at, 'property-added', verdict(c.dir, 'breaking', 'non-breaking'), 'required property added');
      else emit(c, at, 'property-added', 'non-breaking', 'optional property added');
      continue;
    }
    if (pa && !pb) {
      emit(c, at, 'property-removed', 'breaking', `${reqA ? 'required' : 'optional'} property removed`);
      continue;
    }
    if (!pa || !pb) continue;
    // A property both sides inherit from the same component (allOf) is that component's business.
    const sameOwner = pa.owner !== null && pa.owner === pb.owner;
    if (Boolean(reqA) !== Boolean(reqB)) {
      // Whether anything but the shared owner makes the property required.
      const ownOpinion = (/** @type {Set<string | null> | undefined} */ r) =>
        [...(r ?? [])].some((o) => o !== pa.owner);
      const explainedByOwner = sameOwner && ownOpinion(reqA) === ownOpinion(reqB);
      if (!explainedByOwner) {
        if (reqB) emit(c, at, 'property-now-required', verdict(c.dir, 'breaking', 'non-breaking'), 'is now required');
        else emit(c, at, 'property-now-optional', verdict(c.dir, 'non-breaking', 'breaking'), 'is now optional');
      }
    }
    if (!sameOwner) compareSchema(pa.schema, pb.schema, c, at);
  }
}

/** @param {View} va @param {View} vb @param {Ctx} c @param {Segment[]} segs */
function compareVariants(va, vb, c, segs) {
  if (!va.variants || !vb.variants) {
    const from = va.variants ? `a ${va.variantKw} union` : code(typeLabel(va));
    const to = vb.variants ? `a ${vb.variantKw} union` : code(typeLabel(vb));
    emit(c, segs, 'type-changed', 'breaking', `type changed from ${from} to ${to}`);
    return;
  }
  const kw = vb.variantKw;
  const ma = va.variants;
  const mb = vb.variants;
  for (const key of [...ma.keys()].sort()) {
    if (!mb.has(key)) emit(c, segs, 'variant-removed', 'breaking', `${kw} variant ${code(key)} removed`);
  }
  for (const key of [...mb.keys()].sort()) {
    if (ma.has(key)) {
      compareSchema(ma.get(key), mb.get(key), c, [...segs, { t: 'variant', kw, key }]);
    } else {
      emit(c, segs, 'variant-added', verdict(c.dir, 'non-breaking', 'attention'), `${kw} variant ${code(key)} added`);
    }
  }
}
