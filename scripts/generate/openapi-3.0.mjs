// The OpenAPI 3.0 rendition of the normalized 3.1 document (openapi/openapi.3.0.json), for the
// generators that read only 3.0 (AutoRest, older openapi-generator and NSwag releases, kin-openapi's
// 3.0 loader). Same operations, same schemas; only the spelling changes where 3.0 has no word for
// what 3.1 says: `type: [T, 'null']` and null branches become `nullable: true`, `const` a one-value
// enum, schema `examples` an `example`, numeric exclusive bounds the boolean form, a `$ref` with
// sibling constraints (which 3.0 ignores) an `allOf` holding the reference. And what 3.0 generators
// need besides: see nameEnumBranches, inlineRedeclaredBases, parameterSchema, errorMarked.

const ANNOTATIONS = new Set(['description', 'title', 'example', 'deprecated', 'readOnly', 'writeOnly']);
// JSON Schema 2020-12 keywords with no OpenAPI 3.0 counterpart; the document uses none of them today,
// and a 3.0 reader would reject them, so a future use is dropped here rather than breaking the rendition.
const ONLY_31 = [
  '$schema',
  '$id',
  '$anchor',
  '$comment',
  '$defs',
  'unevaluatedProperties',
  'unevaluatedItems',
  'prefixItems',
  'propertyNames',
  'dependentRequired',
  'dependentSchemas',
  'if',
  'then',
  'else',
  'contains',
  'minContains',
  'maxContains',
  'patternProperties',
  'contentSchema',
];

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isNullSchema = (schema) =>
  isObject(schema) &&
  schema.type === 'null' &&
  Object.keys(schema).every((key) => key === 'type' || ANNOTATIONS.has(key));

/**
 * The one JSON type a 3.1 schema allows besides null, or undefined (several, or unknown); `$ref`s
 * are followed through `resolve`.
 */
export function singleType(schema, resolve, seen = new Set()) {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return undefined;
    seen.add(schema.$ref);
    return singleType(resolve(schema.$ref), resolve, seen);
  }
  if (schema.type !== undefined) {
    const types = [schema.type].flat().filter((type) => type !== 'null');
    return types.length === 1 ? types[0] : undefined;
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      const type = singleType(part, resolve, new Set(seen));
      if (type) return type;
    }
  }
  for (const union of ['anyOf', 'oneOf']) {
    if (!Array.isArray(schema[union])) continue;
    const types = new Set(
      schema[union]
        .filter((branch) => !isNullSchema(branch))
        .map((branch) => singleType(branch, resolve, new Set(seen))),
    );
    return types.size === 1 ? [...types][0] : undefined;
  }
  const values = [schema.const, ...(schema.enum ?? [])].filter((value) => value !== undefined && value !== null);
  const kinds = new Set(values.map((value) => (typeof value === 'number' ? 'number' : typeof value)));
  return kinds.size === 1 && !kinds.has('object') ? [...kinds][0] : undefined;
}

/**
 * One schema (and everything under it) in 3.0 spelling; the input is not changed. `resolve` maps a
 * `$ref` to its 3.1 schema: 3.0's `nullable` needs a `type` beside it, found through the branches.
 */
