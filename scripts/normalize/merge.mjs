import { isDeepStrictEqual } from 'node:util';
import { isObject, operationsOf, walkSchema } from './walk.mjs';

// Merges the pages into one document: the union of what they describe, one component per concept.
// Pages are merged from the highest precedence down, so in every merge `a` (what is already there)
// comes from a page at least as authoritative as `b` (what arrives). Where they contradict, `a` wins
// and the contradiction is recorded in the conflict report (openapi/merge-report.md) for review;
// the decisions that settle them against the live API are overlays (openapi/overlays/).

const SCHEMA_REF = '#/components/schemas/';
const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'default',
  'format',
]);

export class Merger {
  constructor() {
    this.doc = { paths: {}, components: { schemas: {} } };
    /** @type {{ at: string, kept: unknown, dropped: unknown, keptFrom: string, droppedFrom: string }[]} */
    this.conflicts = [];
    /** Which page each component and operation first came from (for the report). */
    this.origin = new Map();
  }

  /**
   * Adds one page's document (already fixed and renamed) coming from `page`. `restatements: false`
   * keeps `allOf: [{ $ref }, {...}]` as it is: the published description uses it for extension
   * (an event that is its base event plus fields), not to restate the referenced schema.
   */
  add(fragment, page, { restatements = true } = {}) {
    this.page = page;
    this.restatements = restatements;
    for (const [name, schema] of Object.entries(fragment.components?.schemas ?? {})) this.addComponent(name, schema);
    for (const [route, item] of Object.entries(fragment.paths ?? {})) {
      for (const [method, op] of operationsOf(item)) this.addOperation(route, method, op);
    }
  }

  addComponent(name, schema) {
    const schemas = this.doc.components.schemas;
    const incoming = this.simplifyRestatements(structuredClone(schema));
    if (!(name in schemas)) {
      schemas[name] = incoming;
      this.origin.set(`components.schemas.${name}`, this.page);
      return;
    }
    schemas[name] = this.mergeSchema(schemas[name], incoming, `components.schemas.${name}`);
  }

  addOperation(route, method, op) {
    const at = `${method.toUpperCase()} ${route}`;
    const incoming = structuredClone(op);
    for (const schema of operationSchemas(incoming)) this.simplifyRestatements(schema.holder[schema.key]);
    this.doc.paths[route] ??= {};
    const existing = this.doc.paths[route][method];
    if (!existing) {
      this.doc.paths[route][method] = incoming;
      this.origin.set(at, this.page);
      return;
    }
    for (const [key, value] of Object.entries(incoming)) {
      if (key === 'parameters') existing.parameters = this.mergeParameters(existing.parameters ?? [], value, at);
      else if (key === 'responses') this.mergeResponses(existing.responses, value, at);
      else if (key === 'requestBody') existing.requestBody = existing.requestBody ?? value;
      else if (!(key in existing)) existing[key] = value;
      else if (!isDeepStrictEqual(existing[key], value) && key !== 'tags')
        this.conflict(`${at} ${key}`, existing[key], value);
    }
  }

  mergeParameters(kept, incoming, at) {
    const result = [...kept];
    for (const param of incoming) {
      const i = result.findIndex((p) => p.in === param.in && p.name === param.name);
      if (i === -1) result.push(param);
      else {
        const merged = { ...param, ...result[i] };
        merged.schema = this.mergeSchema(result[i].schema ?? {}, param.schema ?? {}, `${at} ${param.in} ${param.name}`);
        result[i] = merged;
      }
    }
    return result;
  }

  mergeResponses(kept, incoming, at) {
    for (const [status, response] of Object.entries(incoming)) {
      if (!kept[status]) {
        kept[status] = response;
        continue;
      }
      for (const [type, media] of Object.entries(response.content ?? {})) {
        kept[status].content ??= {};
        const existing = kept[status].content[type];
        if (!existing) kept[status].content[type] = media;
        else if (existing.schema && media.schema) {
          existing.schema = this.mergeSchema(existing.schema, media.schema, `${at} ${status} ${type}`);
        }
      }
    }
  }

