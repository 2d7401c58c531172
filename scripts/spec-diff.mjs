#!/usr/bin/env node
// The API-change report: compares two OpenAPI 3.x documents and lists what changed for SDK users,
// breaking changes first, then changes that need attention, then non-breaking ones.
//
// usage: node scripts/spec-diff.mjs [--json] [--fail-on-breaking] <old> <new>
//   <old>, <new>   a YAML or JSON file, or git:<rev>:<path> (that file at that git revision, path from
//                  the repository root, read with `git show`)
//   --json         print the result as JSON instead of Markdown
//   --fail-on-breaking   exit 1 when there are breaking changes
// Exit codes: 0 ok, 1 breaking changes with --fail-on-breaking, 2 bad usage or unreadable input.
//
// How the comparison works:
// - operations are matched by method + path (path parameter names ignored when that is unambiguous);
// - schemas under components.schemas are compared once, by name, at the component. Wherever both
//   documents reference the same component the walk stops there; inline schemas are compared at the
//   operation (or the component) that holds them;
// - whether a schema change breaks depends on the direction the schema travels: a schema used only in
//   requests follows the request rules, one used only in responses the response rules, and one used
//   in both (or in neither) gets the stricter verdict of the two.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';

/**
 * @typedef {'Operations' | 'Parameters' | 'Request bodies' | 'Responses' | 'Schemas'} ChangeGroup
 * @typedef {'breaking' | 'attention' | 'non-breaking'} Category
 * @typedef {{ kind: string, group: ChangeGroup, location: string, message: string }} Change
 * @typedef {{ breaking: Change[], attention: Change[], nonBreaking: Change[] }} DiffResult
 * @typedef {'request' | 'response' | 'both'} Direction
 * @typedef {{ t: 'prop', name: string } | { t: 'items' } | { t: 'additional' } | { t: 'variant', kw: string, key: string }} Segment
 */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** @type {ChangeGroup[]} */
const GROUPS = ['Operations', 'Parameters', 'Request bodies', 'Responses', 'Schemas'];
/** @type {Record<Category, number>} */
const RANK = { 'non-breaking': 0, attention: 1, breaking: 2 };
const SCHEMA_PREFIX = '#/components/schemas/';
const STRUCTURAL = [
  '$ref',
  'type',
  'properties',
  'items',
  'additionalProperties',
  'enum',
  'const',
  'allOf',
  'anyOf',
  'oneOf',
];
const MAX_DEPTH = 200;

/** @param {unknown} x @returns {x is Record<string, any>} */
const isObj = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);
/** @param {unknown} x @returns {any[]} */
const arr = (x) => (Array.isArray(x) ? x : []);
/** An enum value: strings as they are, unless they would read as another JSON value (`"0"` vs `0`). @param {unknown} v */
const valueCode = (v) => {
  if (typeof v !== 'string') return code(v);
  let readsAsOther = v.trim() !== v || v === '';
  try {
    readsAsOther ||= typeof JSON.parse(v) !== 'string';
  } catch {}
  return code(readsAsOther ? JSON.stringify(v) : v);
};
/** @param {unknown} v */
const code = (v) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
};

/**
 * The category of a change that has one verdict for requests and one for responses.
 * @param {Direction} dir @param {Category} onRequest @param {Category} onResponse @returns {Category}
 */
function verdict(dir, onRequest, onResponse) {
  if (dir === 'request') return onRequest;
  if (dir === 'response') return onResponse;
  return RANK[onRequest] >= RANK[onResponse] ? onRequest : onResponse;
}

// ---------------------------------------------------------------------------------------------
// References

/** @param {string} ref @returns {string | undefined} the component schema name a $ref points to */
function componentName(ref) {
  if (!ref.startsWith(SCHEMA_PREFIX)) return undefined;
  const rest = ref.slice(SCHEMA_PREFIX.length);
  if (rest === '' || rest.includes('/')) return undefined;
  return unescapePointer(rest);
}

