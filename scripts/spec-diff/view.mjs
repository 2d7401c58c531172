import { arr, componentName, componentSchema, isObj, resolvePointer, SCHEMA_PREFIX } from './shared.mjs';

// Schema views: one normalized shape for the many ways OpenAPI 3.0 and 3.1 spell the same thing
// (nullable: true, type: [T, 'null'], anyOf with {type: 'null'}, allOf wrappers around a $ref,
// open enums spelled anyOf [{enum}, {type}], oneOf of consts, ...).

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

/**
 * @typedef {{ schema: unknown, owner: string | null }} PropertyView
 * @typedef {{
 *   ref: string | null, unresolved: boolean, nullable: boolean, types: Set<string>,
 *   enum: { values: unknown[], open: boolean } | null,
 *   properties: Map<string, PropertyView>, required: Map<string, Set<string | null>>,
 *   items: unknown, additional: unknown,
 *   variants: Map<string, unknown> | null, variantKw: string,
 *   constraints: Map<string, unknown>,
 * }} View
 *   constraints: the validation keywords (CONSTRAINTS), `format` and `default` the schema sets.
 */

/** Keywords that narrow or widen the values a schema allows, and the annotations compared with them. */
export const CONSTRAINTS = [
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'format',
  'default',
];

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
    constraints: new Map(),
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
export function view(schema, doc, resolving = new Set()) {
  const v = viewOf(schema, doc, resolving);
  // Constraints written beside a $ref, an allOf or a nullable union (`anyOf: [X, null], maxLength`)
  // belong to this place as much as those inside.
  if (isObj(schema)) {
    for (const keyword of CONSTRAINTS) {
      if (schema[keyword] !== undefined && !v.constraints.has(keyword)) v.constraints.set(keyword, schema[keyword]);
    }
  }
  return v;
}

/** @param {unknown} schema @param {any} doc @param {Set<string>} resolving @returns {View} */
function viewOf(schema, doc, resolving) {
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
  for (const keyword of CONSTRAINTS) if (schema[keyword] !== undefined) v.constraints.set(keyword, schema[keyword]);
  v.nullable = nullable;
  return v;
}

/** A component that is only an alias of another one (`A: {$ref: B}`) stands for B. @param {View} start @param {any} doc @param {Set<string>} resolving */
export function resolveAliases(start, doc, resolving) {
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
  for (const [keyword, value] of from.constraints)
    if (!into.constraints.has(keyword)) into.constraints.set(keyword, value);
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
export const typeLabel = (v) => (v.types.size ? [...v.types].sort().join(' | ') : 'any');
/** @param {View} v */
export const objectish = (v) => v.types.has('object') || (v.types.size === 0 && v.properties.size > 0);
/** @param {View} v */
export const arrayish = (v) => v.types.has('array');