export function schemaTo30(input, resolve = () => undefined) {
  if (!isObject(input)) return input;
  const original = input;
  const schema = {};
  for (const [key, value] of Object.entries(input)) {
    if (ONLY_31.includes(key)) continue;
    if (key === 'properties' && isObject(value)) {
      schema.properties = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, schemaTo30(sub, resolve)]),
      );
    } else if (['items', 'additionalProperties', 'not'].includes(key)) schema[key] = schemaTo30(value, resolve);
    else if (['anyOf', 'oneOf', 'allOf'].includes(key) && Array.isArray(value))
      schema[key] = value.map((sub) => schemaTo30(sub, resolve));
    else schema[key] = value;
  }
  if ('const' in schema) {
    if (!('enum' in schema)) schema.enum = [schema.const];
    delete schema.const;
  }
  if (Array.isArray(schema.examples)) {
    if (!('example' in schema) && schema.examples.length > 0) schema.example = schema.examples[0];
    delete schema.examples;
  }
  for (const [bound, plain] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (typeof schema[bound] === 'number') {
      schema[plain] = schema[bound];
      schema[bound] = true;
    }
  }
  if ('contentEncoding' in schema || 'contentMediaType' in schema) {
    if (schema.type === 'string' && !schema.format)
      schema.format = schema.contentEncoding === 'base64' ? 'byte' : 'binary';
    delete schema.contentEncoding;
    delete schema.contentMediaType;
  }
  let nullable = false;
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null');
    nullable = types.length < schema.type.length;
    if (types.length === 1) schema.type = types[0];
    else {
      delete schema.type;
      if (types.length > 1) schema.anyOf = [...(schema.anyOf ?? []), ...types.map((type) => ({ type }))];
    }
  } else if (schema.type === 'null') {
    delete schema.type;
    nullable = true;
    schema.enum = [null];
  }
  if (Array.isArray(schema.enum) && schema.enum.includes(null) && schema.enum.length > 1) {
    schema.enum = schema.enum.filter((value) => value !== null);
    nullable = true;
  }
  for (const union of ['anyOf', 'oneOf']) {
    // Null branches are found in the input: converted, they already read `enum: [null]`.
    if (!Array.isArray(input[union]) || !input[union].some(isNullSchema)) continue;
    schema[union] = schema[union].filter((_branch, i) => !isNullSchema(input[union][i]));
    nullable = true;
    if (schema[union].length === 1 && !schema.discriminator) {
      const [only] = schema[union];
      delete schema[union];
      if ('$ref' in only) schema.allOf = [...(schema.allOf ?? []), only];
      else if (Object.keys(only).every((key) => !(key in schema))) Object.assign(schema, only);
      else schema.allOf = [...(schema.allOf ?? []), only];
    }
  }
  if (nullable) {
    schema.nullable = true;
    if (schema.type === undefined) {
      // 3.0 ignores `nullable` without `type`: the type all branches share, else a union of
      // different types gains a typed null branch (`enum: [null]` is how 3.0 spells "only null").
      const type = singleType(original, resolve);
      if (type) schema.type = type;
      else if (schema.enum?.length === 1 && schema.enum[0] === null) schema.type = 'string';
      else {
        delete schema.nullable;
        const union = schema.oneOf ? 'oneOf' : 'anyOf';
        const branches = schema[union] ?? (schema.allOf?.length === 1 ? schema.allOf.splice(0) : undefined);
        if (schema.allOf?.length === 0) delete schema.allOf;
        if (branches) schema[union] = [...branches, { type: 'string', nullable: true, enum: [null] }];
        else schema.nullable = true;
      }
    }
  }
  // A $ref's siblings are ignored in 3.0 (and linters reject them): constraints move beside it into
  // an allOf; annotations alone (a description) are dropped, as a 3.0 reader would ignore them.
  if ('$ref' in schema && Object.keys(schema).length > 1) {
    const { $ref, ...rest } = schema;
    if (Object.keys(rest).every((key) => ANNOTATIONS.has(key))) return { $ref };
    return { ...rest, allOf: [{ $ref }, ...(rest.allOf ?? [])] };
  }
  return schema;
}

/**
 * A parameter's union of `boolean` and the strings `true`/`false` (how a boolean looks in a query)
 * is a boolean: 3.0 generators need a parameter's type, and a union of types has none.
 */
function parameterSchema(schema) {
  const branches = schema?.anyOf ?? schema?.oneOf;
  if (schema?.type !== undefined || !Array.isArray(branches) || branches.length !== 2) return schema;
  const isBoolean = branches.some((branch) => branch.type === 'boolean' && !branch.enum);
  const isBooleanText = branches.some(
    (branch) => branch.type === 'string' && [...(branch.enum ?? [])].sort().join() === 'false,true',
  );
  if (!isBoolean || !isBooleanText) return schema;
  const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
  return { ...rest, type: 'boolean' };
}