/** @param {string} token */
function unescapePointer(token) {
  let t = token;
  try {
    t = decodeURIComponent(token);
  } catch {}
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolves a local JSON pointer (`#/a/b`); undefined for anything else. @param {any} doc @param {unknown} ref */
function resolvePointer(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  const body = ref.slice(1);
  if (body === '') return doc;
  if (!body.startsWith('/')) return undefined;
  let cur = doc;
  for (const part of body.slice(1).split('/').map(unescapePointer)) {
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = /** @type {any} */ (cur)[part];
  }
  return cur;
}

/** Follows $ref chains of non-schema objects (parameters, request bodies, responses, path items). @param {any} doc @param {unknown} obj */
function deref(doc, obj) {
  let cur = obj;
  for (let i = 0; i < 32 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const target = resolvePointer(doc, cur.$ref);
    if (target === undefined) return cur;
    cur = target;
  }
  return cur;
}

/** @param {any} doc @param {string} name */
function componentSchema(doc, name) {
  const schemas = doc?.components?.schemas;
  return isObj(schemas) && Object.hasOwn(schemas, name) ? schemas[name] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Schema views: one normalized shape for the many ways OpenAPI 3.0 and 3.1 spell the same thing
// (nullable: true, type: [T, 'null'], anyOf with {type: 'null'}, allOf wrappers around a $ref,
// open enums spelled anyOf [{enum}, {type}], oneOf of consts, ...).

/**
 * @typedef {{ schema: unknown, owner: string | null }} PropertyView
 * @typedef {{
 *   ref: string | null, unresolved: boolean, nullable: boolean, types: Set<string>,
 *   enum: { values: unknown[], open: boolean } | null,
 *   properties: Map<string, PropertyView>, required: Map<string, Set<string | null>>,
 *   items: unknown, additional: unknown,
 *   variants: Map<string, unknown> | null, variantKw: string,
 * }} View
 */

/** @returns {View} */
function emptyView() {
  return {
    ref: null,
    unresolved: false,
    nullable: false,
    types: new Set(),
    enum: null,
    properties: new Map(),
    required: new Map(),
    items: undefined,
    additional: undefined,
    variants: null,
    variantKw: 'oneOf',
  };
}

/** @param {unknown} s */
const hasStructure = (s) => isObj(s) && STRUCTURAL.some((k) => k in s);

/** @param {unknown} s */
function isNullSchema(s) {
  if (!isObj(s)) return false;
  if (s.type === 'null') return true;
  if (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === 'null') return true;
  if ('const' in s && s.const === null) return true;
  return Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every((v) => v === null);
}

/** @param {unknown[]} values */
function inferEnumTypes(values) {
  const types = new Set();
  for (const v of values) {
    if (typeof v === 'number') types.add(Number.isInteger(v) ? 'integer' : 'number');
    else if (typeof v === 'string' || typeof v === 'boolean') types.add(typeof v);
    else if (Array.isArray(v)) types.add('array');
    else if (isObj(v)) types.add('object');
  }
  if (types.has('number')) types.delete('integer');
  return types;
}

/**
 * @param {unknown} schema
 * @param {any} doc
 * @param {Set<string>} [resolving] references being expanded, against allOf cycles
 * @returns {View}
 */
function view(schema, doc, resolving = new Set()) {
  const v = emptyView();
  if (schema === false) {
    v.types.add('never');
    return v;
  }
  if (!isObj(schema)) return v;
  const annotatedNullable = schema.nullable === true;

  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    if (hasStructure(rest)) return view({ allOf: [{ $ref }, rest] }, doc, resolving);
    const name = componentName($ref);
    if (name !== undefined) {
      v.ref = name;
      v.unresolved = componentSchema(doc, name) === undefined;
      v.nullable = annotatedNullable;
      return v;
    }
    const target = resolvePointer(doc, $ref);
    if (target === undefined || resolving.has($ref)) {
      v.ref = $ref;
      v.unresolved = true;
      return v;
    }
    resolving.add($ref);
    const inner = view(target, doc, resolving);
    resolving.delete($ref);
    inner.nullable ||= annotatedNullable;
    return inner;
  }

  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    const members = [...allOf, ...(hasStructure(rest) ? [rest] : [])].filter((m) => !isNullSchema(m));
    const structural = members.filter(hasStructure);
    const nullable = annotatedNullable || members.some((m) => isObj(m) && m.nullable === true && !hasStructure(m));
    if (structural.length === 0) {
      v.nullable = nullable;
      return v;
    }
    if (structural.length === 1) {
      const inner = view(structural[0], doc, resolving);
      inner.nullable ||= nullable;
      return inner;
    }
    const merged = emptyView();
    const refs = structural.filter((m) => typeof m.$ref === 'string' && componentName(m.$ref) !== undefined);
    const inline = structural.filter((m) => !refs.includes(m));
    const memberViews = [];
    for (const m of refs) {
      const name = /** @type {string} */ (componentName(m.$ref));
      const key = SCHEMA_PREFIX + name;
      const target = componentSchema(doc, name);
      if (target === undefined || resolving.has(key)) continue;
      resolving.add(key);
      const mv = resolveAliases(view(target, doc, resolving), doc, resolving);
      resolving.delete(key);
      memberViews.push(mv);
      mergeInto(merged, mv, name);
    }
    for (const m of inline) {
      const mv = view(m, doc, resolving);
      memberViews.push(mv);
      mergeInto(merged, mv, null);
    }
    merged.nullable = nullable || (memberViews.length > 0 && memberViews.every((mv) => mv.nullable));
    return merged;
  }

  const unionKw = Array.isArray(schema.oneOf) ? 'oneOf' : Array.isArray(schema.anyOf) ? 'anyOf' : null;
  if (unionKw) {
    const { [unionKw]: members, ...rest } = schema;
    let nullable = annotatedNullable;
    /** @type {unknown[]} */
    const real = [];
    for (const m of members) {
      if (isNullSchema(m)) nullable = true;
      else real.push(m);
    }
    const restHasStructure = hasStructure(rest);
    if (real.length === 0) {
      const inner = restHasStructure ? view(rest, doc, resolving) : v;
      inner.nullable ||= nullable;
      return inner;
    }
    if (real.length === 1) {
      const inner = view(restHasStructure ? { allOf: [rest, real[0]] } : real[0], doc, resolving);
      inner.nullable ||= nullable;
      return inner;
    }
    const views = real.map((m) => view(m, doc, resolving));
    /** @param {View} mv */
    const isEnumish = (mv) => !mv.ref && mv.enum && !mv.properties.size && !mv.items && !mv.variants;
    /** @param {View} mv */
    const isPlain = (mv) =>
      !mv.ref &&
      !mv.enum &&
      mv.types.size === 1 &&
      !mv.types.has('object') &&
      !mv.types.has('array') &&
      !mv.properties.size &&
      !mv.items &&
      !mv.variants;
    if (views.some(isEnumish) && views.every((mv) => isEnumish(mv) || isPlain(mv))) {
      const enumTypes = new Set(views.filter(isEnumish).flatMap((mv) => [...mv.types]));
      const plain = views.filter(isPlain);
      if (plain.every((mv) => enumTypes.size === 0 || [...mv.types].every((t) => enumTypes.has(t)))) {
        const seen = new Set();
        const values = [];
        for (const mv of views.filter(isEnumish)) {
          for (const val of mv.enum?.values ?? []) {
            const k = JSON.stringify(val);
            if (!seen.has(k)) {
              seen.add(k);
              values.push(val);
            }
          }
        }
        const out = restHasStructure ? view(rest, doc, resolving) : emptyView();
        out.types = new Set([...enumTypes, ...plain.flatMap((mv) => [...mv.types])]);
        out.enum = { values, open: plain.length > 0 };
        out.nullable = nullable || out.nullable || views.some((mv) => mv.nullable);
        return out;
      }
    }
    const out = restHasStructure ? view(rest, doc, resolving) : emptyView();
    out.nullable ||= nullable;
    out.variantKw = unionKw;
    out.variants = new Map();
    const discriminator = isObj(schema.discriminator) ? schema.discriminator.propertyName : undefined;
    /** @type {Map<string, number>} */
    const perType = new Map();
    real.forEach((m, i) => {
      let key = variantKey(m, /** @type {View} */ (views[i]), discriminator, perType);
      if (out.variants?.has(key)) key = `${key}#${i + 1}`;
      out.variants?.set(key, m);
    });
    return out;
  }

  let nullable = annotatedNullable;
  if (typeof schema.type === 'string') v.types.add(schema.type);
  else for (const t of arr(schema.type)) if (typeof t === 'string') v.types.add(t);
  if (v.types.delete('null')) nullable = true;
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((x) => x !== null);
    if (values.length !== schema.enum.length) nullable = true;
    v.enum = { values, open: false };
  }
  if ('const' in schema) {
    if (schema.const === null) nullable = true;
    else v.enum = { values: [schema.const], open: false };
  }
  if (isObj(schema.properties)) {
    for (const [name, p] of Object.entries(schema.properties)) v.properties.set(name, { schema: p, owner: null });
  }
  for (const name of arr(schema.required)) if (typeof name === 'string') v.required.set(name, new Set([null]));
  if (schema.items !== undefined) v.items = schema.items;
  if (schema.additionalProperties !== undefined) v.additional = schema.additionalProperties;
  if (v.types.size === 0) {
    if (v.properties.size || isObj(schema.additionalProperties)) v.types.add('object');
    else if (schema.items !== undefined) v.types.add('array');
    else if (v.enum) for (const t of inferEnumTypes(v.enum.values)) v.types.add(t);
  }
  v.nullable = nullable;
  return v;
}