  /**
   * `allOf: [{ $ref: X }, { ...restated }]` (page 002 restates a referenced schema with small changes):
   * annotations stay beside the `$ref`; restated structure is merged into component X.
   */
  simplifyRestatements(schema) {
    if (this.restatements === false) return schema;
    walkSchema(schema, (node) => {
      if (!Array.isArray(node.allOf) || node.allOf.length !== 2) return;
      const ref = node.allOf.find((part) => typeof part.$ref === 'string');
      const inline = node.allOf.find((part) => part !== ref);
      if (!ref || !isObject(inline) || inline.$ref || inline.allOf) return;
      delete node.allOf;
      node.$ref = ref.$ref;
      const structure = Object.fromEntries(Object.entries(inline).filter(([key]) => !ANNOTATIONS.has(key)));
      for (const [key, value] of Object.entries(inline))
        if (ANNOTATIONS.has(key) && key !== 'example') node[key] = value;
      if (Object.keys(structure).length > 0) this.addComponent(ref.$ref.slice(SCHEMA_REF.length), structure);
    });
    return schema;
  }

  /** Merges schema `b` into `a` (`a` wins contradictions). */
  mergeSchema(a, b, at) {
    if (isDeepStrictEqual(a, b)) return a;
    if (!isObject(a) || !isObject(b)) return this.conflict(at, a, b);
    const refA = asReference(a);
    const refB = asReference(b);
    if (refA && refB) {
      if (refA.$ref !== refB.$ref) return this.conflict(at, a, b);
      return withNullability({ ...refB.schema, ...refA.schema }, refA.nullable || refB.nullable);
    }
    if (refA || refB) {
      // One page references a component, the other describes the same thing inline: one concept,
      // so the inline description is merged into the component and the reference stays.
      const [ref, inline] = refA ? [refA, b] : [refB, a];
      if (inline.anyOf || inline.oneOf || inline.allOf) return this.conflict(at, a, b);
      const inlineNullable = [inline.type].flat().includes('null');
      const structure = Object.fromEntries(Object.entries(inline).filter(([key]) => key !== 'description'));
      if (inlineNullable) structure.type = [inline.type].flat().filter((t) => t !== 'null');
      if (Array.isArray(structure.type) && structure.type.length === 1) structure.type = structure.type[0];
      if (Object.keys(structure).length > 0) this.addComponent(ref.$ref.slice(SCHEMA_REF.length), structure);
      const description = a.description ?? b.description;
      return withNullability(
        { ...ref.schema, ...(description ? { description } : {}) },
        ref.nullable || inlineNullable,
      );
    }
    const merged = { ...a };
    if (isComposed(a) && !isComposed(b)) return this.mergeIntoComposition(a, b, at);
    if (isComposed(a) && isComposed(b) && !['anyOf', 'oneOf', 'allOf'].some((key) => key in a && key in b)) {
      // Two different compositions (anyOf here, oneOf there) of one thing: the earlier is kept.
      return this.conflict(at, a, b);
    }
    const union = a.anyOf ?? a.oneOf;
    if (Array.isArray(union) && b.type !== undefined && !b.anyOf && !b.oneOf) {
      // A union met by a plain typed description: the type is already said by the branches when one
      // of them has it; otherwise the pages contradict each other.
      const branchTypes = union.flatMap((branch) => [branch.type].flat());
      const types = [b.type].flat();
      if (!types.every((type) => branchTypes.includes(type))) this.conflict(`${at}.type`, union, b.type);
      const { type, ...rest } = b;
      b = rest;
    }
    for (const [key, value] of Object.entries(b)) {
      if (!(key in a)) {
        merged[key] = value;
        continue;
      }
      if (isDeepStrictEqual(a[key], value)) continue;
      const where = `${at}.${key}`;
      switch (key) {
        case 'properties': {
          merged.properties = { ...a.properties };
          for (const [prop, schema] of Object.entries(value)) {
            merged.properties[prop] =
              prop in a.properties ? this.mergeSchema(a.properties[prop], schema, `${at}.properties.${prop}`) : schema;
          }
          break;
        }
        case 'items':
        case 'additionalProperties':
          merged[key] = isObject(a[key]) && isObject(value) ? this.mergeSchema(a[key], value, where) : a[key];
          break;
        case 'enum':
          merged.enum = [...a.enum, ...value.filter((v) => !a.enum.some((kept) => isDeepStrictEqual(kept, v)))];
          break;
        case 'type': {
          // Nullability is a union: a field any page says may be null is typed so.
          const nullable = [a.type, value].flat().includes('null');
          const base = [a.type].flat().filter((t) => t !== 'null');
          const other = [value].flat().filter((t) => t !== 'null');
          if (!isDeepStrictEqual(base, other)) this.conflict(where, a.type, value);
          merged.type = nullable ? [...base, 'null'] : base.length === 1 ? base[0] : base;
          break;
        }
        case 'required':
          if (!isDeepStrictEqual([...a.required].sort(), [...value].sort())) this.conflict(where, a.required, value);
          break;
        case 'description':
        case 'example':
        case 'examples':
        case 'title':
          break; // the more authoritative page's wording is kept; not a contradiction worth a decision
        default:
          this.conflict(where, a[key], value);
      }
    }
    return merged;
  }