/**
 * `allOf: [{ $ref: Base }, { properties: { p } }]` where Base also declares `p` differently: in JSON
 * Schema both apply (the redeclaration narrows Base's), but generators that map allOf to inheritance
 * (AutoRest: "duplicate property with mismatched types") cannot type one property twice. The
 * reference is replaced by a copy of Base without the redeclared properties (Base itself is kept).
 */
function inlineRedeclaredBases(schema, schemas) {
  if (!isObject(schema) || !Array.isArray(schema.allOf)) return;
  // A property declared both beside the allOf and in one of its inline members (what merging a
  // page's field table into a published composition leaves): the member's declaration is kept, the
  // one beside it dropped; the member is the composition's own, usually the precise one.
  for (const name of Object.keys(isObject(schema.properties) ? schema.properties : {})) {
    const inMember = schema.allOf.some((part) => isObject(part?.properties?.[name]));
    if (inMember) delete schema.properties[name];
  }
  if (isObject(schema.properties) && Object.keys(schema.properties).length === 0) delete schema.properties;
  const declared = new Map();
  for (const part of [schema, ...schema.allOf]) {
    if (typeof part?.$ref === 'string') continue;
    for (const [name, value] of Object.entries(isObject(part?.properties) ? part.properties : {})) {
      declared.set(name, JSON.stringify(value));
    }
  }
  schema.allOf = schema.allOf.map((part) =>
    typeof part?.$ref === 'string' ? withoutClashes(part, declared, schemas) : part,
  );
}

/**
 * `part` (a reference or an inline schema) without the properties that `declared` declares
 * differently, at any depth of its allOf chain (references followed and copied); `part` itself
 * when nothing clashes.
 */
function withoutClashes(part, declared, schemas, seen = new Set()) {
  const ref = typeof part?.$ref === 'string' ? part.$ref : undefined;
  const base = ref ? schemas[ref.split('/').pop()] : part;
  if (!isObject(base) || (ref && seen.has(ref))) return part;
  const inner = ref ? new Set([...seen, ref]) : seen;
  const clashes = Object.entries(isObject(base.properties) ? base.properties : {})
    .filter(([name, value]) => declared.has(name) && declared.get(name) !== JSON.stringify(value))
    .map(([name]) => name);
  const allOf = Array.isArray(base.allOf)
    ? base.allOf.map((sub) => withoutClashes(sub, declared, schemas, inner))
    : undefined;
  if (clashes.length === 0 && !allOf?.some((sub, i) => sub !== base.allOf[i])) return part;
  const copy = structuredClone({ ...base, ...(allOf ? { allOf } : {}) });
  for (const name of clashes) delete copy.properties[name];
  if (Array.isArray(copy.required)) {
    copy.required = copy.required.filter((name) => !clashes.includes(name));
    if (copy.required.length === 0) delete copy.required;
  }
  return copy;
}

/**
 * 4XX and 5XX answers carry `x-ms-error-response: true`, AutoRest's word for "an error, not a
 * result": without it AutoRest Go makes every status code a result case, and fails on the ones Go
 * has no constant for (524, 529).
 */
function errorMarked(status, response) {
  if (!/^[45]/.test(status) || !isObject(response) || '$ref' in response) return response;
  return { ...response, 'x-ms-error-response': true };
}

/**
 * The enum branch of each open enum (`x-enum-varnames`, scripts/normalize/steps/open-enums.mjs) also
 * gets AutoRest's `x-ms-enum`: a type name (the component's, or its parent's and property's, then
 * `Known`: the component's own name is the union's) and a
 * name per value, `modelAsString` (an open set). The union around it stays, so new values still pass.
 */