/** A component that is only an alias of another one (`A: {$ref: B}`) stands for B. @param {View} start @param {any} doc @param {Set<string>} resolving */
function resolveAliases(start, doc, resolving) {
  let cur = start;
  for (let i = 0; i < 32 && cur.ref && !cur.unresolved; i++) {
    const key = SCHEMA_PREFIX + cur.ref;
    if (resolving.has(key)) break;
    const next = view(componentSchema(doc, cur.ref), doc, resolving);
    next.nullable ||= cur.nullable;
    cur = next;
  }
  return cur;
}

/** @param {View} into @param {View} from @param {string | null} owner */
function mergeInto(into, from, owner) {
  if (from.types.size) {
    if (into.types.size === 0) into.types = new Set(from.types);
    else {
      const both = new Set([...into.types].filter((t) => from.types.has(t)));
      if (both.size) into.types = both;
    }
  }
  for (const [name, p] of from.properties) into.properties.set(name, { schema: p.schema, owner: owner ?? p.owner });
  for (const [name, owners] of from.required) {
    const set = into.required.get(name) ?? new Set();
    for (const o of owners) set.add(owner ?? o);
    into.required.set(name, set);
  }
  into.enum ??= from.enum;
  if (into.items === undefined) into.items = from.items;
  if (into.additional === undefined) into.additional = from.additional;
  if (!into.variants && from.variants) {
    into.variants = from.variants;
    into.variantKw = from.variantKw;
  }
}

