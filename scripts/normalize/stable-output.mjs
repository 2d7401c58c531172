import { isObject } from './walk.mjs';

// Key order for the written document: the usual reading order of OpenAPI and JSON Schema
// keywords first, then everything else alphabetically. Maps keyed by names (paths, schemas,
// properties, responses) are sorted by name, so the output does not depend on page order.

const KEYWORD_ORDER = [
  'openapi',
  'info',
  'servers',
  'security',
  'tags',
  'paths',
  'components',
  'title',
  'version',
  'summary',
  'operationId',
  'description',
  'name',
  'in',
  'required',
  '$ref',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'default',
  'items',
  'properties',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
  'discriminator',
  'parameters',
  'requestBody',
  'responses',
  'content',
  'schema',
  'example',
  'examples',
];
const NAME_MAPS = new Set([
  'paths',
  'schemas',
  'properties',
  'responses',
  'securitySchemes',
  'content',
  'examples',
  '$defs',
  'patternProperties',
]);
const rank = (key) => {
  const i = KEYWORD_ORDER.indexOf(key);
  return i === -1 ? KEYWORD_ORDER.length : i;
};

// Code-point order, not localeCompare: the output must not depend on the machine's locale.
const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** A deep copy of `value` with keys in a stable order; `required` lists sorted. */
export function stableOrder(value, parentKey = '') {
  if (Array.isArray(value)) {
    const items = value.map((item) => stableOrder(item));
    return parentKey === 'required' ? [...items].sort() : items;
  }
  if (!isObject(value)) return value;
  const byName = NAME_MAPS.has(parentKey) && !(parentKey === 'properties' && isSchemaLike(value));
  const keys = Object.keys(value).sort((a, b) => (byName ? byCodePoint(a, b) : rank(a) - rank(b) || byCodePoint(a, b)));
  return Object.fromEntries(keys.map((key) => [key, stableOrder(value[key], key)]));
}

// A property named "properties" inside a schema would be a schema, not a map of them.
function isSchemaLike(value) {
  return typeof value.type === 'string' && !isObject(value.type);
}
