import { throwFirst } from '../problems.mjs';
import { operations, walkDocumentSchemas } from '../walk.mjs';

const COMPONENT_KEY = /^[a-zA-Z0-9._-]+$/;
const SCHEMA_REF = '#/components/schemas/';
const NAMES_FILE = 'openapi/names.yaml';

// Each step takes a problem collector last (scripts/normalize/problems.mjs): the pipeline's collects
// every missing name and carries on; without one, the first problem is thrown.

/**
 * Defect: schema names made by path, with a space (illegal as a component key), `__schema0`, or
 * `Error` (shadows the global in TypeScript). Renames components with openapi/names.yaml `schemas`
 * and rewrites every `$ref`. A name that is still illegal, or `Error`, is a problem naming the page.
 */
export function renameSchemas(
  doc,
  schemaNames,
  where = 'document',
  mergeSame = refuseDifferent,
  problems = throwFirst,
  section = 'schemas',
) {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const renameRef = (ref) =>
    typeof ref === 'string' && ref.startsWith(SCHEMA_REF)
      ? SCHEMA_REF + (schemaNames[ref.slice(SCHEMA_REF.length)] ?? ref.slice(SCHEMA_REF.length))
      : ref;
  walkDocumentSchemas(doc, (schema) => {
    if (typeof schema.$ref === 'string') schema.$ref = renameRef(schema.$ref);
    // A discriminator's mapping names components by reference too.
    const mapping = schema.discriminator?.mapping;
    if (mapping) for (const [value, ref] of Object.entries(mapping)) mapping[value] = renameRef(ref);
  });
  const renamed = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const target = schemaNames[name] ?? name;
    if (!COMPONENT_KEY.test(target) || target.startsWith('__') || target === 'Error') {
      problems.add({
        what: `schema "${name}" needs a name in openapi/names.yaml (${section}): "${target}" is not a usable component name`,
        where,
        file: NAMES_FILE,
        subject: `schema name ${name}`,
      });
    }
    // Two source names for one concept on the same page are merged like copies from two pages.
    renamed[target] = target in renamed ? mergeSame(renamed[target], schema, target) : schema;
  }
  doc.components.schemas = renamed;
  return doc;
}

/** Defect: operationIds that collide or say nothing (`list`, `get-key`): set from names.yaml `operationIds`. */
export function setOperationIds(doc, operationIds, where = 'document', problems = throwFirst) {
  for (const { op, key } of operations(doc)) {
    const id = operationIds[key];
    if (id) {
      op.operationId = id;
      continue;
    }
    const suggestion = typeof op.operationId === 'string' ? ` (the source calls it "${op.operationId}")` : '';
    problems.add({
      what: `operation "${key}" has no operationId in openapi/names.yaml (operationIds)${suggestion}`,
      where,
      file: NAMES_FILE,
      subject: `operationId of ${key}`,
    });
    delete op.operationId;
  }
  return doc;
}

/** Defect: `tags: [[subpackage_models]]`, a nested list of generator names: flat, readable tags from names.yaml. */
export function setReadableTags(doc, tagNames, operationTags = {}, where = 'document', problems = throwFirst) {
  for (const { op, key } of operations(doc)) {
    const raw = (op.tags ?? []).flat(Infinity);
    const tags = raw.map((tag) => tagNames[tag] ?? tag);
    const unknown = raw.filter((tag) => /^subpackage_/.test(tag) && !(tag in tagNames));
    if (unknown.length > 0) {
      problems.add({
        what: `tag(s) ${unknown.join(', ')} of "${key}" need a name in openapi/names.yaml (tags)`,
        where,
        file: NAMES_FILE,
        subject: `tags ${unknown.join(', ')}`,
      });
    }
    if (tags.length === 0 && operationTags[key]) tags.push(operationTags[key]);
    if (tags.length > 0) op.tags = [...new Set(tags)];
    else delete op.tags;
  }
  return doc;
}