/** @param {any} m @param {View} mv @param {string | undefined} discriminator @param {Map<string, number>} perType */
function variantKey(m, mv, discriminator, perType) {
  if (mv.ref) return mv.ref;
  if (isObj(m) && typeof m.title === 'string' && m.title) return m.title;
  for (const prop of [discriminator, 'type', 'kind', 'object'].filter(Boolean)) {
    const p = mv.properties.get(/** @type {string} */ (prop));
    if (!p) continue;
    const pv = view(p.schema, undefined);
    if (pv.enum && pv.enum.values.length === 1) return `${prop}=${String(pv.enum.values[0])}`;
  }
  const base = mv.types.size ? [...mv.types].sort().join('|') : 'any';
  const n = (perType.get(base) ?? 0) + 1;
  perType.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}

/** @param {View} v */
const typeLabel = (v) => (v.types.size ? [...v.types].sort().join(' | ') : 'any');
/** @param {View} v */
const objectish = (v) => v.types.has('object') || (v.types.size === 0 && v.properties.size > 0);
/** @param {View} v */
const arrayish = (v) => v.types.has('array');

// ---------------------------------------------------------------------------------------------
// Comparison

/**
 * @typedef {{
 *   oldDoc: any, newDoc: any, dir: Direction, group: ChangeGroup,
 *   render: (segs: Segment[]) => string,
 *   out: { category: Category, change: Change }[],
 *   stack: Map<unknown, Set<unknown>>, depth: number,
 * }} Ctx
 */

/** @param {Ctx} c @param {Segment[]} segs @param {string} kind @param {Category} category @param {string} message */
function emit(c, segs, kind, category, message) {
  c.out.push({ category, change: { kind, group: c.group, location: c.render(segs), message } });
}