function nameEnumBranches(schemas) {
  const taken = new Set(Object.keys(schemas));
  const visit = (node, name) => {
    if (!isObject(node)) return;
    for (const union of ['anyOf', 'oneOf']) {
      const branch = node[union]?.find((sub) => Array.isArray(sub?.['x-enum-varnames']) && Array.isArray(sub.enum));
      if (!branch) continue;
      let unique = `${name}Known`;
      for (let n = 2; taken.has(unique); n++) unique = `${name}Known${n}`;
      taken.add(unique);
      branch['x-ms-enum'] = {
        name: unique,
        modelAsString: true,
        values: branch.enum.map((value, i) => ({ value, name: branch['x-enum-varnames'][i] })),
      };
    }
    for (const [property, sub] of Object.entries(isObject(node.properties) ? node.properties : {})) {
      visit(sub, name + pascal(property));
    }
    for (const key of ['items', 'additionalProperties'])
      visit(node[key], `${name}${key === 'items' ? 'Item' : 'Value'}`);
    for (const key of ['allOf', 'anyOf', 'oneOf']) for (const sub of node[key] ?? []) visit(sub, name);
  };
  for (const [name, value] of Object.entries(schemas)) visit(value, name);
}

const pascal = (text) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** Calls `fn` on a schema and every schema inside it (properties, items, compositions). */
function eachSchema(schema, fn) {
  if (!isObject(schema)) return;
  fn(schema);
  for (const sub of Object.values(isObject(schema.properties) ? schema.properties : {})) eachSchema(sub, fn);
  for (const key of ['items', 'additionalProperties', 'not']) eachSchema(schema[key], fn);
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const sub of schema[key] ?? []) eachSchema(sub, fn);
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const mapValues = (object, fn) => Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
const omit = (object, keys) => Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));

/** The whole document in OpenAPI 3.0.3; the input is not changed. */
export function toOpenApi30(document) {
  const resolve = (ref) => {
    const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
    return name === undefined
      ? undefined
      : document.components?.schemas?.[name.replace(/~1/g, '/').replace(/~0/g, '~')];
  };
  const schema = (value) => schemaTo30(value, resolve);
  const media = (content) =>
    mapValues(content, (entry) => {
      const out = { ...entry };
      if ('schema' in out) out.schema = schema(out.schema);
      if ('x-sse-data' in out) out['x-sse-data'] = schema(out['x-sse-data']);
      return out;
    });
  // Parameters, headers, request bodies and responses: their schema, or their content's.
  const holder = (value) => {
    if (!isObject(value) || '$ref' in value) return value;
    const out = { ...value };
    if ('schema' in out) out.schema = 'in' in out ? parameterSchema(schema(out.schema)) : schema(out.schema);
    if (isObject(out.content)) out.content = media(out.content);
    if (isObject(out.headers)) out.headers = mapValues(out.headers, holder);
    return out;
  };
  const operation = (value) => {
    const out = { ...value };
    if (Array.isArray(out.parameters)) out.parameters = out.parameters.map(holder);
    if (out.requestBody) out.requestBody = holder(out.requestBody);
    if (isObject(out.responses)) {
      out.responses = Object.fromEntries(
        Object.entries(out.responses).map(([status, response]) => [status, errorMarked(status, holder(response))]),
      );
    }
    return out;
  };

  const { openapi: _version, webhooks: _webhooks, jsonSchemaDialect: _dialect, ...rest } = document;
  const info = { ...document.info };
  delete info.summary;
  if (info.license) {
    info.license = { ...info.license };
    // 3.0 has only name and url: the SPDX identifier becomes the license's SPDX page.
    if (info.license.identifier && !info.license.url)
      info.license.url = `https://spdx.org/licenses/${info.license.identifier}.html`;
    delete info.license.identifier;
  }
  const paths = mapValues(document.paths ?? {}, (item) =>
    Object.fromEntries(
      Object.entries(item).map(([key, value]) => [
        key,
        METHODS.includes(key) ? operation(value) : key === 'parameters' ? value.map(holder) : value,
      ]),
    ),
  );
  const components = { ...document.components };
  if (components.schemas) {
    components.schemas = mapValues(components.schemas, schema);
    nameEnumBranches(components.schemas);
    for (const value of Object.values(components.schemas)) {
      eachSchema(value, (node) => inlineRedeclaredBases(node, components.schemas));
    }
  }
  for (const kind of ['parameters', 'headers', 'requestBodies', 'responses']) {
    if (components[kind]) components[kind] = mapValues(components[kind], holder);
  }
  delete components.pathItems;
  return { openapi: '3.0.3', ...omit(rest, ['info', 'paths', 'components']), info, paths, components };
}