/** Inline request bodies become named components (names.yaml `requestBodies`), for SDKs that need a type name. */
export function hoistRequestBodies(doc, bodyNames, where = 'document', problems = throwFirst) {
  for (const { op, key } of operations(doc)) {
    const media = op.requestBody?.content?.['application/json'];
    if (!media?.schema || media.schema.$ref) continue;
    const name = bodyNames[key];
    if (!name) {
      problems.add({
        what: `the inline request body of "${key}" needs a name in openapi/names.yaml (requestBodies)`,
        where,
        file: NAMES_FILE,
        subject: `request body of ${key}`,
      });
      continue;
    }
    doc.components ??= {};
    doc.components.schemas ??= {};
    if (name in doc.components.schemas) {
      problems.add({
        what: `names.yaml names the body of "${key}" ${name}, which the page already uses`,
        where,
        file: NAMES_FILE,
        subject: `request body of ${key}`,
      });
      continue;
    }
    doc.components.schemas[name] = media.schema;
    media.schema = { $ref: SCHEMA_REF + name };
  }
  return doc;
}

function refuseDifferent(a, b, name) {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`two different schemas are both named "${name}"`);
  return a;
}

/** Inline 2xx JSON response bodies become named components too (names.yaml `responseBodies`). */
export function hoistResponseBodies(doc, bodyNames, where = 'document', problems = throwFirst) {
  for (const { op, key } of operations(doc)) {
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      const media = response.content?.['application/json'];
      if (!/^2/.test(status) || !media?.schema || media.schema.$ref) continue;
      const name = bodyNames[key];
      if (!name) {
        problems.add({
          what: `the inline ${status} body of "${key}" needs a name in openapi/names.yaml (responseBodies)`,
          where,
          file: NAMES_FILE,
          subject: `${status} body of ${key}`,
        });
        continue;
      }
      doc.components ??= {};
      doc.components.schemas ??= {};
      if (name in doc.components.schemas) {
        problems.add({
          what: `names.yaml names the ${status} body of "${key}" ${name}, which the page already uses`,
          where,
          file: NAMES_FILE,
          subject: `${status} body of ${key}`,
        });
        continue;
      }
      doc.components.schemas[name] = media.schema;
      media.schema = { $ref: SCHEMA_REF + name };
    }
  }
  return doc;
}

/**
 * Reusable inline schemas of the published description get names (names.yaml `publishedInline`,
 * keyed by their place: `Component.properties.field[.anyOf.1...]`), so a concept the pages already
 * named keeps its public name and other languages get a type name. Applied in order, so a later
 * entry may point inside an earlier one. A place that holds nothing, or a name already taken by a
 * different schema, is a problem naming the entry.
 */
export function hoistInlineSchemas(doc, places, where = 'document', problems = throwFirst) {
  const schemas = doc.components?.schemas ?? {};
  for (const [place, name] of Object.entries(places ?? {})) {
    const [root, ...steps] = place.split('.');
    let holder;
    let key = root;
    let node = schemas[root];
    for (const step of steps) {
      holder = node;
      key = Array.isArray(node) ? Number(step) : step;
      node = node?.[key];
    }
    if (!holder || node === undefined || typeof node !== 'object') {
      problems.add({
        what: `names.yaml publishedInline "${place}" points at nothing (remove the entry, or point it at the schema's new place)`,
        where,
        file: NAMES_FILE,
        subject: `publishedInline ${place}`,
      });
      continue;
    }
    if (typeof node.$ref === 'string' && Object.keys(node).length === 1) continue; // already named
    const { description: _ignored, ...nodeStructure } = node;
    if (name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(nodeStructure)) {
      problems.add({
        what: `names.yaml publishedInline "${place}" -> ${name}: the name is taken by another schema`,
        where,
        file: NAMES_FILE,
        subject: `publishedInline ${place}`,
      });
      continue;
    }
    const { description, ...structure } = node;
    schemas[name] = structure;
    holder[key] = { ...(description ? { description } : {}), $ref: SCHEMA_REF + name };
  }
  return doc;
}