/** @param {Segment[]} segs */
function dataPath(segs) {
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
function schemaPath(segs) {
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
function compareSchema(a, b, c, segs) {
  let va = view(a, c.oldDoc);
  let vb = view(b, c.newDoc);
  if (va.ref && vb.ref && va.ref === vb.ref) {
    // Same component on both sides: its changes are reported once, at the component.
    compareNullable(va, vb, c, segs);
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

// ---------------------------------------------------------------------------------------------
// Where each component schema is used

/** @param {any} doc @returns {Map<string, Set<'request' | 'response'>>} */
function componentUsage(doc) {
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

// ---------------------------------------------------------------------------------------------
// Operations

/** @typedef {{ method: string, path: string, op: Record<string, any>, pathParams: unknown }} Operation */

/** @param {any} doc @returns {Operation[]} */
function collectOperations(doc) {
  /** @type {Operation[]} */
  const ops = [];
  if (!isObj(doc?.paths)) return ops;
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = deref(doc, rawItem);
    if (!isObj(item)) continue;
    for (const m of METHODS) {
      if (isObj(item[m])) ops.push({ method: m.toUpperCase(), path, op: item[m], pathParams: item.parameters });
    }
  }
  return ops;
}

/** @param {string} path */
const templateKey = (path) => path.replace(/\{[^}]*\}/g, '{}');

/** Pairs the operations of both documents: first by method + exact path, then ignoring path parameter names. @param {Operation[]} oldOps @param {Operation[]} newOps */
function matchOperations(oldOps, newOps) {
  /** @type {[Operation, Operation][]} */
  const pairs = [];
  const exact = new Map(newOps.map((o) => [`${o.method} ${o.path}`, o]));
  const leftOld = [];
  const usedNew = new Set();
  for (const o of oldOps) {
    const n = exact.get(`${o.method} ${o.path}`);
    if (n) {
      pairs.push([o, n]);
      usedNew.add(n);
    } else leftOld.push(o);
  }
  const leftNew = newOps.filter((o) => !usedNew.has(o));
  /** @param {Operation[]} list */
  const byTemplate = (list) => {
    /** @type {Map<string, Operation[]>} */
    const m = new Map();
    for (const o of list) {
      const k = `${o.method} ${templateKey(o.path)}`;
      m.set(k, [...(m.get(k) ?? []), o]);
    }
    return m;
  };
  const tOld = byTemplate(leftOld);
  const tNew = byTemplate(leftNew);
  const removed = [];
  const matchedNew = new Set();
  for (const o of leftOld) {
    const k = `${o.method} ${templateKey(o.path)}`;
    const candidates = tNew.get(k);
    if (candidates?.length === 1 && tOld.get(k)?.length === 1) {
      pairs.push([o, /** @type {Operation} */ (candidates[0])]);
      matchedNew.add(candidates[0]);
    } else removed.push(o);
  }
  return { pairs, removed, added: leftNew.filter((o) => !matchedNew.has(o)) };
}

/** @param {Operation} o */
const opLabel = (o) => `${o.method} ${o.path}`;
/** @param {Operation} o */
const opIdNote = (o) => (typeof o.op.operationId === 'string' ? ` (operationId ${code(o.op.operationId)})` : '');

/** @param {any} doc @param {Operation} o @returns {Map<string, Record<string, any>>} */
function parametersOf(doc, o) {
  const map = new Map();
  for (const raw of [...arr(o.pathParams), ...arr(o.op.parameters)]) {
    const p = deref(doc, raw);
    if (!isObj(p) || typeof p.name !== 'string') continue;
    const where = typeof p.in === 'string' ? p.in : 'query';
    map.set(`${where}\u0000${where === 'header' ? p.name.toLowerCase() : p.name}`, p);
  }
  return map;
}

/** @param {Record<string, any>} p */
function parameterSchema(p) {
  if (p.schema !== undefined) return p.schema;
  if (isObj(p.content)) {
    const first = Object.values(p.content)[0];
    if (isObj(first)) return first.schema;
  }
  return undefined;
}

/** @param {string} mediaType */
const mediaSuffix = (mediaType) => (mediaType === '' || mediaType === 'application/json' ? '' : ` (${mediaType})`);

/**
 * @param {Ctx['out']} out @param {any} oldDoc @param {any} newDoc @param {Operation} oo @param {Operation} no
 */
function compareOperation(out, oldDoc, newDoc, oo, no) {
  const label = opLabel(no);
  /** @param {ChangeGroup} group @param {Direction} dir @param {(segs: Segment[]) => string} render @returns {Ctx} */
  const ctx = (group, dir, render) => ({ oldDoc, newDoc, dir, group, render, out, stack: new Map(), depth: 0 });
  const opCtx = ctx('Operations', 'both', () => label);

  if (oo.op.operationId !== no.op.operationId) {
    const from = typeof oo.op.operationId === 'string' ? code(oo.op.operationId) : 'none';
    const to = typeof no.op.operationId === 'string' ? code(no.op.operationId) : 'none';
    emit(opCtx, [], 'operation-id-changed', 'breaking', `operationId renamed from ${from} to ${to}`);
  }
  if (oo.path !== no.path) {
    emit(opCtx, [], 'path-template-changed', 'non-breaking', `path template was ${code(oo.path)}`);
  }
  if (oo.op.deprecated !== true && no.op.deprecated === true) {
    emit(opCtx, [], 'operation-deprecated', 'non-breaking', 'operation deprecated');
  }

  // Parameters
  const pa = parametersOf(oldDoc, oo);
  const pb = parametersOf(newDoc, no);
  for (const key of [...new Set([...pa.keys(), ...pb.keys()])].sort()) {
    const a = pa.get(key);
    const b = pb.get(key);
    const p = /** @type {Record<string, any>} */ (b ?? a);
    const name = /** @type {string} */ (p.name);
    const where = typeof p.in === 'string' ? p.in : 'query';
    const c = ctx(
      'Parameters',
      'request',
      (segs) => `${label} ${where} parameter ${dataPath([{ t: 'prop', name }, ...segs])}`,
    );
    const reqA = a?.required === true || where === 'path';
    const reqB = b?.required === true || where === 'path';
    if (!a) {
      if (reqB) emit(c, [], 'parameter-added', 'breaking', 'required parameter added');
      else emit(c, [], 'parameter-added', 'non-breaking', 'optional parameter added');
    } else if (!b) {
      emit(c, [], 'parameter-removed', 'breaking', 'parameter removed');
    } else {
      if (!reqA && reqB) emit(c, [], 'parameter-now-required', 'breaking', 'parameter is now required');
      if (reqA && !reqB) emit(c, [], 'parameter-now-optional', 'non-breaking', 'parameter is now optional');
      if (a.deprecated !== true && b.deprecated === true) {
        emit(c, [], 'parameter-deprecated', 'non-breaking', 'parameter deprecated');
      }
      compareSchema(parameterSchema(a) ?? {}, parameterSchema(b) ?? {}, c, []);
    }
  }

  // Request body
  const ba = deref(oldDoc, oo.op.requestBody);
  const bb = deref(newDoc, no.op.requestBody);
  const bodyCtx = (/** @type {string} */ mt) =>
    ctx('Request bodies', 'request', (segs) => {
      const path = dataPath(segs);
      return `${label} request body${mediaSuffix(mt)}${path ? ` ${path}` : ''}`;
    });
  if (!isObj(ba) && isObj(bb)) {
    if (bb.required === true) emit(bodyCtx(''), [], 'request-body-added', 'breaking', 'required request body added');
    else emit(bodyCtx(''), [], 'request-body-added', 'non-breaking', 'optional request body added');
  } else if (isObj(ba) && !isObj(bb)) {
    emit(bodyCtx(''), [], 'request-body-removed', 'breaking', 'request body removed');
  } else if (isObj(ba) && isObj(bb)) {
    if (ba.required !== true && bb.required === true) {
      emit(bodyCtx(''), [], 'request-body-now-required', 'breaking', 'request body is now required');
    } else if (ba.required === true && bb.required !== true) {
      emit(bodyCtx(''), [], 'request-body-now-optional', 'non-breaking', 'request body is now optional');
    }
    compareContent(ba.content, bb.content, bodyCtx, 'request');
  }

  // Responses
  const ra = isObj(oo.op.responses) ? oo.op.responses : {};
  const rb = isObj(no.op.responses) ? no.op.responses : {};
  for (const status of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    const a = deref(oldDoc, ra[status]);
    const b = deref(newDoc, rb[status]);
    const respCtx = (/** @type {string} */ mt) =>
      ctx('Responses', 'response', (segs) => {
        const path = dataPath(segs);
        return `${label} ${status}${mediaSuffix(mt)}${path ? ` ${path}` : ''}`;
      });
    const success = /^2/.test(status);
    if (!isObj(a) && isObj(b)) {
      emit(respCtx(''), [], 'response-added', 'non-breaking', `response status ${status} added`);
    } else if (isObj(a) && !isObj(b)) {
      const category = success ? 'breaking' : 'non-breaking';
      emit(respCtx(''), [], 'response-removed', category, `response status ${status} removed`);
    } else if (isObj(a) && isObj(b)) {
      compareContent(a.content, b.content, respCtx, 'response');
    }
  }
}

/**
 * @param {unknown} ca @param {unknown} cb @param {(mediaType: string) => Ctx} makeCtx @param {'request' | 'response'} what
 */
function compareContent(ca, cb, makeCtx, what) {
  const a = isObj(ca) ? ca : {};
  const b = isObj(cb) ? cb : {};
  for (const mt of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const c = makeCtx(mt);
    if (!(mt in b)) {
      emit(c, [], 'media-type-removed', 'breaking', `${what} media type ${code(mt)} removed`);
    } else if (!(mt in a)) {
      emit(c, [], 'media-type-added', 'non-breaking', `${what} media type ${code(mt)} added`);
    } else {
      const sa = isObj(a[mt]) ? a[mt].schema : undefined;
      const sb = isObj(b[mt]) ? b[mt].schema : undefined;
      if (sa === undefined && sb !== undefined) {
        emit(c, [], 'schema-added', 'non-breaking', `${what} schema added`);
      } else if (sa !== undefined && sb === undefined) {
        emit(c, [], 'schema-removed', 'breaking', `${what} schema removed`);
      } else if (sa !== undefined && sb !== undefined) {
        compareSchema(sa, sb, c, []);
      }
    }
  }
}

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

/**
 * Renders a diff result as Markdown: breaking changes first, then the ones that need attention, then the
 * non-breaking ones, each grouped (operations, parameters, request bodies, responses, schemas).
 * @param {DiffResult} result
 * @returns {string}
 */
export function renderMarkdown(result) {
  const { breaking, attention, nonBreaking } = result;
  if (breaking.length + attention.length + nonBreaking.length === 0) return 'No API changes.\n';
  const plural = (/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many) =>
    `${n} ${n === 1 ? one : many}`;
  const lines = [
    '## API changes',
    '',
    `${plural(breaking.length, 'breaking change', 'breaking changes')}, ` +
      `${plural(attention.length, 'change that needs', 'changes that need')} attention, ` +
      `${plural(nonBreaking.length, 'non-breaking change', 'non-breaking changes')}.`,
  ];
  /** @param {string} title @param {Change[]} changes @param {string} [note] */
  const section = (title, changes, note) => {
    if (!changes.length) return;
    lines.push('', `### ${title}`);
    if (note) lines.push('', note);
    for (const group of GROUPS) {
      const inGroup = changes.filter((ch) => ch.group === group);
      if (!inGroup.length) continue;
      lines.push('', `#### ${group}`, '');
      for (const ch of inGroup) lines.push(`- ${code(ch.location)}: ${ch.message}`);
    }
  };
  section('Breaking changes', breaking);
  section(
    'Needs attention',
    attention,
    'Compatible on the wire, but clients may now receive values or shapes they did not handle before ' +
      '(for example in an exhaustive `switch`).',
  );
  section('Non-breaking changes', nonBreaking);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Loading documents and the command line

/**
 * Parses YAML or JSON text and checks that it is an OpenAPI 3.x document.
 * @param {string} text @param {string} name the input as the user named it, for error messages
 * @returns {Record<string, any>}
 */
export function parseSpec(text, name) {
  /** @type {unknown} */
  let doc;
  const trimmed = text.trimStart();
  let parsedAsJson = false;
  if (trimmed.startsWith('{')) {
    try {
      doc = JSON.parse(text);
      parsedAsJson = true;
    } catch {}
  }
  if (!parsedAsJson) {
    const parsed = parseDocument(text, { prettyErrors: false });
    if (parsed.errors.length) {
      const first = /** @type {Error} */ (parsed.errors[0]);
      throw new Error(`${name}: not valid YAML or JSON: ${first.message.split('\n')[0]}`);
    }
    doc = parsed.toJS({ maxAliasCount: -1 });
  }
  if (!isObj(doc)) throw new Error(`${name}: not an OpenAPI document (expected a mapping at the top level)`);
  if (typeof doc.swagger === 'string')
    throw new Error(`${name}: Swagger ${doc.swagger} is not supported (OpenAPI 3.x only)`);
  if (typeof doc.openapi !== 'string') throw new Error(`${name}: not an OpenAPI document (no "openapi" version field)`);
  if (!/^3\./.test(doc.openapi)) throw new Error(`${name}: OpenAPI ${doc.openapi} is not supported (3.x only)`);
  if (doc.paths !== undefined && !isObj(doc.paths)) throw new Error(`${name}: "paths" is not a mapping`);
  return doc;
}

/**
 * Reads a document from a file, or from git with `git:<rev>:<path>` (path from the repository root).
 * @param {string} spec @param {{ cwd?: string }} [options]
 * @returns {Record<string, any>}
 */
export function loadSpec(spec, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  let text;
  if (spec.startsWith('git:')) {
    const rest = spec.slice(4);
    const colon = rest.indexOf(':');
    const rev = rest.slice(0, colon);
    const path = rest.slice(colon + 1);
    if (colon <= 0 || path === '' || rev.startsWith('-')) {
      throw new Error(`${spec}: expected git:<rev>:<path>, for example git:origin/main:openapi/openapi.yaml`);
    }
    try {
      text = execFileSync('git', ['show', `${rev}:${path}`], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 1024 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const e = /** @type {{ stderr?: string, message: string }} */ (error);
      const detail = String(e.stderr ?? '').trim() || e.message;
      throw new Error(`${spec}: cannot read it from git: ${detail}`);
    }
  } else {
    try {
      text = readFileSync(resolvePath(cwd, spec), 'utf8');
    } catch (error) {
      const e = /** @type {NodeJS.ErrnoException} */ (error);
      const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
      throw new Error(`${spec}: cannot read the file (${why})`);
    }
  }
  return parseSpec(text, spec);
}

const USAGE = `usage: spec-diff [--json] [--fail-on-breaking] <old> <new>
  <old>, <new>          an OpenAPI 3.x document: a YAML or JSON file, or git:<rev>:<path>
                        (that file at that git revision, path from the repository root)
  --json                print the result as JSON instead of Markdown
  --fail-on-breaking    exit with status 1 when there are breaking changes
`;

/**
 * Runs the command line; returns the exit code.
 * @param {string[]} argv
 * @param {{ stdout?: { write(s: string): unknown }, stderr?: { write(s: string): unknown }, cwd?: string }} [io]
 * @returns {number}
 */
export function main(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let json = false;
  let failOnBreaking = false;
  const positional = [];
  let options = true;
  for (const arg of argv) {
    if (options && arg === '--') options = false;
    else if (options && arg === '--json') json = true;
    else if (options && arg === '--fail-on-breaking') failOnBreaking = true;
    else if (options && (arg === '--help' || arg === '-h')) {
      stdout.write(USAGE);
      return 0;
    } else if (options && arg.startsWith('-') && arg !== '-') {
      stderr.write(`spec-diff: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else positional.push(arg);
  }
  if (positional.length !== 2) {
    stderr.write(`spec-diff: expected two documents, got ${positional.length}\n${USAGE}`);
    return 2;
  }
  let result;
  try {
    const oldDoc = loadSpec(/** @type {string} */ (positional[0]), { cwd: io.cwd });
    const newDoc = loadSpec(/** @type {string} */ (positional[1]), { cwd: io.cwd });
    result = diffSpecs(oldDoc, newDoc);
  } catch (error) {
    stderr.write(`spec-diff: ${/** @type {Error} */ (error).message}\n`);
    return 2;
  }
  if (json) {
    const summary = {
      breaking: result.breaking.length,
      attention: result.attention.length,
      nonBreaking: result.nonBreaking.length,
    };
    stdout.write(`${JSON.stringify({ summary, ...result }, null, 2)}\n`);
  } else {
    stdout.write(renderMarkdown(result));
  }
  return failOnBreaking && result.breaking.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
