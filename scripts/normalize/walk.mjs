// Visits every Schema Object of an OpenAPI 3.1 document, wherever it sits: components, parameters,
// request bodies, responses, and every nested subschema. The steps of the normalizer are built on it.

const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_SINGLE = ['items', 'not', 'additionalProperties', 'contains', 'if', 'then', 'else'];
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs'];

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Calls `visit(schema, path)` on `schema` and each subschema, children first (so a visitor sees fixed children). */
export function walkSchema(schema, visit, path = []) {
  if (!isObject(schema)) return;
  for (const key of SUBSCHEMA_LISTS) {
    if (Array.isArray(schema[key]))
      for (const [i, sub] of schema[key].entries()) walkSchema(sub, visit, [...path, key, i]);
  }
  for (const key of SUBSCHEMA_SINGLE) {
    if (isObject(schema[key])) walkSchema(schema[key], visit, [...path, key]);
  }
  for (const key of SUBSCHEMA_MAPS) {
    if (isObject(schema[key])) {
      for (const [name, sub] of Object.entries(schema[key])) walkSchema(sub, visit, [...path, key, name]);
    }
  }
  visit(schema, path);
}

/** Every top-level schema slot of a document: [path, schema] pairs. */
export function* schemaRoots(doc) {
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    yield [['components', 'schemas', name], schema];
  }
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of operationsOf(item)) {
      const at = ['paths', route, method];
      for (const [i, param] of (op.parameters ?? []).entries()) {
        if (param.schema) yield [[...at, 'parameters', i, 'schema'], param.schema];
      }
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        if (media.schema) yield [[...at, 'requestBody', 'content', type, 'schema'], media.schema];
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (media.schema) yield [[...at, 'responses', status, 'content', type, 'schema'], media.schema];
        }
      }
    }
  }
}

/** Calls `visit(schema, path)` on every schema in the document. */
export function walkDocumentSchemas(doc, visit) {
  for (const [path, schema] of schemaRoots(doc)) walkSchema(schema, visit, path);
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The [method, operation] pairs of a Path Item. */
export function operationsOf(pathItem) {
  return HTTP_METHODS.filter((m) => isObject(pathItem?.[m])).map((m) => [m, pathItem[m]]);
}

/** Every operation of a document as { route, method, op, key: 'GET /route' }. */
export function* operations(doc) {
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of operationsOf(item)) yield { route, method, op, key: `${method.toUpperCase()} ${route}` };
  }
}

export { isObject };

const SCHEMA_REF = '#/components/schemas/';

/**
 * The names of the component schemas reached from `roots` (any part of the document) through
 * `$ref`s and discriminator mappings, followed transitively; examples are data, not followed.
 */
export function componentsReachedFrom(doc, roots) {
  const schemas = doc.components?.schemas ?? {};
  const reached = new Set();
  const pending = [...roots];
  const reach = (ref) => {
    if (typeof ref !== 'string' || !ref.startsWith(SCHEMA_REF)) return;
    const name = ref.slice(SCHEMA_REF.length);
    if (reached.has(name) || !(name in schemas)) return;
    reached.add(name);
    pending.push(schemas[name]);
  };
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') reach(value);
        else if (key === 'mapping' && value && typeof value === 'object') Object.values(value).forEach(reach);
        else if (key !== 'example' && key !== 'examples') pending.push(value);
      }
    }
  }
  return reached;
}