  /**
   * `a` composes its structure (allOf, anyOf, oneOf, $ref) and `b` describes it plainly: `b` can
   * add fields (properties) and wording, not restate the type (which would narrow `a`'s union or
   * contradict its referenced schema).
   */
  mergeIntoComposition(a, b, at) {
    const merged = { ...a };
    for (const [key, value] of Object.entries(b)) {
      if (key === 'properties' && isObject(value)) {
        merged.properties = { ...a.properties };
        for (const [prop, schema] of Object.entries(value)) {
          merged.properties[prop] =
            a.properties && prop in a.properties
              ? this.mergeSchema(a.properties[prop], schema, `${at}.properties.${prop}`)
              : schema;
        }
      } else if (ANNOTATIONS.has(key)) {
        if (!(key in merged)) merged[key] = value;
      } else if (key === 'type' && this.typeAdmitted(a, value)) {
        // The composition already says it (every branch or the referenced schema has the type).
      } else if (key === 'type') {
        this.conflict(`${at}.type`, a.anyOf ?? a.oneOf ?? a.allOf ?? a.$ref, value);
      } else if (!isDeepStrictEqual(a[key], value)) {
        this.conflict(`${at}.${key}`, a[key], value);
      }
    }
    return merged;
  }

  typeAdmitted(a, type) {
    const branches = [...(a.anyOf ?? []), ...(a.oneOf ?? []), ...(a.allOf ?? [])];
    const branchTypes = branches.flatMap((branch) => [branch.type].flat());
    return [type].flat().every((t) => t === 'null' || branchTypes.includes(t)) || typeof a.$ref === 'string';
  }

  conflict(at, kept, dropped) {
    // Copies: `kept` is part of the merged document, which later merges and the overlays change in place.
    this.conflicts.push({
      at,
      kept: structuredClone(kept),
      dropped: structuredClone(dropped),
      keptFrom: this.origin.get(rootOf(at)) ?? 'an earlier page',
      droppedFrom: this.page,
    });
    return kept;
  }
}

const isComposed = (schema) => ['allOf', 'anyOf', 'oneOf', '$ref'].some((key) => key in schema);

/** `{ $ref }` or a nullable reference `anyOf: [{ $ref }, { type: 'null' }]`, seen as one shape. */
function asReference(schema) {
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref, nullable: false, schema };
  const union = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(union) || union.length !== 2) return undefined;
  const ref = union.find((part) => typeof part.$ref === 'string' && Object.keys(part).length === 1);
  const nul = union.find((part) => part.type === 'null');
  if (!ref || !nul) return undefined;
  const { anyOf, oneOf, ...annotations } = schema;
  return { $ref: ref.$ref, nullable: true, schema: { ...annotations, $ref: ref.$ref } };
}

function withNullability(refSchema, nullable) {
  if (!nullable) return refSchema;
  const { $ref, ...annotations } = refSchema;
  return { ...annotations, anyOf: [{ $ref }, { type: 'null' }] };
}

function rootOf(at) {
  const component = at.match(/^components\.schemas\.[^.]+/);
  return component ? component[0] : at.split(' ').slice(0, 2).join(' ');
}

function* operationSchemas(op) {
  for (const param of op.parameters ?? []) if (param.schema) yield { holder: param, key: 'schema' };
  for (const media of Object.values(op.requestBody?.content ?? {}))
    if (media.schema) yield { holder: media, key: 'schema' };
  for (const response of Object.values(op.responses ?? {})) {
    for (const media of Object.values(response.content ?? {})) if (media.schema) yield { holder: media, key: 'schema' };
  }
}
